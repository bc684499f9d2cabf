import type { ActivityContext, ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';
import { PrintingRecord, PrintingRecordSchema } from '@presswork/platform/lib/common/printing-record';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { isDeepStrictEqual } from 'node:util';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { StoreOutOfReachError } from '@presswork/platform/lib/node/store/store-errors';
import type { ActivityResolver } from './activity-resolver';
import { checkedOutcome, thrownOutcome } from './activity-outcome';
import { ActivityUpdates } from './activity-updates';
import { JobChange, REMOVE_JOB, changeJob, findJob } from '@presswork/platform/lib/node/store/order-jobs';
import type { ParkedJobs } from './parked-jobs';
import { workflowOfJob } from './pinned-workflow';
import { currentStep } from './step-navigator';
import type { PreparedStep } from './step-planner';
import { READY_STATES, RUNNING_STATES, Transition, afterOutcome, enterNextStep, enterStep, erred, isRunning, parked, wakeTimeOf } from './job-transitions';
import type { WakeTimers } from './wake-timers';

/** What the runner and the job controls share. */
export interface EngineParts {
    readonly store: DocumentStore;
    readonly resolver: ActivityResolver;
    readonly timers: WakeTimers;
    readonly parked: ParkedJobs;
    readonly jobFolderOf: (jobId: string) => string;
    /** The soonest a wait's `until` may wake its step: an activity that keeps asking for the past must not spin. */
    readonly minWakeDelayMs: number;
    /** For the server log: what went wrong outside any job's own log. */
    readonly report: (message: string, error?: unknown) => void;
    /** Whether this server runs the steps of this order's jobs now (WorkOwnership, less partitions being given up). */
    readonly owns: (orderId: string) => boolean;
    /** Gives the job another turn a while from now: the store could not take its progress (out of reach). */
    readonly retryLater: (jobId: string) => void;
}

/** An activity executing in a slot: what it runs, to abort it when its job moves on elsewhere. */
interface Execution {
    readonly orderId: string;
    readonly step: PreparedStep;
    readonly controller: AbortController;
}

/** A step that was started (written as Processing) and is to be executed in this slot. */
interface Run {
    readonly orderId: string;
    readonly jobId: string;
    readonly workflow: Workflow;
    readonly step: PreparedStep;
    /** As committed by the write that started the step: what the activity is handed. */
    readonly order: Order;
    readonly job: Job;
}

/** What looking at a job in its slot decided: a change to write and what follows it. */
interface StartDecision {
    readonly change?: Job;
    readonly run?: { readonly workflow: Workflow; readonly step: PreparedStep };
    readonly parkOn?: string;
    readonly wakeAt?: number;
}

/**
 * Moves one job forward while it holds a work slot: starts or resumes its step, executes the
 * activity, records the outcome, and when the outcome continues, goes straight on to the next
 * step. Recording an outcome and starting the next step is one write, and the job keeps its
 * slot: no "Queued" write between steps, and a started job finishes before new ones begin, so a
 * burst does not leave thousands of half-run jobs behind.
 */
export class JobRunner {
    /** Running activities, to abort one (a job sent to Error) or all (stop). At most the concurrency. */
    protected readonly running = new Map<string, Execution>();
    /** Turns under way, job id → order id. At most the concurrency. */
    protected readonly turns = new Map<string, string>();
    /** Turns whose order went to another server: their outcome is not written, the new owner runs the step again. */
    protected readonly relinquished = new Set<string>();
    protected stopping = false;

    constructor(protected readonly parts: EngineParts) { }

    async turn(jobId: string): Promise<void> {
        const found = findJob(this.parts.store, jobId);
        // Read without the lock first: most turns asked for by store events have nothing to do.
        if (!found || this.stopping || !this.parts.owns(found.order.id) || !this.mayHaveWork(found.job)) {
            return;
        }
        const orderId = found.order.id;
        this.turns.set(jobId, orderId);
        try {
            let run = await this.begin(orderId, jobId);
            // A step is started only while this server owns the order: one started as it was given up runs at the new owner.
            while (run && this.mayGoOn(jobId, orderId)) {
                const { outcome, updates } = await this.execute(run);
                if (this.stopping || this.relinquished.has(jobId)) {
                    // The server stops, or gave the order up: the job stays Processing and its step runs again at the next start or owner.
                    return;
                }
                if (outcome instanceof StoreOutOfReachError) {
                    // Not the step's failure: it runs again once the store answers.
                    updates.end();
                    this.retryWhenStoreAnswers(jobId, outcome);
                    return;
                }
                run = await this.finish(run, outcome, updates);
            }
        } finally {
            this.turns.delete(jobId);
            this.relinquished.delete(jobId);
        }
    }

    /** Stops a job's running activity: someone sent the job elsewhere, its outcome no longer counts. */
    abort(jobId: string, reason: string): void {
        this.running.get(jobId)?.controller.abort(new Error(reason));
    }

    /**
     * A write of the order (on this server or another) took a job whose activity runs here out of
     * that run (held, sent to Error, deleted, moved, continued): the activity is aborted, and its
     * outcome is not written (`finish` checks the run inside its write).
     */
    abortMovedOn(orderId: string, order: Order | undefined): void {
        for (const [jobId, execution] of this.running) {
            if (execution.orderId !== orderId) {
                continue;
            }
            const job = order?.jobs.find(candidate => candidate.id === jobId);
            if (!job || !isSameRun(job, execution.step)) {
                execution.controller.abort(new Error('The job was moved on elsewhere'));
            }
        }
    }

    /** Whether a turn is under way for a job of an order that `matches`. */
    hasTurnsOf(matches: (orderId: string) => boolean): boolean {
        return [...this.turns.values()].some(matches);
    }

    /**
     * Gives up the turns of the orders that `matches` (this server no longer owns them): their
     * activities are aborted and their outcomes not written; their jobs stay Processing and their
     * steps run again at the new owner.
     */
    relinquish(matches: (orderId: string) => boolean, reason: string): void {
        for (const [jobId, orderId] of this.turns) {
            if (matches(orderId)) {
                this.relinquished.add(jobId);
                this.abort(jobId, reason);
            }
        }
    }

    stop(): void {
        this.stopping = true;
        for (const { controller } of this.running.values()) {
            controller.abort(new Error('Presswork is stopping'));
        }
    }

    protected mayGoOn(jobId: string, orderId: string): boolean {
        return !this.stopping && !this.relinquished.has(jobId) && this.parts.owns(orderId);
    }

    /** A job at the printer is the follower's: its step does not run again on a turn. */
    protected mayHaveWork(job: Job): boolean {
        return READY_STATES.has(job.state) || isRunning(job) || wakeTimeOf(job) !== undefined;
    }

    protected async begin(orderId: string, jobId: string): Promise<Run | undefined> {
        let decision: StartDecision = {};
        const written = await this.write(orderId, jobId, job => {
            decision = this.decide(job, new Date().toISOString());
            return decision.change;
        });
        const { parkOn, wakeAt, run } = decision;
        if (parkOn) {
            this.parts.parked.park(jobId, parkOn);
        } else {
            this.parts.parked.forget(jobId);
        }
        if (wakeAt !== undefined) {
            this.parts.timers.schedule(jobId, wakeAt);
        }
        if (!run || !written?.job) {
            return undefined;
        }
        this.parts.timers.cancel(jobId);
        return { orderId, jobId, ...run, order: written.order, job: written.job };
    }

    /** Decides on the current job, inside the store's lock. */
    protected decide(job: Job, at: string): StartDecision {
        if (READY_STATES.has(job.state) || isRunning(job)) {
            return this.startOrResume(job, at);
        }
        const wakeAt = wakeTimeOf(job);
        if (wakeAt === undefined) {
            return {};
        }
        // A timer can fire a little early by the wall clock: then it is set again.
        return wakeAt <= Date.now() ? this.startOrResume(job, at) : { wakeAt };
    }

    protected startOrResume(job: Job, at: string): StartDecision {
        const resolution = workflowOfJob(this.parts.store, job);
        if ('problem' in resolution) {
            return { change: erred(job, `The job cannot run: ${resolution.problem}`, at) };
        }
        const { workflow } = resolution;
        const context = { workflow, resolver: this.parts.resolver, at };
        let transition: Transition;
        if (!job.stepId) {
            const current = this.parts.store.get(WorkflowsCollection, workflow.id);
            if (current && !current.enabled) {
                return { change: parked(job, `Workflow ${current.name} is disabled`, at), parkOn: current.id };
            }
            transition = enterNextStep(job, undefined, context);
        } else {
            // Started before: its step runs (again) as it stands, without looking at its condition again.
            const position = currentStep(workflow, job);
            if (!position) {
                return { change: erred(job, `The job cannot run: its step ${job.stepId} is not in workflow "${workflow.name}" (version ${workflow.version})`, at) };
            }
            transition = enterStep(job, position, context);
        }
        if (transition.kind === 'remove') {
            return {};
        }
        return { change: transition.job, run: transition.run ? { workflow, step: transition.run } : undefined };
    }

    /** The step's outcome, or the store's failure that cut the step short. */
    protected async execute(run: Run): Promise<{ outcome: ActivityOutcome | StoreOutOfReachError; updates: ActivityUpdates }> {
        const { step, jobId } = run;
        const controller = new AbortController();
        this.running.set(jobId, { orderId: run.orderId, step, controller });
        const updates = new ActivityUpdates(
            change => this.writeQuietly(run.orderId, jobId, change),
            job => isSameRun(job, step),
            error => this.parts.report(`A log line of job ${jobId} could not be written`, error)
        );
        const context: ActivityContext = {
            job: run.job,
            order: run.order,
            step: step.position.step,
            properties: step.properties,
            jobFolder: this.parts.jobFolderOf(jobId),
            signal: controller.signal,
            log: (message, level) => updates.log(message, level),
            setState: state => updates.setState(state),
            recordPrinting: record => this.recordPrinting(run, record)
        };
        try {
            return { outcome: checkedOutcome(await step.activity.contribution.execute(context), step.label), updates };
        } catch (error) {
            return { outcome: error instanceof StoreOutOfReachError ? error : thrownOutcome(error, step.label), updates };
        } finally {
            this.running.delete(jobId);
        }
    }

    /**
     * Writes the job's print record now, for a Print step about to send or whose job the printer
     * just accepted. Rejects, writing nothing, when the job has left this run (nothing may be sent
     * then) or the record is not valid for this step; a store failure rejects too.
     */
    protected async recordPrinting(run: Run, record: PrintingRecord | undefined): Promise<void> {
        const stepId = run.step.position.step.id;
        let checked: PrintingRecord | undefined;
        if (record !== undefined) {
            const parsed = PrintingRecordSchema.safeParse(record);
            if (!parsed.success) {
                throw PressworkError.InvalidInput(`The print record of job ${run.jobId} is not valid: ${describeZodError(parsed.error)}`);
            }
            if (parsed.data.stepId !== stepId) {
                throw PressworkError.InvalidInput(`The print record of job ${run.jobId} names step ${parsed.data.stepId}; the job is at step ${stepId}`);
            }
            checked = parsed.data;
        }
        // Set inside the change: a holder, so that the compiler does not take it for never assigned.
        const seen: { inRun?: boolean } = {};
        await changeJob(this.parts.store, run.orderId, run.jobId, job => {
            seen.inRun = isSameRun(job, run.step);
            if (!seen.inRun || isDeepStrictEqual(job.printing, checked)) {
                return undefined;
            }
            const { printing: _printing, ...rest } = job;
            const updatedAt = new Date().toISOString();
            return checked ? { ...rest, printing: checked, updatedAt } : { ...rest, updatedAt };
        });
        if (!seen.inRun) {
            throw PressworkError.Refused(`Job ${run.jobId} is no longer at step ${stepId}: its print is not recorded`);
        }
    }

    protected async finish(run: Run, outcome: ActivityOutcome, updates: ActivityUpdates): Promise<Run | undefined> {
        const at = new Date().toISOString();
        const wakeAt = outcome.kind === 'wait' && outcome.until
            ? new Date(Math.max(Date.parse(outcome.until), Date.now() + this.parts.minWakeDelayMs)).toISOString()
            : undefined;
        const holder: { transition?: Transition } = {};
        let written: Awaited<ReturnType<typeof changeJob>>;
        try {
            written = await this.write(run.orderId, run.jobId, job => {
                if (!isSameRun(job, run.step)) {
                    // Someone moved the job on meanwhile (sent it to Error, held or removed it): the outcome no longer applies.
                    return undefined;
                }
                const transition = afterOutcome(updates.takeLog(job), outcome, run.step, { workflow: run.workflow, resolver: this.parts.resolver, at, wakeAt });
                holder.transition = transition;
                return transition.kind === 'remove' ? REMOVE_JOB : transition.job;
            });
        } finally {
            updates.end();
        }
        const { transition } = holder;
        if (!transition || !written) {
            return undefined;
        }
        if (transition.kind === 'remove') {
            this.parts.timers.cancel(run.jobId);
            this.parts.parked.forget(run.jobId);
            return undefined;
        }
        if (transition.wakeAt) {
            this.parts.timers.schedule(run.jobId, Date.parse(transition.wakeAt));
        }
        return transition.run && written.job ? { ...run, step: transition.run, order: written.order, job: written.job } : undefined;
    }

    /**
     * Writes a change of the engine's own. A change the store refuses (a value its schema does not
     * allow) sends the job to Error with the reason, rather than leaving it unexplained. A store out
     * of reach is no fault of the job's: it stays as last written, and its turn comes again.
     */
    protected async write(orderId: string, jobId: string, change: JobChange): ReturnType<typeof changeJob> {
        try {
            return await changeJob(this.parts.store, orderId, jobId, change);
        } catch (error) {
            if (this.stopping || this.relinquished.has(jobId)) {
                // The store closes as the server stops (or the order went to another server); the job resumes where it was.
                return undefined;
            }
            if (error instanceof StoreOutOfReachError) {
                this.retryWhenStoreAnswers(jobId, error);
                return undefined;
            }
            this.parts.report(`Job ${jobId} could not be updated`, error);
            const reason = `Presswork could not record the job's progress: ${messageOf(error)}`;
            if (!await this.writeQuietly(orderId, jobId, job => erred(job, reason, new Date().toISOString())) && !this.stopping) {
                // Nor could its failure be written: the job has no turn to move it on but this one.
                this.parts.retryLater(jobId);
            }
            return undefined;
        }
    }

    /** The job stays as last written (Processing, as a rule); its step runs again a while from now. */
    protected retryWhenStoreAnswers(jobId: string, error: StoreOutOfReachError): void {
        this.parts.report(`Job ${jobId} waits for the store to answer, then runs its step again`, error);
        this.parts.retryLater(jobId);
    }

    /** Writes a change, reporting a failure rather than throwing it; whether the store took it. */
    protected async writeQuietly(orderId: string, jobId: string, change: (job: Job) => Job | undefined): Promise<boolean> {
        try {
            await changeJob(this.parts.store, orderId, jobId, change);
            return true;
        } catch (error) {
            if (!this.stopping) {
                this.parts.report(`Job ${jobId} could not be updated`, error);
            }
            return false;
        }
    }
}

/** Whether the job is still in the run of this step: nobody moved it on meanwhile. */
function isSameRun(job: Job, step: PreparedStep): boolean {
    return RUNNING_STATES.has(job.state) && job.stepId === step.position.step.id;
}
