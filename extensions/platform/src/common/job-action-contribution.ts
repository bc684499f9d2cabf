import type { CurrentUser } from './account-protocol';
import type { Permission } from './authority';
import type { JobRow } from './job-row';

export interface JobActionContext {
    /** The selected jobs as the pod shows them (fresh from the live feed). */
    readonly jobs: readonly JobRow[];
    readonly user: CurrentUser;
}

/**
 * An action on the selected jobs, shown in the All Jobs pod's More menu, the row context menu and
 * the command palette (frontend). The backend checks the permission again when the action runs.
 */
export const JobActionContribution = Symbol('JobActionContribution');
export interface JobActionContribution {
    /** Command id, `presswork.<feature>.<action>`. */
    readonly id: string;
    readonly label: string;
    /** Menu group and order within it, so related actions stay together. */
    readonly group: string;
    readonly order?: string;
    readonly permission: Permission;
    /** True when the action can run on these jobs, else the reason shown in the tooltip. */
    enablement(context: JobActionContext): true | string;
    run(context: JobActionContext): Promise<void>;
}

/**
 * Menu groups, in menu order. Actions in `order` act on the selected job's order (Order details…,
 * Closeout order…): the Order side panel shows them as buttons too.
 */
export const JobActionGroups = {
    flow: '1_flow',
    move: '2_move',
    inspect: '3_inspect',
    order: '4_order',
    remove: '9_remove'
} as const;
