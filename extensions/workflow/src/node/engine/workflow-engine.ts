import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import type { Disposable } from '@theia/core/lib/common/disposable';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { ActivityRegistry } from '@presswork/platform/lib/common/activity-registry';
import type { ContinuedJobs, JobFlow, PrintingFlow } from '@presswork/platform/lib/common/job-flow';
import type { PrintedRecord, PrintingProgress } from '@presswork/platform/lib/common/printing-record';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { WorkflowAssignment, WorkflowAssignmentContribution } from '@presswork/platform/lib/common/workflow-assignment-contribution';
import type { DocumentChange } from '@presswork/platform/lib/common/store-protocol';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { IntakeWindows } from '@presswork/platform/lib/node/intake-windows';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { listenToOrderPartitions, ordersIn } from '@presswork/platform/lib/node/cluster/order-partition-listener';
import { partitionOfOrder } from '@presswork/platform/lib/node/cluster/order-partitions';
import { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
import { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { JobDisposal } from '../activities/job-disposal';
import { CustomActivitiesCollection } from '../workflow-collections';
import { ActivityResolver } from './activity-resolver';
import { JobControls } from './job-controls';
import { EngineParts, JobRunner } from './job-runner';
import { READY_STATES, isRunning, wakeTimeOf } from './job-transitions';
import { scheduleJob } from './job-rank';
import { ParkedJobs } from './parked-jobs';
import { PrintingControls } from './printing-controls';
import { WakeTimers } from './wake-timers';
import { WorkQueue } from './work-queue';

export const WorkflowEngineOptions = Symbol('WorkflowEngineOptions');
export interface WorkflowEngineOptions {
    /** Activities running at once. Default 8. */
    readonly concurrency?: number;
    /** The soonest a wait's `until` runs its step again, in milliseconds. Default 1000. */
    readonly minWakeDelayMs?: number;
    /**
     * How long steps of orders this server gives up may go on running before they are aborted
     * (to run again at the new owner), in milliseconds. Default 3000.
     */
    readonly handOverMs?: number;
    /**
     * How long a job whose progress the store could not take (its database out of reach, or not
     * even the job's failure written) waits before its step runs again, in milliseconds. Default 5000.
     */
    readonly storeRetryMs?: number;
}
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_MIN_WAKE_DELAY_MS = 1000;
export const DEFAULT_HAND_OVER_MS = 3000;
export const DEFAULT_STORE_RETRY_MS = 5000;
/** How often a hand-over looks whether the steps of the orders given up have ended. */
const HAND_OVER_POLL_MS = 20;

interface EngineCore extends EngineParts {
    readonly queue: WorkQueue;
    /** Turns asked for again after the store failed a job's write (`EngineParts.retryLater`). */
    readonly retries: WakeTimers;
    readonly runner: JobRunner;
    readonly controls: JobControls;
    readonly printing: PrintingControls;
}

/**
 * Moves every job through its workflow: Received and Queued jobs start (or go on) as soon as a
 * slot is free, each activity's outcome is one durable write, waits with a time wake up, and
 * after a restart each job resumes where it was (an interrupted activity runs again). It is also
 * the JobFlow other extensions use for operators' decisions and the printer follower's reports; a
 * job at the printer (`isAtPrinter`) is the follower's and holds no slot.
 */
@injectable()
export class WorkflowEngine implements JobFlow, PrintingFlow, BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ActivityRegistry) protected readonly activities: ActivityRegistry;
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(PressworkConfig) protected readonly config: PressworkConfig;
    @inject(JobDisposal) protected readonly disposal: JobDisposal;
    @inject(ILogger) @named('workflow:WorkflowEngine') protected readonly logger: ILogger;
    @inject(WorkflowEngineOptions) @optional() protected readonly options: WorkflowEngineOptions | undefined;
    /** While a window of new orders is written, steps wait: the new jobs reach operators' screens first. */
    @inject(IntakeWindows) @optional() protected readonly intakeWindows?: IntakeWindows;
    @inject(ContributionProvider) @named(WorkflowAssignmentContribution) @optional()
    protected readonly assignmentProvider: ContributionProvider<WorkflowAssignmentContribution> | undefined;

    protected built: EngineCore | undefined;
    protected subscription: Disposable | undefined;
    protected ownershipListener: Disposable | undefined;
    protected phase: 'new' | 'starting' | 'running' | 'stopped' = 'new';
    /**
     * The order partitions whose steps run here: those WorkOwnership reported gained, less those
     * being given up (a partition leaves this set as soon as `losing` is called).
     */
    protected readonly partitions = new Set<number>();

    onStart(): void {
        // Not awaited: resuming thousands of jobs must not hold up the server's start.
        this.start().catch(error => this.logger.error('The workflow engine could not start', error));
    }

    onStop(): Promise<void> {
        return this.stop();
    }

    /**
     * Follows the store, and resumes the jobs of the orders this server owns (with the embedded
     * store: every job); a partition gained later is picked up the same way. Resolves once the jobs
     * of the partitions owned at the start are scheduled.
     */
    async start(): Promise<void> {
        if (this.phase !== 'new') {
            return;
        }
        this.phase = 'starting';
        await this.platform.whenReady;
        if (this.phase !== 'starting') {
            return;
        }
        this.phase = 'running';
        // Subscribed before the scan with no await between: no job can slip through unseen.
        this.subscription = this.store.onDidChange(change => this.onDocumentChange(change));
        this.ownershipListener = listenToOrderPartitions(this.ownership, {
            gained: partitions => this.gain(partitions),
            losing: partition => this.losing(partition)
        });
    }

    /** Aborts running activities (their jobs stay Processing and resume at the next start) and timers. */
    async stop(): Promise<void> {
        this.phase = 'stopped';
        this.subscription?.dispose();
        this.ownershipListener?.dispose();
        this.partitions.clear();
        const { runner, timers, retries, queue, parked } = this.core;
        runner.stop();
        timers.clear();
        retries.clear();
        queue.stop();
        parked.clear();
        await queue.idle();
    }

    /** Resolves when no job waits for a slot and no activity runs (waits with a time do not count). */
    idle(): Promise<void> {
        return this.core.queue.idle();
    }

    continueJob(jobId: string, by: string, atActivity?: string, options?: { readonly leavingBatch?: boolean }): Promise<void> {
        return this.core.controls.continueJob(jobId, by, atActivity, options);
    }

    continueJobs(orderId: string, jobIds: readonly string[], by: string, atActivity: string): Promise<ContinuedJobs> {
        return this.core.controls.continueJobs(orderId, jobIds, by, atActivity);
    }

    failJob(jobId: string, by: string, message: string): Promise<void> {
        return this.core.controls.failJob(jobId, by, message);
    }

    recordPrintFile(jobId: string, fileName: string, bytes: number): Promise<void> {
        return this.core.controls.recordPrintFile(jobId, fileName, bytes);
    }

    processAgain(jobId: string, by: string): Promise<void> {
        return this.core.controls.processAgain(jobId, by);
    }

    hold(jobId: string, by: string): Promise<void> {
        return this.core.controls.hold(jobId, by);
    }

    resume(jobId: string, by: string): Promise<void> {
        return this.core.controls.resume(jobId, by);
    }

    complete(jobId: string, by: string): Promise<void> {
        return this.core.controls.complete(jobId, by);
    }

    retain(jobId: string, by: string): Promise<void> {
        return this.core.controls.retain(jobId, by);
    }

    moveToWorkflow(jobId: string, workflowId: string, by: string): Promise<void> {
        return this.core.controls.moveToWorkflow(jobId, workflowId, by);
    }

    deleteJob(jobId: string, by: string): Promise<void> {
        return this.core.controls.deleteJob(jobId, by);
    }

    reportPrinting(jobId: string, stepId: string, progress: PrintingProgress): Promise<boolean> {
        return this.core.printing.reportPrinting(jobId, stepId, progress);
    }

    finishPrinting(jobId: string, stepId: string, printed: Omit<PrintedRecord, 'at' | 'by'>): Promise<boolean> {
        return this.core.printing.finishPrinting(jobId, stepId, printed);
    }

    failPrinting(jobId: string, stepId: string, message: string): Promise<boolean> {
        return this.core.printing.failPrinting(jobId, stepId, message);
    }

    printingUncertain(jobId: string, stepId: string, reason: string): Promise<boolean> {
        return this.core.printing.printingUncertain(jobId, stepId, reason);
    }

    markPrinted(jobId: string, by: string): Promise<void> {
        return this.core.printing.markPrinted(jobId, by);
    }

    /**
     * At the start: a job goes on by its state (ready or running: scheduled; waiting with a time:
     * timed). A job at the printer is left to the follower; one Printing without the printer's
     * job id recorded (the server died while sending) runs its step again like any running job.
     */
    protected pickUp(job: Job): void {
        if (READY_STATES.has(job.state) || isRunning(job)) {
            scheduleJob(this.core.queue, this.store, job.id, job);
            return;
        }
        const wakeAt = wakeTimeOf(job);
        if (wakeAt !== undefined) {
            this.core.timers.schedule(job.id, wakeAt);
        }
    }

    /** Whether the steps of this order's jobs run on this server now. */
    protected owns(orderId: string): boolean {
        return this.partitions.has(partitionOfOrder(orderId)) && this.ownership.ownsOrder(orderId);
    }

    /** Picks up the jobs of the orders in newly owned partitions, as at a start. */
    protected gain(partitions: ReadonlySet<number>): void {
        const fresh = new Set([...partitions].filter(partition => !this.partitions.has(partition)));
        if (this.phase !== 'running') {
            return;
        }
        fresh.forEach(partition => this.partitions.add(partition));
        this.pickUpOrdersIn(fresh);
    }

    protected pickUpOrdersIn(partitions: ReadonlySet<number>): void {
        for (const order of ordersIn(this.store, partitions)) {
            order.jobs.forEach(job => this.pickUp(job));
        }
    }

    /**
     * This server gives up a partition: no step of its orders starts here any more; their waiting
     * turns and timers are dropped; running steps may end for a while, then are aborted without
     * their outcome written (their jobs stay Processing and run again at the new owner).
     */
    protected async losing(partition: number): Promise<void> {
        if (!this.partitions.delete(partition) || !this.built) {
            return;
        }
        const { runner, queue, timers, parked } = this.core;
        const inPartition = (orderId: string): boolean => partitionOfOrder(orderId) === partition;
        const jobInPartition = (jobId: string): boolean => {
            const found = findJob(this.store, jobId);
            return found !== undefined && inPartition(found.order.id);
        };
        queue.forget(jobInPartition);
        for (const jobId of timers.keys().filter(jobInPartition)) {
            timers.cancel(jobId);
            parked.forget(jobId);
        }
        const handOverMs = this.options?.handOverMs ?? DEFAULT_HAND_OVER_MS;
        await until(() => !runner.hasTurnsOf(inPartition), handOverMs);
        runner.relinquish(inPartition, 'This server gave the order up to another server');
        // An activity that ignores its abort signal is not waited for long: its outcome is not written anyway.
        await until(() => !runner.hasTurnsOf(inPartition), handOverMs);
        if (this.partitions.has(partition)) {
            // Gained back meanwhile (the database came back within the hand-over): the turns the gain
            // started were relinquished with the old ones, and their jobs would wait for an owner
            // that is this server. They are picked up again; a job still in a turn runs once it ends.
            this.pickUpOrdersIn(new Set([partition]));
        }
    }

    /** Runs inside every store write: only cheap checks and scheduling here. */
    protected onDocumentChange(change: DocumentChange): void {
        if (this.phase !== 'running') {
            return;
        }
        if (change.collection === OrdersCollection.name) {
            if (this.owns(change.id)) {
                this.followOrder(change.id, change.document as Order | undefined, change.remote === true);
            }
        } else if (!change.document) {
            return;
        } else if (change.collection === WorkflowsCollection.name && (change.document as Workflow).enabled) {
            const { queue, parked } = this.core;
            parked.release(change.id).forEach(jobId => scheduleJob(queue, this.store, jobId));
        }
    }

    /**
     * A write of an owned order, made here or on another server (an operator's decision through
     * any server's JobFlow): a run it took a job out of is aborted, ready jobs are scheduled, and
     * timers follow the jobs' wake times. So the owner's engine follows the change, wherever it
     * was made.
     *
     * A running job in another server's write is scheduled too: that server started its step and
     * will not run it (it gave the order up, and its write landed late, or this server's copy was
     * behind when it took the order over). The turn runs the step again; a turn under way here for
     * the job looks at it once more when it ends.
     */
    protected followOrder(orderId: string, order: Order | undefined, remote: boolean): void {
        const { queue, parked, runner, timers } = this.core;
        runner.abortMovedOn(orderId, order);
        for (const job of order?.jobs ?? []) {
            const ready = READY_STATES.has(job.state) && !(job.state === 'Queued' && parked.isParkedOn(job.id, job.workflowId));
            if (ready || (remote && isRunning(job))) {
                scheduleJob(queue, this.store, job.id, job);
            }
            const wakeAt = wakeTimeOf(job);
            if (wakeAt === undefined) {
                timers.cancel(job.id);
            } else if (timers.dueAt(job.id) !== wakeAt) {
                timers.schedule(job.id, wakeAt);
            }
        }
    }

    /**
     * Runs a turn once no window of orders is being written (at most MAX_INTAKE_WAIT_MS later): a
     * backlog arriving is stored first, with the store's fsync rounds and the cores to itself, and
     * its jobs move on right after. Operators' decisions are written at once; only the steps wait.
     */
    protected afterIntake(turn: () => Promise<void>): Promise<void> {
        return this.intakeWindows?.busy ? this.intakeWindows.whenQuiet().then(turn) : turn();
    }

    /** Built on first use rather than in a constructor, so that tests can assign the injected fields. */
    protected get core(): EngineCore {
        if (!this.built) {
            const store = this.store;
            const report = (message: string, error?: unknown): void => {
                this.logger.error(message, error);
            };
            const timers = new WakeTimers(jobId => scheduleJob(queue, store, jobId));
            // Apart from the wake timers, which follow the jobs' wake times and would drop these.
            const retries = new WakeTimers(jobId => scheduleJob(queue, store, jobId));
            const storeRetryMs = this.options?.storeRetryMs ?? DEFAULT_STORE_RETRY_MS;
            const parts: EngineParts = {
                store,
                resolver: new ActivityResolver(type => this.activities.get(type), id => store.get(CustomActivitiesCollection, id)),
                timers,
                parked: new ParkedJobs(),
                jobFolderOf: jobId => JobFolders.in(this.config.dataFolder).folderOf(jobId),
                minWakeDelayMs: this.options?.minWakeDelayMs ?? DEFAULT_MIN_WAKE_DELAY_MS,
                report,
                owns: orderId => this.owns(orderId),
                // A retry of an order given up meanwhile is a turn with nothing to do: turns run only owned orders.
                retryLater: jobId => retries.schedule(jobId, Date.now() + storeRetryMs)
            };
            const runner = new JobRunner(parts);
            const queue: WorkQueue = new WorkQueue(this.options?.concurrency ?? DEFAULT_CONCURRENCY, jobId => this.afterIntake(() => runner.turn(jobId)),
                (jobId, error) => report(`Job ${jobId} could not be moved on`, error));
            const assignWorkflow = (job: Job, order: Order): WorkflowAssignment | undefined => {
                for (const contribution of this.assignmentProvider?.getContributions() ?? []) {
                    const assignment = contribution.assign(job, order);
                    if (assignment) {
                        return assignment;
                    }
                }
                return undefined;
            };
            const controlParts = { ...parts, queue, runner, assignWorkflow, disposal: this.disposal };
            this.built = { ...parts, queue, retries, runner, controls: new JobControls(controlParts), printing: new PrintingControls(controlParts) };
        }
        return this.built;
    }
}

/** Resolves once `done` holds (looked at every few milliseconds), or after `timeoutMs` at the latest. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done() && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, HAND_OVER_POLL_MS));
    }
}
