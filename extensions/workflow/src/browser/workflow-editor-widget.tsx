import * as React from '@theia/core/shared/react';
import { SafeConfirmDialog } from '@presswork/platform/lib/browser/safe-confirm-dialog';
import { nls } from '@theia/core/lib/common/nls';
import { WorkflowCollectionNames } from '../common/workflow-collections';
import { inject, injectable, named, postConstruct } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { ReactWidget } from '@theia/core/lib/browser/widgets/react-widget';
import { Message, codicon } from '@theia/core/lib/browser/widgets/widget';
import { Saveable, SaveableSource, setDirty } from '@theia/core/lib/browser/saveable';
import { ContextKey, ContextKeyService } from '@theia/core/lib/browser/context-key-service';
import { CommandService } from '@theia/core/lib/common/command';
import { Emitter } from '@theia/core/lib/common/event';
import { MessageService } from '@theia/core/lib/common/message-service';
import { ActivityUiRegistry } from '@presswork/platform/lib/common/activity-ui-registry';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import type { DocumentDelta } from '@presswork/platform/lib/common/change-feed-protocol';
import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { ChangeFeedService } from '@presswork/platform/lib/browser/change-feed-service';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import type { CustomActivity } from '../common/custom-activity-schema';
import { CONDITION_JOB_FIELDS } from '../common/supplied-activities';
import { WorkflowEditorModel } from '../common/workflow-editor-model';
import { WorkflowService } from '../common/workflow-protocol';
import { hasErrors } from '../common/workflow-validation';
import { ActivityCatalog, buildActivityCatalog } from './activity-catalog';
import { JobDefaultsDialog } from './job-defaults-dialog';
import { FormDialog } from '@presswork/platform/lib/browser/form-dialog';
import { z } from 'zod';
import { SaveConflictDialog } from './save-conflict-dialog';
import { copyName, isSaveConflict } from './save-conflict';
import { WorkflowCommands, WorkflowContextKeys } from './workflow-commands';
import { DesignerContext, DesignerHost, WorkflowDesignerController } from './workflow-designer-controller';
import { WorkflowDesigner } from './workflow-designer';
import { formatDateTime } from '@presswork/platform/lib/common/presswork-format';

const CustomActivityNameSchema = z.object({
    label: z.string().trim().min(1, nls.localize('presswork/workflow/giveItAName', 'Give it a name')).max(100),
    description: z.string().max(2000)
});

export const WorkflowEditorOptions = Symbol('WorkflowEditorOptions');
export interface WorkflowEditorOptions {
    readonly workflowId: string;
}

/** The collection of custom activities (the workflow extension's backend declares it). */
const CUSTOM_ACTIVITIES_COLLECTION = WorkflowCollectionNames.customActivities;

/**
 * The workflow editor of one workflow, in the main area: palette, lanes, properties, problems.
 * Saving goes through Theia's Saveable, so the tab shows the dirty dot, Ctrl+S saves and closing
 * asks before dropping changes. A save refused because someone else saved first never overwrites:
 * the user reloads or saves a copy.
 */
@injectable()
export class WorkflowEditorWidget extends ReactWidget implements SaveableSource, DesignerHost {
    static readonly FACTORY_ID = 'presswork-workflow-editor';
    static idFor(workflowId: string): string {
        return `${WorkflowEditorWidget.FACTORY_ID}:${workflowId}`;
    }

    @inject(WorkflowEditorOptions) readonly options: WorkflowEditorOptions;
    @inject(WorkflowService) protected readonly service: WorkflowService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;
    @inject(ChangeFeedService) protected readonly changeFeed: ChangeFeedService;
    @inject(MessageService) protected readonly messages: MessageService;
    @inject(ILogger) @named('workflow:WorkflowEditorWidget') protected readonly logger: ILogger;
    @inject(ContextKeyService) protected readonly contextKeys: ContextKeyService;
    @inject(CommandService) protected readonly commands: CommandService;
    @inject(ActivityUiRegistry) protected readonly activities: ActivityUiRegistry;

    protected controller: WorkflowDesignerController | undefined;
    protected error: string | undefined;
    protected customs: CustomActivity[] = [];
    protected saving = false;
    /** The newest version the change feed told of. */
    protected newestVersion = 0;
    protected deleted = false;
    protected stepFocusKey: ContextKey<boolean> | undefined;

    protected readonly onDirtyChangedEmitter = new Emitter<void>();
    protected readonly onContentChangedEmitter = new Emitter<void>();
    readonly saveable: Saveable = this.createSaveable();

    @postConstruct()
    protected init(): void {
        this.id = WorkflowEditorWidget.idFor(this.options.workflowId);
        this.title.label = nls.localize('presswork/workflow/workflowTitle', 'Workflow');
        this.title.caption = nls.localize('presswork/workflow/workflowTitle', 'Workflow');
        this.title.iconClass = codicon('type-hierarchy-sub');
        this.title.closable = true;
        this.addClass('presswork-workflow-editor');
        this.node.tabIndex = -1;
        this.toDispose.pushAll([this.onDirtyChangedEmitter, this.onContentChangedEmitter]);

        const scoped = this.contextKeys.createScoped(this.node);
        if ((scoped as unknown) !== this.contextKeys) {
            this.toDispose.push(scoped);
        }
        scoped.createKey<boolean>(WorkflowContextKeys.EDITOR_FOCUS, true);
        this.stepFocusKey = scoped.createKey<boolean>(WorkflowContextKeys.STEP_FOCUS, false);
        const trackFocus = (event: FocusEvent): void => {
            const target = event.target as HTMLElement | null;
            this.stepFocusKey?.set(!!target?.closest?.('.presswork-step-card, .presswork-workflow-lane-body'));
        };
        this.node.addEventListener('focusin', trackFocus);
        this.toDispose.push({ dispose: () => this.node.removeEventListener('focusin', trackFocus) });

        this.toDispose.push(this.changeFeed.watch(CollectionNames.workflows, deltas => this.onWorkflowDeltas(deltas)));
        this.toDispose.push(this.changeFeed.watch(CollectionNames.printers, () => this.reloadPrinters()));
        this.toDispose.push(this.changeFeed.watch(CUSTOM_ACTIVITIES_COLLECTION, () => this.reloadCatalog()));
        this.toDispose.push(this.changeFeed.onDidReconnect(() => this.refresh()));
        this.load();
    }

    get model(): WorkflowEditorModel | undefined {
        return this.controller?.model;
    }

    get designer(): WorkflowDesignerController | undefined {
        return this.controller;
    }

    protected createSaveable(): Saveable {
        const isDirty = (): boolean => !!this.controller?.model.dirty;
        return {
            get dirty(): boolean {
                return isDirty();
            },
            autosaveable: false,
            onDirtyChanged: this.onDirtyChangedEmitter.event,
            onContentChanged: this.onContentChangedEmitter.event,
            save: () => this.save()
        };
    }

    // ---- loading ----

    protected async load(): Promise<void> {
        try {
            await this.currentUser.load();
            const [workflow, printers, customs] = await Promise.all([
                this.service.getWorkflow(this.options.workflowId),
                this.service.listPrinterChoices(),
                this.service.listCustomActivities()
            ]);
            this.customs = customs;
            const catalog = this.buildCatalog();
            const readOnly = !this.currentUser.can('workflows.manage');
            const context: DesignerContext = {
                catalog,
                printers,
                knownProperties: [...CONDITION_JOB_FIELDS],
                readOnly,
                canEditJobDefaults: !readOnly || this.currentUser.can('workflows.operate'),
                saving: false
            };
            if (this.controller) {
                this.controller.model.reset(workflow);
                this.controller.updateContext(context);
            } else {
                const model = new WorkflowEditorModel(workflow, { activities: type => this.controller?.context.catalog.get(type) ?? catalog.get(type), readOnly });
                this.controller = new WorkflowDesignerController(model, context, this);
                this.toDispose.pushAll([model, this.controller]);
                this.toDispose.push(model.onDidChangeDirty(dirty => {
                    // The shell's saveable service does the same; setting it here keeps the dot right on its own.
                    setDirty(this, dirty);
                    this.onDirtyChangedEmitter.fire();
                }));
                this.toDispose.push(model.onDidChange(change => {
                    if (change.kind === 'edit' || change.kind === 'undo' || change.kind === 'redo' || change.kind === 'reset') {
                        this.onContentChangedEmitter.fire();
                        this.updateTitle();
                    }
                }));
            }
            this.newestVersion = Math.max(this.newestVersion, workflow.version);
            this.error = undefined;
        } catch (error) {
            this.error = messageOf(error);
        }
        this.updateTitle();
        this.update();
    }

    protected buildCatalog(): ActivityCatalog {
        return buildActivityCatalog(this.activities.all(), this.customs);
    }

    protected async reloadPrinters(): Promise<void> {
        try {
            this.controller?.updateContext({ printers: await this.service.listPrinterChoices() });
        } catch (error) {
            this.logger.warn('Reloading printers failed', error);
        }
    }

    protected async reloadCatalog(): Promise<void> {
        try {
            this.customs = await this.service.listCustomActivities();
            this.controller?.updateContext({ catalog: this.buildCatalog() });
        } catch (error) {
            this.logger.warn('Reloading custom activities failed', error);
        }
    }

    /** After a reconnect: what changed meanwhile was not announced. */
    protected async refresh(): Promise<void> {
        if (!this.controller) {
            return this.load();
        }
        await Promise.all([this.reloadPrinters(), this.reloadCatalog()]);
        try {
            const latest = await this.service.getWorkflow(this.options.workflowId);
            this.newestVersion = Math.max(this.newestVersion, latest.version);
        } catch (error) {
            if (PressworkError.NotFound.is(error as object)) {
                this.deleted = true;
            }
        }
        await this.checkForNewerVersion();
    }

    protected onWorkflowDeltas(deltas: DocumentDelta[]): void {
        for (const delta of deltas) {
            if (delta.id === this.options.workflowId) {
                if (delta.kind === 'deleted') {
                    this.deleted = true;
                } else {
                    this.newestVersion = Math.max(this.newestVersion, delta.version);
                }
            }
        }
        this.checkForNewerVersion();
    }

    /**
     * Someone else saved (or deleted) the workflow. Without local changes the editor shows the new
     * version; with them it says so at once, before a save would be refused.
     */
    protected async checkForNewerVersion(): Promise<void> {
        const controller = this.controller;
        if (!controller || this.saving) {
            return;
        }
        if (this.deleted) {
            const message = controller.model.dirty
                ? nls.localize('presswork/workflow/deletedDirty', 'This workflow was deleted by someone else. Save your version as a copy to keep it.')
                : nls.localize('presswork/workflow/deleted', 'This workflow was deleted by someone else.');
            controller.updateContext({ notice: { kind: 'deleted', message } });
            return;
        }
        if (this.newestVersion <= (controller.model.base.version ?? 0)) {
            return;
        }
        try {
            const latest = await this.service.getWorkflow(this.options.workflowId);
            if (latest.version <= (controller.model.base.version ?? 0)) {
                return;
            }
            if (!controller.model.dirty) {
                controller.model.reset(latest);
                controller.updateContext({ notice: undefined });
            } else {
                const by = latest.updatedBy ?? nls.localize('presswork/workflow/someone', 'someone');
                controller.updateContext({
                    notice: {
                        kind: 'stale',
                        message: nls.localize('presswork/workflow/changedBy', 'Changed by {0} at {1} since you opened it: your changes cannot be saved over that version. Reload it (your changes are dropped) or save yours as a copy.', by, formatDateTime(latest.updatedAt))
                    }
                });
            }
        } catch (error) {
            this.logger.warn('Checking for a newer version failed', error);
        }
    }

    // ---- DesignerHost ----

    async save(): Promise<void> {
        const controller = this.controller;
        if (!controller || controller.context.readOnly || this.saving || !controller.model.dirty) {
            return;
        }
        const model = controller.model;
        const problems = controller.problems;
        if (hasErrors(problems)) {
            const { errors } = controller.counts;
            this.messages.warn(errors === 1
                ? nls.localize('presswork/workflow/saveBlockedOne', '{0}: {1} error blocks saving. The problems list shows where.', model.draft.name, errors)
                : nls.localize('presswork/workflow/saveBlocked', '{0}: {1} errors block saving. The problems list shows where.', model.draft.name, errors));
            const first = problems.find(problem => problem.severity === 'error');
            if (first) {
                controller.reveal(first);
            }
            return;
        }
        const { id, version } = model.base;
        if (!id || !version) {
            return;
        }
        const sent = model.draft;
        this.setSaving(true);
        try {
            const saved = await this.service.saveWorkflow(id, version, model.toContent(sent));
            model.markSaved(saved, sent);
            this.newestVersion = Math.max(this.newestVersion, saved.version);
            controller.updateContext({ notice: undefined });
        } catch (error) {
            if (isSaveConflict(error)) {
                this.setSaving(false);
                await this.resolveConflict(messageOf(error));
            } else {
                this.messages.error(nls.localize('presswork/workflow/couldNotSave', 'Could not save {0}: {1}', model.draft.name, messageOf(error)));
            }
        } finally {
            this.setSaving(false);
        }
        await this.checkForNewerVersion();
    }

    protected setSaving(saving: boolean): void {
        if (this.saving !== saving) {
            this.saving = saving;
            this.controller?.updateContext({ saving });
        }
    }

    protected async resolveConflict(reason: string): Promise<void> {
        const name = this.controller?.model.draft.name ?? nls.localize('presswork/workflow/theWorkflow', 'the workflow');
        const choice = await new SaveConflictDialog(name, reason).open();
        if (choice === 'reload') {
            await this.discardAndReload();
        } else if (choice === 'copy') {
            await this.saveAsCopy();
        }
    }

    async reload(): Promise<void> {
        if (this.controller?.model.dirty) {
            const confirmed = await new SafeConfirmDialog({
                title: nls.localize('presswork/workflow/reloadTitle', 'Reload workflow'),
                msg: nls.localize('presswork/workflow/reloadMessage', 'Drop your unsaved changes and show the newest version?'),
                ok: nls.localize('presswork/workflow/reload', 'Reload')
            }).open();
            if (!confirmed) {
                return;
            }
        }
        await this.discardAndReload();
    }

    protected async discardAndReload(): Promise<void> {
        const controller = this.controller;
        try {
            const latest = await this.service.getWorkflow(this.options.workflowId);
            controller?.model.reset(latest);
            controller?.updateContext({ notice: undefined });
            this.newestVersion = Math.max(this.newestVersion, latest.version);
        } catch (error) {
            this.messages.error(nls.localize('presswork/workflow/couldNotReload', 'Could not reload: {0}', messageOf(error)));
        }
    }

    /** Saves the draft as a new workflow and opens it; this editor then shows the stored version. */
    async saveAsCopy(): Promise<void> {
        const controller = this.controller;
        if (!controller || controller.context.readOnly) {
            return;
        }
        const content = controller.model.toContent();
        try {
            const copy = await this.service.createWorkflow({ ...content, name: copyName(content.name) });
            this.messages.info(nls.localize('presswork/workflow/savedAsCopy', 'Your version is saved as {0}.', copy.name));
            if (this.deleted) {
                // Nothing is left to reload: the copy holds the draft, so this editor closes without asking.
                controller.model.markSaved(controller.model.base);
                this.close();
            } else {
                await this.discardAndReload();
            }
            await this.commands.executeCommand(WorkflowCommands.OPEN_EDITOR.id, copy.id);
        } catch (error) {
            this.messages.error(nls.localize('presswork/workflow/couldNotSaveCopy', 'Could not save a copy: {0}', messageOf(error)));
        }
    }

    /** A custom activity from a step: its base activity, with the step's properties as its defaults. */
    async saveStepAsCustomActivity(stepId: string): Promise<void> {
        const controller = this.controller;
        const found = controller?.model.findStep(stepId);
        if (!controller || !found || controller.context.readOnly) {
            return;
        }
        const activity = controller.context.catalog.get(found.step.activity);
        const baseType = activity?.baseType ?? found.step.activity;
        const defaults = { ...activity?.defaults, ...found.step.properties };
        await new FormDialog({
            title: nls.localize('presswork/workflow/saveAsCustomTitleDialog', 'Save as custom activity'),
            acceptLabel: nls.localize('presswork/workflow/save', 'Save'),
            fields: [
                { name: 'label', label: nls.localize('presswork/workflow/nameInPalette', 'Name in the palette'), kind: 'text', initial: found.step.label ?? activity?.label },
                { name: 'description', label: nls.localize('presswork/workflow/workflowDescription', 'Description'), kind: 'text', initial: activity?.description }
            ],
            schema: CustomActivityNameSchema,
            submit: ({ label, description }) => this.service.createCustomActivity({ label, description, baseType, defaults })
        }).open();
    }

    /**
     * Administrators change job defaults and overrides in the draft (saved with the workflow);
     * operators, who cannot edit the workflow, set them directly.
     */
    async editJobDefaults(): Promise<void> {
        const controller = this.controller;
        if (!controller || !controller.context.canEditJobDefaults) {
            return;
        }
        const model = controller.model;
        const draft = model.draft;
        const direct = controller.context.readOnly;
        await new JobDefaultsDialog({
            workflowName: draft.name,
            jobDefaults: { ...draft.jobDefaults },
            jobOverrides: { ...draft.jobOverrides },
            knownProperties: controller.context.knownProperties,
            submit: async ({ jobDefaults, jobOverrides }) => {
                if (!direct) {
                    model.setJobDefaults(jobDefaults, jobOverrides);
                    return;
                }
                const { id, version } = model.base;
                const saved: Workflow = await this.service.setJobDefaults(id!, version!, jobDefaults, jobOverrides);
                this.newestVersion = Math.max(this.newestVersion, saved.version);
                model.reset(saved);
            }
        }).open();
    }

    // ---- commands ----

    undo(): boolean {
        return !!this.controller?.undo();
    }

    redo(): boolean {
        return !!this.controller?.redo();
    }

    moveSelectedStep(direction: -1 | 1): boolean {
        return !!this.controller?.moveSelected(direction);
    }

    deleteSelectedStep(): boolean {
        return !!this.controller?.deleteSelected();
    }

    focusPalette(): void {
        (this.node.querySelector<HTMLElement>('.presswork-workflow-palette-search'))?.focus();
    }

    // ---- widget ----

    protected updateTitle(): void {
        const name = this.controller?.model.draft.name || nls.localize('presswork/workflow/workflowTitle', 'Workflow');
        const readOnly = this.controller?.context.readOnly;
        this.title.label = name;
        this.title.caption = readOnly ? nls.localize('presswork/workflow/workflowCaptionReadOnly', 'Workflow {0} (read-only)', name) : nls.localize('presswork/workflow/workflowCaption', 'Workflow {0}', name);
    }

    protected override onActivateRequest(msg: Message): void {
        super.onActivateRequest(msg);
        if (this.node.contains(document.activeElement) && document.activeElement !== this.node) {
            return;
        }
        const target = this.node.querySelector<HTMLElement>('.presswork-step-card[tabindex="0"]')
            ?? this.node.querySelector<HTMLElement>('.presswork-palette-item')
            ?? this.node;
        target.focus();
    }

    protected render(): React.ReactNode {
        if (!this.controller) {
            return <div className='presswork-view'>
                {this.error
                    ? <>
                        <p className='presswork-error' role='alert'>{this.error}</p>
                        <button className='theia-button' onClick={() => this.load()}>{nls.localize('presswork/workflow/tryAgain', 'Try again')}</button>
                    </>
                    : <p>{nls.localize('presswork/workflow/loadingWorkflow', 'Loading workflow…')}</p>}
            </div>;
        }
        return <WorkflowDesigner controller={this.controller} />;
    }
}
