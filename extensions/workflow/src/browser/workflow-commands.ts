import { Command } from '@theia/core/lib/common/command';

/** Every action of the workflow designer, reachable from the command palette. */
export namespace WorkflowCommands {
    const VIEWS = 'Presswork';
    const EDITOR = 'Workflow';
    const VIEWS_KEY = 'presswork/workflow/categoryViews';
    const EDITOR_KEY = 'presswork/workflow/categoryEditor';

    export const OPEN_WORKFLOWS: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.openWorkflows', label: 'Workflows', category: VIEWS }, 'presswork/workflow/commandOpenWorkflows', VIEWS_KEY);
    /** Takes a workflow id; without one, asks which workflow. */
    export const OPEN_EDITOR: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.openEditor', label: 'Open Workflow…', category: EDITOR }, 'presswork/workflow/commandOpenEditor', EDITOR_KEY);

    // The commands below act on the current workflow editor.
    export const SAVE: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.save', label: 'Save', category: EDITOR, iconClass: 'codicon codicon-save' }, 'presswork/workflow/commandSave', EDITOR_KEY);
    export const UNDO: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.undo', label: 'Undo', category: EDITOR }, 'presswork/workflow/commandUndo', EDITOR_KEY);
    export const REDO: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.redo', label: 'Redo', category: EDITOR }, 'presswork/workflow/commandRedo', EDITOR_KEY);
    export const ADD_ACTIVITY: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.addActivity', label: 'Add Activity…', category: EDITOR }, 'presswork/workflow/commandAddActivity', EDITOR_KEY);
    export const MOVE_STEP_UP: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.moveStepUp', label: 'Move Step Up', category: EDITOR }, 'presswork/workflow/commandMoveStepUp', EDITOR_KEY);
    export const MOVE_STEP_DOWN: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.moveStepDown', label: 'Move Step Down', category: EDITOR }, 'presswork/workflow/commandMoveStepDown', EDITOR_KEY);
    export const DELETE_STEP: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.deleteStep', label: 'Delete Step', category: EDITOR }, 'presswork/workflow/commandDeleteStep', EDITOR_KEY);
    export const JOB_DEFAULTS: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.jobDefaults', label: 'Job Defaults…', category: EDITOR }, 'presswork/workflow/commandJobDefaults', EDITOR_KEY);
    export const FOCUS_PALETTE: Command = Command.toLocalizedCommand({ id: 'presswork.workflow.focusPalette', label: 'Focus Activities Palette', category: EDITOR }, 'presswork/workflow/commandFocusPalette', EDITOR_KEY);
}

/** Context keys set on the editor's element, for keybindings that act only there. */
export namespace WorkflowContextKeys {
    /** Focus is somewhere in a workflow editor. */
    export const EDITOR_FOCUS = 'presswork.workflowEditorFocus';
    /** Focus is on a step card or a lane, where Delete and Alt+Up/Down act on the selected step. */
    export const STEP_FOCUS = 'presswork.workflowStepFocus';
}
