import type { ContinuedJobs } from '@presswork/platform/lib/common/job-flow';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { WorkflowAssignment } from '@presswork/platform/lib/common/workflow-assignment-contribution';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { FINISHED_JOB_STATES } from '@presswork/platform/lib/common/job-status';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { JobDisposal } from '../activities/job-disposal';
import { deleteJob } from './job-deletion';
import { CONTINUABLE_STATES, RUNNING_STATES, completed, continuedToNextStep, erred, leftBatch, printFileRecorded, queuedAgain } from './job-transitions';
import { changeJob, changeJobs, findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { describeJob as describe, heldBy, restartedOn, resumedBy, retainStepOf, retainedBy, sentToRetainStep } from './operator-transitions';
import { scheduleJob } from './job-rank';
import { workflowOfJob } from './pinned-workflow';
import { currentStep } from './step-navigator';
import type { EngineParts, JobRunner } from './job-runner';
import type { WorkQueue } from './work-queue';

export interface ControlParts extends EngineParts {
    readonly queue: WorkQueue;
    readonly runner: JobRunner;
    /** Writes a deleted job's audit record and removes its folder, as the Remove activity does. */
    readonly disposal: JobDisposal;
    /** Other extensions' way to find a workflow for a job that has none (template matching). */
    readonly assignWorkflow: (job: Job, order: Order) => WorkflowAssignment | undefined;
}

/**
 * The JobFlow calls other extensions make for operators (Approve, Reject, Process again, a closed
 * order, the All Jobs pod's actions). Each checks the job as it is inside the write, so a stale
 * click is refused with a message for the operator instead of acting on a job that has moved on.
 * After the write, whatever the engine still had going for the job (a timer, a parked start, a
 * running activity) is dropped, and the job is scheduled when it is to run.
 */
export class JobControls {
    constructor(protected readonly parts: ControlParts) { }

    async continueJob(jobId: string, by: string, atActivity?: string, options?: { readonly leavingBatch?: boolean }): Promise<void> {
        await this.change(jobId, job => {
            const continued = this.continuedJob(job, by, atActivity, new Date().toISOString());
            if (typeof continued === 'string') {
                throw PressworkError.Refused(continued);
            }
            return options?.leavingBatch ? leftBatch(job, continued) : continued;
        });
        this.goOn([jobId]);
    }

    /**
     * continueJob for several jobs of one order, in one write of it: each job is checked inside the
     * write as continueJob checks it, and one it would refuse is left as it is and reported.
     */
    async continueJobs(orderId: string, jobIds: readonly string[], by: string, atActivity: string): Promise<ContinuedJobs> {
        const refusals = new Map<string, string>();
        const at = new Date().toISOString();
        const written = await changeJobs(this.parts.store, orderId, jobIds, job => {
            const continued = this.continuedJob(job, by, atActivity, at);
            // Decided afresh each time the store runs the change: only the last run's refusal counts.
            refusals.delete(job.id);
            if (typeof continued === 'string') {
                refusals.set(job.id, continued);
                return undefined;
            }
            return continued;
        });
        if (!written) {
            throw PressworkError.NotFound(`There is no order ${orderId}; it may have been removed`);
        }
        this.goOn(written.changed);
        const skipped = jobIds.filter(jobId => !written.changed.includes(jobId))
            .map(jobId => ({ jobId, reason: refusals.get(jobId) ?? `There is no job ${jobId}; it may have been removed` }));
        return { continued: written.changed, skipped };
    }

    /** The job continued by `by` to its next step, or why it cannot be (it is not waiting at `atActivity`). */
    protected continuedJob(job: Job, by: string, atActivity: string | undefined, at: string): Job | string {
        const { resolver } = this.parts;
        if (!CONTINUABLE_STATES.has(job.state) || !job.stepId) {
            return `${describe(job)} is ${job.state}, not waiting at an activity: there is nothing to continue`;
        }
        const resolution = workflowOfJob(this.parts.store, job);
        if ('problem' in resolution) {
            return `${describe(job)} cannot continue: ${resolution.problem}`;
        }
        const { workflow } = resolution;
        const position = currentStep(workflow, job);
        if (!position) {
            return `${describe(job)} cannot continue: its step is no longer in workflow "${workflow.name}"`;
        }
        const { step } = position;
        if (atActivity !== undefined && atActivity !== step.activity && atActivity !== resolver.baseTypeOf(step.activity)) {
            return `${describe(job)} is no longer at ${resolver.labelOf({ activity: atActivity })}: it is at "${resolver.labelOf(step)}"`;
        }
        return continuedToNextStep(job, position, { workflow, resolver, at }, by);
    }

    /** Continued jobs run their next step: a timer they had no longer counts. */
    protected goOn(jobIds: readonly string[]): void {
        for (const jobId of jobIds) {
            this.parts.timers.cancel(jobId);
            this.schedule(jobId);
        }
    }

    async failJob(jobId: string, by: string, message: string): Promise<void> {
        await this.changeLeavingBatch(jobId, job => {
            if (job.state === 'Complete') {
                throw PressworkError.Refused(`${describe(job)} is complete; it cannot be sent to Error`);
            }
            return erred(job, message.trim() || `Sent to Error by ${by}`, new Date().toISOString(), by);
        });
        this.stopWork(jobId, `${by} sent the job to Error`);
    }

    async recordPrintFile(jobId: string, fileName: string, bytes: number): Promise<void> {
        await this.change(jobId, job => {
            if (!job.files.some(file => file.name === fileName)) {
                throw PressworkError.Refused(`${describe(job)} has no file ${fileName}`);
            }
            return printFileRecorded(job, fileName, bytes, new Date().toISOString());
        });
        // A job that went on is Received: the store's event schedules it, as any arrival.
    }

    async processAgain(jobId: string, by: string): Promise<void> {
        await this.changeLeavingBatch(jobId, (job, order) => {
            if (job.state === 'Complete') {
                throw PressworkError.Refused(`${describe(job)} is complete; it cannot be processed again`);
            }
            if (!job.workflowId) {
                return this.assigned(job, order, by, 'Process again');
            }
            if (RUNNING_STATES.has(job.state) && this.parts.queue.isRunning(jobId)) {
                throw PressworkError.Refused(`${describe(job)} is running ${this.parts.resolver.labelOf({ activity: job.currentActivity ?? 'its activity' })} now; ` +
                    'process it again once that has ended');
            }
            return queuedAgain(job, new Date().toISOString(), by);
        });
        this.parts.timers.cancel(jobId);
        this.parts.parked.forget(jobId);
        this.schedule(jobId);
    }

    async hold(jobId: string, by: string): Promise<void> {
        await this.changeLeavingBatch(jobId, job => {
            if (job.state === 'Held' || FINISHED_JOB_STATES.has(job.state)) {
                throw PressworkError.Refused(`${describe(job)} is ${job.state}; it cannot be held`);
            }
            return heldBy(job, new Date().toISOString(), by);
        });
        this.stopWork(jobId, `${by} held the job`);
    }

    async resume(jobId: string, by: string): Promise<void> {
        await this.change(jobId, (job, order) => {
            if (job.state !== 'Held') {
                throw PressworkError.Refused(`${describe(job)} is ${job.state}, not Held: there is nothing to resume`);
            }
            return job.workflowId ? resumedBy(job, new Date().toISOString(), by) : this.assigned(job, order, by, 'Resume');
        });
        this.stopWork(jobId, `${by} resumed the job`);
        this.schedule(jobId);
    }

    async complete(jobId: string, by: string): Promise<void> {
        await this.changeLeavingBatch(jobId, (job, order) => {
            if (job.state === 'Complete') {
                throw PressworkError.Refused(`${describe(job)} is already complete`);
            }
            this.refuseFinish(job, order, 'completed');
            return completed(job, new Date().toISOString(), by);
        });
        this.stopWork(jobId, `${by} completed the job`);
    }

    async retain(jobId: string, by: string): Promise<void> {
        let toRun = false;
        await this.changeLeavingBatch(jobId, (job, order) => {
            if (job.state === 'Retained') {
                throw PressworkError.Refused(`${describe(job)} is already retained`);
            }
            this.refuseFinish(job, order, 'retained');
            const at = new Date().toISOString();
            const resolution = job.workflowId ? workflowOfJob(this.parts.store, job) : undefined;
            const workflow = resolution && 'workflow' in resolution ? resolution.workflow : undefined;
            const position = workflow && retainStepOf(workflow, this.parts.resolver);
            toRun = position !== undefined;
            return workflow && position ? sentToRetainStep(job, position, { workflow, resolver: this.parts.resolver, at }, by) : retainedBy(job, at, by);
        });
        this.stopWork(jobId, `${by} retained the job`);
        if (toRun) {
            this.schedule(jobId);
        }
    }

    async moveToWorkflow(jobId: string, workflowId: string, by: string): Promise<void> {
        await this.changeLeavingBatch(jobId, job => {
            const workflow = this.parts.store.get(WorkflowsCollection, workflowId);
            if (!workflow) {
                throw PressworkError.Refused(`${describe(job)} cannot be moved: there is no workflow ${workflowId}; it may have been deleted`);
            }
            if (!workflow.enabled) {
                throw PressworkError.Refused(`${describe(job)} cannot be moved: workflow "${workflow.name}" is disabled`);
            }
            return restartedOn(job, workflow.id, new Date().toISOString(), `Moved to workflow "${workflow.name}"`, by);
        });
        this.stopWork(jobId, `${by} moved the job to another workflow`);
        this.schedule(jobId);
    }

    deleteJob(jobId: string, by: string): Promise<void> {
        return deleteJob({ store: this.parts.store, disposal: this.parts.disposal, stop: (id, reason) => this.stopWork(id, reason) }, jobId, by);
    }

    /** The activity at the job's step may refuse that it be finished now (Closeout Order while the order is open). */
    protected refuseFinish(job: Job, order: Order, what: string): void {
        const resolution = job.currentActivity ? this.parts.resolver.resolve(job.currentActivity) : undefined;
        const refusal = resolution && 'activity' in resolution ? resolution.activity.contribution.finishRefusal?.(job, order) : undefined;
        if (refusal) {
            throw PressworkError.Refused(`${describe(job)} cannot be ${what}: ${refusal}`);
        }
    }

    /** A job without a workflow gets one if another extension finds it one; else it stays held and says why. */
    protected assigned(job: Job, order: Order, by: string, action: string): Job {
        const assignment = this.parts.assignWorkflow(job, order);
        if (!assignment) {
            throw PressworkError.Refused(`${describe(job)} has no workflow yet: it is held until a production template matches it` +
                (job.waitReason ? ` (${job.waitReason})` : ''));
        }
        const restarted = restartedOn(job, assignment.workflowId, new Date().toISOString(), `${action}: ${assignment.note} gives it a workflow`, by);
        return { ...restarted, properties: { ...assignment.properties, ...job.properties } };
    }

    /** The job's turn, at its rank as it now stands. */
    protected schedule(jobId: string): void {
        scheduleJob(this.parts.queue, this.parts.store, jobId);
    }

    /** Drops what the engine had going for the job: its timer, its parked start, its running activity (whose outcome no longer counts). */
    protected stopWork(jobId: string, reason: string): void {
        this.parts.timers.cancel(jobId);
        this.parts.parked.forget(jobId);
        this.parts.runner.abort(jobId, reason);
    }

    /**
     * A change that takes the job elsewhere than its step's next one (hold, fail, move, process
     * again, complete, retain): a job that waited for its batch leaves it (its `batchId` is cleared
     * in the same write), and the batch's membership follows.
     */
    protected changeLeavingBatch(jobId: string, change: (job: Job, order: Order) => Job): Promise<void> {
        return this.change(jobId, (job, order) => leftBatch(job, change(job, order)));
    }

    protected async change(jobId: string, change: (job: Job, order: Order) => Job): Promise<void> {
        const found = findJob(this.parts.store, jobId);
        const written = found && await changeJob(this.parts.store, found.order.id, jobId, change);
        if (!written) {
            throw PressworkError.NotFound(`There is no job ${jobId}; it may have been removed`);
        }
    }
}
