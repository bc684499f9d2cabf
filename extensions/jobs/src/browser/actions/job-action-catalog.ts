import { nls } from '@theia/core/lib/common/nls';
import { JobActionGroups } from '@presswork/platform/lib/common/job-action-contribution';
import type { Permission } from '@presswork/platform/lib/common/authority';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { messageOf } from '@presswork/platform/lib/common/errors';
import type { JobActionResult, JobActionService } from '../../common/jobs-protocol';
import { JobActionRules } from './job-action-enablement';
import { refusalMessage } from './job-action-report';

export type JobActionKey = keyof typeof JobActionRules;

export type JobServiceCall = (service: JobActionService, jobIds: string[]) => Promise<JobActionResult>;

/** What the menus show of an action; `call` when it runs straight away, without a dialog first. */
export interface JobActionSpec {
    readonly key: JobActionKey;
    readonly id: string;
    readonly label: string;
    readonly group: string;
    readonly order: string;
    readonly permission: Permission;
    readonly call?: JobServiceCall;
}

function spec(key: JobActionKey, label: string, group: string, order: string, permission: Permission, call?: JobServiceCall): JobActionSpec {
    return { key, id: `presswork.jobs.${key}`, label: nls.localize(`presswork/jobs/action/${key}`, label), group, order, permission, call };
}

const { flow, move, inspect, remove } = JobActionGroups;

/** The jobs extension's own actions in menu order: state changes, the move, inspection, then Delete. */
export const JOB_ACTION_SPECS: readonly JobActionSpec[] = [
    spec('hold', 'Hold', flow, 'a', 'jobs.act', (service, ids) => service.hold(ids)),
    spec('resume', 'Resume', flow, 'b', 'jobs.act', (service, ids) => service.resume(ids)),
    spec('approve', 'Approve', flow, 'c', 'jobs.act', (service, ids) => service.approve(ids)),
    spec('reject', 'Reject', flow, 'd', 'jobs.act'),
    spec('prepressDone', 'Prepress done', flow, 'e', 'jobs.act', (service, ids) => service.prepressDone(ids)),
    spec('processAgain', 'Process again', flow, 'f', 'jobs.act', (service, ids) => service.processAgain(ids)),
    spec('complete', 'Complete', flow, 'g', 'jobs.act', (service, ids) => service.complete(ids)),
    spec('retain', 'Retain', flow, 'h', 'jobs.act', (service, ids) => service.retain(ids)),
    spec('moveToWorkflow', 'Move to workflow…', move, 'a', 'jobs.act'),
    spec('properties', 'Properties…', inspect, 'a', 'jobs.inspect'),
    spec('log', 'Log…', inspect, 'b', 'jobs.inspect'),
    spec('openPrintFile', 'Open print file…', inspect, 'c', 'jobs.inspect'),
    spec('delete', 'Delete', remove, 'a', 'jobs.act')
];

/** Where an action's outcome is told: Theia's MessageService fits. */
export interface JobActionReporter {
    warn(message: string): unknown;
    error(message: string): unknown;
}

/**
 * Runs the call for every selected job at once and tells, in one message, which jobs it refused
 * and why; a failed call (no permission, connection lost) is one error message. Success is silent:
 * the pod shows the new states live.
 */
export async function performJobAction(service: JobActionService, reporter: JobActionReporter, label: string,
    jobs: readonly JobRow[], call: JobServiceCall): Promise<void> {
    const action = label.replace(/…$/, '');
    try {
        const message = refusalMessage(action, await call(service, jobs.map(job => job.id)));
        if (message) {
            reporter.warn(message);
        }
    } catch (error) {
        reporter.error(`${action}: ${messageOf(error)}`);
    }
}
