import * as React from '@theia/core/shared/react';
import { SafeConfirmDialog } from '@presswork/platform/lib/browser/safe-confirm-dialog';
import { WorkflowCollectionNames } from '../common/workflow-collections';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { z } from 'zod';
import { ActivityUiRegistry } from '@presswork/platform/lib/common/activity-ui-registry';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import { FormDialog } from '@presswork/platform/lib/browser/form-dialog';
import { PressworkViewWidget } from '@presswork/platform/lib/browser/presswork-view-widget';
import { downloadText, pickTextFile } from '@presswork/platform/lib/browser/download';
import { RetainActivity } from '../common/supplied-activities';
import { defaultNewStepId, defaultPropertiesOf } from '../common/workflow-editor-model';
import { WorkflowContent, WorkflowService, WorkflowSummary } from '../common/workflow-protocol';
import { WorkflowEditorOpener } from './workflow-editor-contribution';
import { WorkflowVersionsDialog } from './workflow-versions-dialog';
import { formatDateTime } from '@presswork/platform/lib/common/presswork-format';

/** The collection of saved versions (the workflow extension's backend declares it). */
const WORKFLOW_VERSIONS_COLLECTION = WorkflowCollectionNames.versions;

const NameSchema = z.object({
    name: z.string().trim().min(1, nls.localize('presswork/workflow/nameRequired', 'Name is required')).max(100, nls.localize('presswork/workflow/nameTooLong', 'Name: at most 100 characters')),
    description: z.string().max(2000, nls.localize('presswork/workflow/descriptionTooLong', 'Description: at most 2000 characters')).default('')
});

/** A new workflow may be saved as it is: Create Job to receive, Retain to complete. */
export function newWorkflowContent(name: string, description: string): WorkflowContent {
    const taken = new Set<string>();
    const createJob = defaultNewStepId(ActivityTypes.createJob, taken);
    return {
        name,
        description,
        jobDefaults: {},
        jobOverrides: {},
        phases: {
            Receive: [{ id: createJob, activity: ActivityTypes.createJob, properties: {} }],
            Prepare: [],
            Print: [],
            Complete: [{ id: defaultNewStepId(ActivityTypes.retain, new Set([createJob])), activity: ActivityTypes.retain, properties: defaultPropertiesOf(RetainActivity) }]
        }
    };
}

/**
 * The Workflows view: every workflow with its state, steps and last change. Administrators create,
 * copy, rename, delete, export, import and restore versions; operators enable and disable them and
 * open them read-only. Updates live.
 */
@injectable()
export class WorkflowsWidget extends PressworkViewWidget {
    static readonly ID = 'presswork-workflows';
    static readonly LABEL = nls.localize('presswork/workflow/workflows', 'Workflows');

    @inject(WorkflowService) protected readonly service: WorkflowService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;
    @inject(WorkflowEditorOpener) protected readonly opener: WorkflowEditorOpener;
    @inject(ActivityUiRegistry) protected readonly activities: ActivityUiRegistry;

    protected workflows: WorkflowSummary[] = [];

    @postConstruct()
    protected init(): void {
        this.setUpView({ id: WorkflowsWidget.ID, label: WorkflowsWidget.LABEL, icon: 'type-hierarchy', collections: [CollectionNames.workflows, WORKFLOW_VERSIONS_COLLECTION] });
    }

    protected get manages(): boolean {
        return this.currentUser.can('workflows.manage');
    }

    protected async load(): Promise<void> {
        await this.currentUser.load();
        this.workflows = (await this.service.listWorkflows()).sort((a, b) => a.name.localeCompare(b.name));
    }

    protected render(): React.ReactNode {
        return <div className='presswork-view'>
            {this.manages && <div className='presswork-toolbar'>
                <button className='theia-button' onClick={this.create}>{nls.localize('presswork/workflow/newWorkflow', 'New…')}</button>
                <button className='theia-button secondary' onClick={this.importWorkflows}>{nls.localize('presswork/workflow/import', 'Import…')}</button>
                <button className='theia-button secondary' onClick={this.exportAll} disabled={!this.workflows.length}>{nls.localize('presswork/workflow/exportAll', 'Export all')}</button>
            </div>}
            {this.renderError()}
            {this.workflows.length ? this.renderTable() : <p>{nls.localize('presswork/workflow/noWorkflows', 'No workflows yet.')}{this.manages ? ` ${nls.localize('presswork/workflow/noWorkflowsCreate', 'Create one with New….')}` : ''}</p>}
        </div>;
    }

    protected renderTable(): React.ReactNode {
        const operates = this.currentUser.can('workflows.operate');
        return <table className='presswork-table presswork-workflows-table' aria-label={nls.localize('presswork/workflow/workflows', 'Workflows')}>
            <thead><tr><th>{nls.localize('presswork/workflow/workflowName', 'Name')}</th><th>{nls.localize('presswork/workflow/printerEnabled', 'Enabled')}</th><th>{nls.localize('presswork/workflow/steps', 'Steps')}</th><th>{nls.localize('presswork/workflow/updated', 'Updated')}</th><th></th></tr></thead>
            <tbody>{this.workflows.map(workflow => <tr key={workflow.id} data-workflow={workflow.name} data-workflow-id={workflow.id}>
                <td title={workflow.description}>
                    <button className='presswork-link-button' onClick={() => this.open(workflow)}>{workflow.name}</button>
                    {workflow.description && <div className='presswork-form-help'>{workflow.description}</div>}
                </td>
                <td><input type='checkbox' checked={workflow.enabled} disabled={!operates} aria-label={nls.localize('presswork/workflow/enabledOf', 'Enabled: {0}', workflow.name)}
                    onChange={event => this.setEnabled(workflow, event.target.checked)} /></td>
                <td>{workflow.steps}</td>
                <td>{workflow.updatedBy
                    ? nls.localize('presswork/workflow/updatedBy', '{0} by {1}', formatDateTime(workflow.updatedAt), workflow.updatedBy)
                    : formatDateTime(workflow.updatedAt)}</td>
                <td className='presswork-row-actions'>
                    <button className='theia-button secondary' onClick={() => this.open(workflow)}>{nls.localize('presswork/workflow/open', 'Open')}</button>
                    {this.manages && <>
                        <button className='theia-button secondary' onClick={() => this.act(() => this.service.copyWorkflow(workflow.id))}>{nls.localize('presswork/workflow/copy', 'Copy')}</button>
                        <button className='theia-button secondary' onClick={() => this.rename(workflow)}>{nls.localize('presswork/workflow/renameButton', 'Rename…')}</button>
                        <button className='theia-button secondary' onClick={() => this.exportOne(workflow)}>{nls.localize('presswork/workflow/export', 'Export')}</button>
                    </>}
                    <button className='theia-button secondary' onClick={() => this.showVersions(workflow)}>{nls.localize('presswork/workflow/versionsButton', 'Versions…')}</button>
                    {this.manages && <button className='theia-button secondary' onClick={() => this.remove(workflow)}>{nls.localize('presswork/workflow/deleteButton', 'Delete…')}</button>}
                </td>
            </tr>)}</tbody>
        </table>;
    }

    protected async open(workflow: WorkflowSummary): Promise<void> {
        await this.opener.open(workflow.id);
    }

    /** Shows the switch at once; if the server refuses, the reload puts it back. */
    protected async setEnabled(workflow: WorkflowSummary, enabled: boolean): Promise<void> {
        this.workflows = this.workflows.map(candidate => candidate.id === workflow.id ? { ...candidate, enabled } : candidate);
        this.update();
        await this.act(() => this.service.setWorkflowEnabled(workflow.id, enabled));
    }

    protected create = async (): Promise<void> => {
        let created: string | undefined;
        await new FormDialog({
            title: nls.localize('presswork/workflow/newWorkflowTitle', 'New workflow'),
            acceptLabel: nls.localize('presswork/workflow/create', 'Create'),
            fields: [
                { name: 'name', label: nls.localize('presswork/workflow/workflowName', 'Name'), kind: 'text' },
                { name: 'description', label: nls.localize('presswork/workflow/workflowDescription', 'Description'), kind: 'text' }
            ],
            schema: NameSchema,
            submit: async ({ name, description }) => {
                created = (await this.service.createWorkflow(newWorkflowContent(name, description))).id;
            }
        }).open();
        if (created) {
            await this.reload();
            await this.opener.open(created);
        }
    };

    protected async rename(workflow: WorkflowSummary): Promise<void> {
        await new FormDialog({
            title: nls.localize('presswork/workflow/renameTitle', 'Rename {0}', workflow.name),
            acceptLabel: nls.localize('presswork/workflow/rename', 'Rename'),
            fields: [{ name: 'name', label: nls.localize('presswork/workflow/workflowName', 'Name'), kind: 'text', initial: workflow.name }],
            schema: NameSchema.pick({ name: true }),
            submit: ({ name }) => this.service.renameWorkflow(workflow.id, workflow.version, name)
        }).open();
    }

    protected async remove(workflow: WorkflowSummary): Promise<void> {
        const confirmed = await new SafeConfirmDialog({
            title: nls.localize('presswork/workflow/deleteWorkflowTitle', 'Delete workflow'),
            msg: nls.localize('presswork/workflow/deleteWorkflowMessage', 'Delete the workflow {0} and its versions?', workflow.name),
            ok: nls.localize('presswork/workflow/delete', 'Delete')
        }).open();
        if (confirmed) {
            await this.act(() => this.service.deleteWorkflow(workflow.id, workflow.version));
        }
    }

    protected async showVersions(workflow: WorkflowSummary): Promise<void> {
        const labels = new Map(this.activities.all().map(activity => [activity.type, activity.label]));
        await new WorkflowVersionsDialog({
            workflow,
            service: this.service,
            canRestore: this.manages,
            activityLabel: type => labels.get(type) ?? type,
            onRestored: restored => this.messages.info(nls.localize('presswork/workflow/restored', '{0} is back as it was, saved as version {1}.', restored.name, restored.version))
        }).open();
    }

    protected async exportOne(workflow: WorkflowSummary): Promise<void> {
        await this.act(async () => downloadText(`${fileNameOf(workflow.name)}.workflow.json`, await this.service.exportWorkflows([workflow.id])));
    }

    protected exportAll = async (): Promise<void> => {
        await this.act(async () => downloadText('presswork-workflows.json', await this.service.exportWorkflows(this.workflows.map(workflow => workflow.id))));
    };

    protected importWorkflows = async (): Promise<void> => {
        const json = await pickTextFile('application/json,.json');
        if (json !== undefined) {
            await this.act(async () => {
                const imported = await this.service.importWorkflows(json);
                this.messages.info(nls.localize('presswork/workflow/imported', 'Imported {0} workflow(s): {1}.', imported.length, imported.map(workflow => workflow.name).join(', ')));
            });
        }
    };
}

function fileNameOf(name: string): string {
    return name.trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'workflow';
}
