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
