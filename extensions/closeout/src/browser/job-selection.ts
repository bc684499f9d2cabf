import { nls } from '@theia/core/lib/common/nls';
import type { Permission } from '@presswork/platform/lib/common/authority';
import type { JobActionContext } from '@presswork/platform/lib/common/job-action-contribution';
import type { JobRow } from '@presswork/platform/lib/common/job-row';

/**
 * Order actions act on the order of one selected job: every job belongs to an order, so one job is
 * enough; with none or several the order is ambiguous. Without the permission the action says why
 * it is off (the backend refuses it anyway).
 */
export function orderActionEnablement(context: JobActionContext, permission: Permission): true | string {
    if (!context.user.permissions.includes(permission)) {
        return nls.localize('presswork/closeout/notPermitted', 'Your authority does not allow this');
    }
    if (context.jobs.length === 0) {
        return nls.localize('presswork/closeout/selectJob', 'Select a job of the order');
    }
    return context.jobs.length === 1 ? true : nls.localize('presswork/closeout/selectOnlyOneJob', 'Select only one job: the action acts on its order');
}

export function selectedJob(context: JobActionContext): JobRow {
    const job = context.jobs[0];
    if (!job || context.jobs.length !== 1) {
        throw new Error(nls.localize('presswork/closeout/selectOneJob', 'Select one job: the action acts on its order'));
    }
    return job;
}
