import type { Job } from '@presswork/platform/lib/common/job-schema';
import { WAIT_REASON_LIMIT } from '@presswork/platform/lib/common/document-limits';
import { appendJobLog, clip, logEntry } from '@presswork/platform/lib/common/job-log';
import { TransitionContext, logged, placedAt, queued, retained, withoutWait } from './job-transitions';
import type { StepPosition } from './step-navigator';

export { retainStepOf } from './retain-step';

/**
 * Pure functions from a job to the version an operator's action (All Jobs pod) makes of it, each
 * logging who acted. Whether the action is allowed is decided by the caller, inside the write.
 */

/** Stopped where it stands until someone resumes it. */
export function heldBy(job: Job, at: string, by: string): Job {
    return {
        ...withoutWait(job),
        state: 'Held',
        waitReason: clip(`Held by ${by}`, WAIT_REASON_LIMIT),
        updatedAt: at,
        log: appendJobLog(job.log, [logEntry(at, 'Held', 'info', by)])
    };
}

/** Ready to run its current step again (its first, when it has not started). */
export function resumedBy(job: Job, at: string, by: string): Job {
    return queued(logged(job, [logEntry(at, 'Resumed', 'info', by)]), at);
}

/** Kept as Retained in the Complete phase: for a workflow without a Retain step. */
export function retainedBy(job: Job, at: string, by: string): Job {
    return retained(job, at, `Retained by ${by}`, logEntry(at, 'Retained', 'info', by));
}

/** Placed at its workflow's Retain step, ready to run it. */
export function sentToRetainStep(job: Job, position: StepPosition, context: TransitionContext, by: string): Job {
    const entry = logEntry(context.at, `Retain: moved to "${context.resolver.labelOf(position.step)}"`, 'info', by);
    return queued(placedAt(logged(job, [entry]), position, context), context.at);
}

/**
 * The job at the very beginning of `workflowId`, as a job that has just arrived: no step, no
 * version pinned, nothing it waited for.
 */
export function restartedOn(job: Job, workflowId: string, at: string, message: string, by: string): Job {
    const { stepId: _stepId, workflowVersion: _version, wakeAt: _wakeAt, waitReason: _reason, currentActivity: _activity, printing: _printing, ...rest } = job;
    return {
        ...rest,
        workflowId,
        phase: 'Receive',
        stepIndex: 0,
        state: 'Received',
        updatedAt: at,
        log: appendJobLog(job.log, [logEntry(at, message, 'info', by)])
    };
}

export function describeJob(job: Pick<Job, 'name' | 'orderNumber'>): string {
    return `Job "${job.name}" of order ${job.orderNumber}`;
}
