import type { JobActionContext } from '@presswork/platform/lib/common/job-action-contribution';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import { isAtActivityType } from '@presswork/platform/lib/common/activity-words';
import { printFileArrived } from './print-file-rule';

/**
 * When each job action applies, as pure functions of the selected rows: the pod enables an action
 * when it applies to every selected job, else its tooltip names the first job that blocks it. The
 * backend decides again when the action runs; these rules only spare the operator a refusal.
 */

/** Why one job blocks an action, or undefined when the action applies to it. */
export type JobRule = (job: JobRow) => string | undefined;

export type Enablement = (context: Pick<JobActionContext, 'jobs'>) => true | string;

export const SELECT_A_JOB = 'Select a job';
export const SELECT_ONE_JOB = 'Select exactly one job';

/** Enabled when the rule lets every selected job through. */
export function forEveryJob(rule: JobRule): Enablement {
    return ({ jobs }) => {
        if (!jobs.length) {
            return SELECT_A_JOB;
        }
        for (const job of jobs) {
            const reason = rule(job);
            if (reason !== undefined) {
                return reason;
            }
        }
        return true;
    };
}

/** Enabled for exactly one selected job. */
export function forOneJob(): Enablement {
    return ({ jobs }) => jobs.length === 1 ? true : jobs.length ? SELECT_ONE_JOB : SELECT_A_JOB;
}

/** Enabled for exactly one selected job that the rule lets through. */
export function oneJobThat(rule: JobRule): Enablement {
    const one = forOneJob();
    return context => {
        const single = one(context);
        return single === true ? rule(context.jobs[0]) ?? true : single;
    };
}

const jobCalled = (job: JobRow): string => `Job ${job.name}`;

/** Blocks jobs in any of `states`: "Job A is Complete". */
export function notIn(...states: JobState[]): JobRule {
    const blocked = new Set(states);
    return job => blocked.has(job.state) ? `${jobCalled(job)} is ${job.state}` : undefined;
}

/** Whether a job stands at a step of the given supplied activity type (custom copies count as their base). */
export function isAtActivity(job: Pick<JobRow, 'currentActivity' | 'currentActivityType'>, activityType: string): boolean {
    return isAtActivityType(job, activityType);
}

/** Lets through jobs Waiting at a step of `activityType`; `waitingFor` completes "is not waiting for …". */
export function waitingAt(activityType: string, waitingFor: string): JobRule {
    return job => job.state === 'Waiting' && isAtActivity(job, activityType) ? undefined : `${jobCalled(job)} is not waiting for ${waitingFor}`;
}

/** A job at the Closeout Order step may finish only once its order is closed: its wait reason says which. */
export const closedOrder: JobRule = job => job.state === WAITING_FOR_CLOSEOUT
    ? job.waitReason || `Order ${job.orderNumber} is not closed`
    : undefined;

/** The first rule that blocks the job decides. */
export function allOf(...rules: JobRule[]): JobRule {
    return job => {
        for (const rule of rules) {
            const reason = rule(job);
            if (reason !== undefined) {
                return reason;
            }
        }
        return undefined;
    };
}

export const onlyHeld: JobRule = job => job.state === 'Held' ? undefined : `${jobCalled(job)} is not held`;

/** The rules of the jobs extension's own actions. */
export const JobActionRules = {
    hold: forEveryJob(notIn('Held', 'Complete', 'Retained')),
    resume: forEveryJob(onlyHeld),
    approve: forEveryJob(waitingAt(ActivityTypes.approve, 'approval')),
    reject: forEveryJob(waitingAt(ActivityTypes.approve, 'approval')),
    prepressDone: forEveryJob(waitingAt(ActivityTypes.prepressCheck, 'a prepress check')),
    processAgain: forEveryJob(notIn('Complete')),
    moveToWorkflow: forEveryJob(notIn('Complete')),
    complete: forEveryJob(allOf(notIn('Complete', 'Retained'), closedOrder)),
    retain: forEveryJob(allOf(notIn('Complete', 'Retained'), closedOrder)),
    delete: forEveryJob(() => undefined),
    properties: forOneJob(),
    log: forOneJob(),
    openPrintFile: oneJobThat(printFileArrived)
} satisfies Record<string, Enablement>;
