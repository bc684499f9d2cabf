import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { WorkflowAssignment } from '@presswork/platform/lib/common/workflow-assignment-contribution';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { CONTINUABLE_STATES, RUNNING_STATES, continuedToNextStep, erred, queuedAgain } from './job-transitions';
import { changeJob, findJob } from './order-jobs';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { workflowOfJob } from './pinned-workflow';
import { currentStep } from './step-navigator';
import type { EngineParts, JobRunner } from './job-runner';
import type { WorkQueue } from './work-queue';

export interface ControlParts extends EngineParts {
    readonly queue: WorkQueue;
    readonly runner: JobRunner;
    /** Other extensions' way to find a workflow for a job that has none (template matching). */
    readonly assignWorkflow: (job: Job, order: Order) => WorkflowAssignment | undefined;
}

/**
 * The JobFlow calls other extensions make for operators (Approve, Reject, Process again, a closed
 * order). Each checks the job as it is inside the write, so a stale click is refused with a
 * message for the operator instead of acting on a job that has moved on.
 */
export class JobControls {
    constructor(protected readonly parts: ControlParts) { }

    async continueJob(jobId: string, by: string, atActivity?: string): Promise<void> {
        const { resolver } = this.parts;
        await this.change(jobId, job => {
            if (!CONTINUABLE_STATES.has(job.state) || !job.stepId) {
                throw PressworkError.Refused(`${describe(job)} is ${job.state}, not waiting at an activity: there is nothing to continue`);
            }
            const resolution = workflowOfJob(this.parts.store, job);
            if ('problem' in resolution) {
                throw PressworkError.Refused(`${describe(job)} cannot continue: ${resolution.problem}`);
            }
            const { workflow } = resolution;
            const position = currentStep(workflow, job);
            if (!position) {
                throw PressworkError.Refused(`${describe(job)} cannot continue: its step is no longer in workflow "${workflow.name}"`);
            }
            const { step } = position;
            if (atActivity !== undefined && atActivity !== step.activity && atActivity !== resolver.baseTypeOf(step.activity)) {
                throw PressworkError.Refused(`${describe(job)} is no longer at ${resolver.labelOf({ activity: atActivity })}: it is at "${resolver.labelOf(step)}"`);
            }
            return continuedToNextStep(job, position, { workflow, resolver, at: new Date().toISOString() }, by);
        });
        this.parts.timers.cancel(jobId);
        this.parts.queue.schedule(jobId);
    }

    async failJob(jobId: string, by: string, message: string): Promise<void> {
        await this.change(jobId, job => {
            if (job.state === 'Complete') {
                throw PressworkError.Refused(`${describe(job)} is complete; it cannot be sent to Error`);
            }
            return erred(job, message.trim() || `Sent to Error by ${by}`, new Date().toISOString(), by);
        });
        this.parts.timers.cancel(jobId);
        this.parts.parked.forget(jobId);
        this.parts.runner.abort(jobId, `${by} sent the job to Error`);
    }

    async processAgain(jobId: string, by: string): Promise<void> {
        await this.change(jobId, (job, order) => {
            if (job.state === 'Complete') {
                throw PressworkError.Refused(`${describe(job)} is complete; it cannot be processed again`);
            }
            if (!job.workflowId) {
                return this.assigned(job, order, by);
            }
            if (RUNNING_STATES.has(job.state) && this.parts.queue.isRunning(jobId)) {
                throw PressworkError.Refused(`${describe(job)} is running ${this.parts.resolver.labelOf({ activity: job.currentActivity ?? 'its activity' })} now; ` +
                    'process it again once that has ended');
            }
            return queuedAgain(job, new Date().toISOString(), by);
        });
        this.parts.timers.cancel(jobId);
        this.parts.parked.forget(jobId);
        this.parts.queue.schedule(jobId);
    }

    /** A job without a workflow gets one if another extension finds it one; else it stays held and says why. */
    protected assigned(job: Job, order: Order, by: string): Job {
        const assignment = this.parts.assignWorkflow(job, order);
        if (!assignment) {
            throw PressworkError.Refused(`${describe(job)} has no workflow yet: it is held until a production template matches it` +
                (job.waitReason ? ` (${job.waitReason})` : ''));
        }
        const at = new Date().toISOString();
        const { stepId: _stepId, workflowVersion: _version, wakeAt: _wakeAt, waitReason: _reason, ...rest } = job;
        return {
            ...rest,
            workflowId: assignment.workflowId,
            phase: 'Receive',
            stepIndex: 0,
            state: 'Received',
            properties: { ...assignment.properties, ...job.properties },
            updatedAt: at,
            log: [...job.log, { at, level: 'info' as const, by, message: `Process again: ${assignment.note} gives it a workflow` }].slice(-1000)
        };
    }

    protected async change(jobId: string, change: (job: Job, order: Order) => Job): Promise<void> {
        const found = findJob(this.parts.store, jobId);
        const written = found && await changeJob(this.parts.store, found.order.id, jobId, job => change(job, this.parts.store.get(OrdersCollection, found.order.id) ?? found.order));
        if (!written) {
            throw PressworkError.NotFound(`There is no job ${jobId}; it may have been removed`);
        }
    }
}

function describe(job: Job): string {
    return `Job "${job.name}" of order ${job.orderNumber}`;
}
