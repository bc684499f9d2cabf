import type { Command } from '@theia/core/lib/common/command';

/** Every action of the workflow designer, reachable from the command palette. */
export namespace WorkflowCommands {
    const VIEWS = 'Presswork';
    const EDITOR = 'Workflow';

    export const OPEN_WORKFLOWS: Command = { id: 'presswork.workflow.openWorkflows', label: 'Workflows', category: VIEWS };
    export const OPEN_PRINTERS: Command = { id: 'presswork.workflow.openPrinters', label: 'Printers', category: VIEWS };
    /** Takes a workflow id; without one, asks which workflow. */
    export const OPEN_EDITOR: Command = { id: 'presswork.workflow.openEditor', label: 'Open Workflow…', category: EDITOR };

    // The commands below act on the current workflow editor.
    export const SAVE: Command = { id: 'presswork.workflow.save', label: 'Save', category: EDITOR, iconClass: 'codicon codicon-save' };
    export const UNDO: Command = { id: 'presswork.workflow.undo', label: 'Undo', category: EDITOR };
    export const REDO: Command = { id: 'presswork.workflow.redo', label: 'Redo', category: EDITOR };
    export const ADD_ACTIVITY: Command = { id: 'presswork.workflow.addActivity', label: 'Add Activity…', category: EDITOR };
    export const MOVE_STEP_UP: Command = { id: 'presswork.workflow.moveStepUp', label: 'Move Step Up', category: EDITOR };
    export const MOVE_STEP_DOWN: Command = { id: 'presswork.workflow.moveStepDown', label: 'Move Step Down', category: EDITOR };
    export const DELETE_STEP: Command = { id: 'presswork.workflow.deleteStep', label: 'Delete Step', category: EDITOR };
    export const JOB_DEFAULTS: Command = { id: 'presswork.workflow.jobDefaults', label: 'Job Defaults…', category: EDITOR };
    export const FOCUS_PALETTE: Command = { id: 'presswork.workflow.focusPalette', label: 'Focus Activities Palette', category: EDITOR };
}

/** Context keys set on the editor's element, for keybindings that act only there. */
export namespace WorkflowContextKeys {
    /** Focus is somewhere in a workflow editor. */
    export const EDITOR_FOCUS = 'presswork.workflowEditorFocus';
    /** Focus is on a step card or a lane, where Delete and Alt+Up/Down act on the selected step. */
    export const STEP_FOCUS = 'presswork.workflowStepFocus';
}
