import { inject, injectable } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { ApplicationShell } from '@theia/core/lib/browser/shell/application-shell';
import { KeybindingContribution, KeybindingRegistry } from '@theia/core/lib/browser/keybinding';
import { UndoRedoHandler } from '@theia/core/lib/browser/undo-redo-handler';
import { WidgetManager } from '@theia/core/lib/browser/widget-manager';
import { CommandContribution, CommandRegistry } from '@theia/core/lib/common/command';
import { MessageService } from '@theia/core/lib/common/message-service';
import { QuickInputService, QuickPickItem, QuickPickInput } from '@theia/core/lib/common/quick-pick-service';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { Phase } from '@presswork/platform/lib/common/job-status';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import { WorkflowService } from '../common/workflow-protocol';
import { phasesText } from './activity-catalog';
import { WorkflowCommands, WorkflowContextKeys } from './workflow-commands';
import { WorkflowEditorWidget, WorkflowEditorOptions } from './workflow-editor-widget';

/** Opens a workflow's editor in the main area, or brings an open one to the front. */
@injectable()
export class WorkflowEditorOpener {
    @inject(WidgetManager) protected readonly widgets: WidgetManager;
    @inject(ApplicationShell) protected readonly shell: ApplicationShell;

    async open(workflowId: string): Promise<WorkflowEditorWidget> {
        const options: WorkflowEditorOptions = { workflowId };
        const widget = await this.widgets.getOrCreateWidget<WorkflowEditorWidget>(WorkflowEditorWidget.FACTORY_ID, options);
        if (!widget.isAttached) {
            await this.shell.addWidget(widget, { area: 'main' });
        }
        await this.shell.activateWidget(widget.id);
        return widget;
    }
}

/**
 * The editor's commands and keys. Each acts on the current workflow editor; the keybindings carry
 * a `when` on context keys set on the editor's element, so they win over Theia's own Ctrl+Z and
 * Ctrl+S there and nowhere else. Delete and Alt+Up/Down act only while a step or lane has focus,
 * so they never take keys from a text field.
 */
@injectable()
export class WorkflowEditorContribution implements CommandContribution, KeybindingContribution, UndoRedoHandler<WorkflowEditorWidget> {
    @inject(ApplicationShell) protected readonly shell: ApplicationShell;
    @inject(WorkflowEditorOpener) protected readonly opener: WorkflowEditorOpener;
    @inject(WorkflowService) protected readonly service: WorkflowService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;
    @inject(QuickInputService) protected readonly quickInput: QuickInputService;
    @inject(MessageService) protected readonly messages: MessageService;

    /** Above the DOM input handler (1000): a text field in the editor edits the model, so undo is the model's. */
    readonly priority = 1500;

    registerCommands(registry: CommandRegistry): void {
        registry.registerCommand(WorkflowCommands.OPEN_EDITOR, {
            execute: (workflowId?: unknown) => typeof workflowId === 'string' ? this.opener.open(workflowId) : this.pickAndOpen(),
            isEnabled: () => this.currentUser.can('workflows.view'),
            isVisible: () => this.currentUser.can('workflows.view')
        });
        const editing = (run: (editor: WorkflowEditorWidget) => unknown, enabled: (editor: WorkflowEditorWidget) => boolean = () => true) => ({
            execute: () => {
                const editor = this.currentEditor();
                return editor ? run(editor) : undefined;
            },
            isEnabled: () => {
                const editor = this.currentEditor();
                return !!editor && enabled(editor);
            },
            isVisible: () => !!this.currentEditor()
        });
        const writable = (editor: WorkflowEditorWidget): boolean => !!editor.model && !editor.model.readOnly;
        registry.registerCommand(WorkflowCommands.SAVE, editing(editor => editor.save(), writable));
        registry.registerCommand(WorkflowCommands.UNDO, editing(editor => editor.undo(), editor => !!editor.model?.canUndo));
        registry.registerCommand(WorkflowCommands.REDO, editing(editor => editor.redo(), editor => !!editor.model?.canRedo));
        registry.registerCommand(WorkflowCommands.MOVE_STEP_UP, editing(editor => editor.moveSelectedStep(-1), editor => writable(editor) && !!editor.model?.selection.stepId));
        registry.registerCommand(WorkflowCommands.MOVE_STEP_DOWN, editing(editor => editor.moveSelectedStep(1), editor => writable(editor) && !!editor.model?.selection.stepId));
        registry.registerCommand(WorkflowCommands.DELETE_STEP, editing(editor => editor.deleteSelectedStep(), editor => writable(editor) && !!editor.model?.selection.stepId));
        registry.registerCommand(WorkflowCommands.ADD_ACTIVITY, editing(editor => this.addActivity(editor), writable));
        registry.registerCommand(WorkflowCommands.JOB_DEFAULTS, editing(editor => editor.editJobDefaults(), editor => !!editor.designer?.context.canEditJobDefaults));
        registry.registerCommand(WorkflowCommands.FOCUS_PALETTE, editing(editor => editor.focusPalette()));
    }

    registerKeybindings(registry: KeybindingRegistry): void {
        const inEditor = WorkflowContextKeys.EDITOR_FOCUS;
        const onSteps = WorkflowContextKeys.STEP_FOCUS;
        registry.registerKeybindings(
            { command: WorkflowCommands.SAVE.id, keybinding: 'ctrlcmd+s', when: inEditor },
            { command: WorkflowCommands.UNDO.id, keybinding: 'ctrlcmd+z', when: inEditor },
            { command: WorkflowCommands.REDO.id, keybinding: 'ctrlcmd+shift+z', when: inEditor },
            { command: WorkflowCommands.REDO.id, keybinding: 'ctrlcmd+y', when: inEditor },
            { command: WorkflowCommands.MOVE_STEP_UP.id, keybinding: 'alt+up', when: onSteps },
            { command: WorkflowCommands.MOVE_STEP_DOWN.id, keybinding: 'alt+down', when: onSteps },
            { command: WorkflowCommands.DELETE_STEP.id, keybinding: 'delete', when: onSteps },
            { command: WorkflowCommands.DELETE_STEP.id, keybinding: 'backspace', when: onSteps }
        );
    }

    // ---- UndoRedoHandler: Theia's own Undo and Redo (menus, Ctrl+Y) reach the model too ----

    select(): WorkflowEditorWidget | undefined {
        const editor = this.shell.activeWidget;
        return editor instanceof WorkflowEditorWidget && editor.node.contains(document.activeElement) ? editor : undefined;
    }

    undo(editor: WorkflowEditorWidget): void {
        editor.undo();
    }

    redo(editor: WorkflowEditorWidget): void {
        editor.redo();
    }

    // ----

    protected currentEditor(): WorkflowEditorWidget | undefined {
        const widget = this.shell.currentWidget ?? this.shell.activeWidget;
        return widget instanceof WorkflowEditorWidget ? widget : undefined;
    }

    /** "Workflow: Add Activity…": pick an activity (and a phase, when that is not clear), add it after the selection. */
    protected async addActivity(editor: WorkflowEditorWidget): Promise<void> {
        const controller = editor.designer;
        if (!controller) {
            return;
        }
        const { catalog } = controller.context;
        type ActivityPick = QuickPickItem & { activityType: string };
        const item = (activity: typeof catalog.all[number]): ActivityPick => ({
            activityType: activity.type,
            label: activity.label,
            description: phasesText(activity.allowedPhases),
            detail: activity.description,
            iconClasses: activity.iconClass.split(' ')
        });
        const picks: QuickPickInput<ActivityPick>[] = [
            { type: 'separator', label: nls.localize('presswork/workflow/paletteDefault', 'Default') },
            ...catalog.supplied.map(item),
            ...(catalog.custom.length ? [{ type: 'separator' as const, label: nls.localize('presswork/workflow/paletteCustom', 'Custom') }, ...catalog.custom.map(item)] : [])
        ];
        const picked = await this.quickInput.pick(picks, { placeHolder: nls.localize('presswork/workflow/addActivityPlaceholder', 'Add an activity to the workflow') });
        if (!picked) {
            return;
        }
        const activity = catalog.get(picked.activityType)!;
        let phase: Phase | undefined = controller.model.selection.phase && activity.allowedPhases.includes(controller.model.selection.phase)
            ? controller.model.selection.phase : undefined;
        if (!phase && activity.allowedPhases.length > 1) {
            const chosen = await this.quickInput.pick(activity.allowedPhases.map(candidate => ({ label: candidate })), { placeHolder: nls.localize('presswork/workflow/addToWhichPhase', 'Add {0} to which phase?', activity.label) });
            if (!chosen) {
                return;
            }
            phase = chosen.label as Phase;
        }
        const added = controller.addActivity(activity.type, phase ?? activity.allowedPhases[0]);
        if (added) {
            await this.shell.activateWidget(editor.id);
            controller.focusStep(added.step.id);
        }
    }

    protected async pickAndOpen(): Promise<void> {
        try {
            const workflows = await this.service.listWorkflows();
            const picked = await this.quickInput.pick(workflows.map(workflow => ({
                id: workflow.id, label: workflow.name, description: workflow.enabled ? '' : nls.localize('presswork/workflow/workflowDisabled', 'disabled'), detail: workflow.description
            })), { placeHolder: nls.localize('presswork/workflow/openWhichWorkflow', 'Open which workflow?') });
            if (picked?.id) {
                await this.opener.open(picked.id);
            }
        } catch (error) {
            this.messages.error(messageOf(error));
        }
    }
}
