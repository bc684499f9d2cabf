import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { DisposableCollection, type Disposable } from '@theia/core/lib/common/disposable';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { JobFlow } from '@presswork/platform/lib/common/job-flow';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { WAITING_FOR_BATCH } from '@presswork/platform/lib/common/job-status';
import type { DocumentChange } from '@presswork/platform/lib/common/store-protocol';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { whileLeader } from '@presswork/platform/lib/node/cluster/while-leader';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { Batch } from '../../common/batch/batch-schema';
import { BatchBook } from './batch-book';
import { BatchesCollection } from './batch-collection';
import { MISSED_AFTER_MS, nextTimedRelease } from './batch-rules';
import { PendingWork } from './pending-work';
import { ShopClock } from './shop-clock';

/** Who moves the jobs of a batch released by a rule on, in their logs. */
export const RELEASED_BY = 'Presswork';
/** The timer looks again at least this often: a clock change or a sleeping machine never leaves a release waiting for long. */
const MAX_TIMER_MS = 60 * 60_000;
/** After a round of the timer, the next is at least this far off: a release that keeps failing is not tried in a loop. */
const RETRY_FLOOR_MS = 1_000;

/**
 * Releases batches and moves their jobs on. A release is the batch book's durable write of the
 * batch (released, when, why) BEFORE any job moves; then the jobs still waiting at the Batch step
 * go on with one `JobFlow.continueJobs` per order. Whatever crashed in between, the next start
 * (and every change of a released batch or of a job waiting for one) continues the jobs still
 * waiting: the engine moves on only jobs still waiting, so a repeat moves nobody twice.
 *
 * Time rules (time of day, oldest wait, due within) fire on a timer set to the earliest open
 * batch's `nextReleaseAt`. One that came while Presswork was down fires once at start, and a
 * missed time of day says so in the batch's log. The timer and the continuing run on the leader
 * (with several servers, one releases for all; a new leader starts as at a start). A hand release
 * is made on the server the operator uses.
 */
@injectable()
export class BatchReleaser implements BackendApplicationContribution {
    @inject(BatchBook) protected readonly book: BatchBook;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(JobFlow) protected readonly jobFlow: JobFlow;
    @inject(ShopClock) protected readonly clock: ShopClock;
    @inject(PlatformReady) @optional() protected readonly platform: PlatformReady | undefined;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('output:BatchReleaser') protected readonly logger: ILogger;

    protected readonly toDispose = new DisposableCollection();
    protected timer: NodeJS.Timeout | undefined;
    /** When the timer fires (ms). */
    protected timerAt: number | undefined;
    protected running = false;
    protected started: Promise<void> | undefined;
    /** One continue pass per batch at a time; a change meanwhile asks for one more. */
    protected readonly passes = new Map<string, { again: boolean; done: Promise<void> }>();
    protected readonly work = new PendingWork(error => this.logger.error('A batch release went wrong', error));

    protected leadership: Disposable | undefined;

    onStart(): void {
        this.leadership = whileLeader(this.ownership, this, error => this.logger.error('The batch releaser could not start', error));
    }

    onStop(): void {
        this.leadership?.dispose();
        this.stop().catch(error => this.logger.error('The batch releaser did not stop cleanly', error));
    }

    /** Starts (once): releases what came due while down, moves on the jobs of released batches, sets the timer. */
    start(): Promise<void> {
        this.started ??= this.doStart();
        return this.started;
    }

    protected async doStart(): Promise<void> {
        await this.platform?.whenReady;
        await this.store.ready;
        this.running = true;
        this.toDispose.push(this.store.onDidChange(change => this.changed(change)));
        await this.releaseDue(true);
        await Promise.all(this.store.findBy(BatchesCollection, 'byState', 'released').map(batch => this.continueBatch(batch.id)));
        this.schedule();
    }

    async stop(): Promise<void> {
        this.running = false;
        this.started = undefined;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.timerAt = undefined;
        this.toDispose.dispose();
        await this.idle();
    }

    /** Resolves once the work asked for so far (releases, continues) has ended. */
    idle(): Promise<void> {
        return this.work.idle();
    }

    /** A hand release ("Release batch now"): the batch is released and its jobs go on, `by` named in the batch's and their logs. Undefined when it was not open. */
    async releaseByHand(batchId: string, by: string): Promise<Batch | undefined> {
        const released = await this.book.release(batchId, 'by hand', by);
        if (released) {
            await this.continueBatch(batchId);
        }
        return released;
    }

    /** Releases the open batches whose timed rule has come; at start, a time of day missed while down is logged as such. */
    async releaseDue(atStart = false): Promise<void> {
        const now = this.clock.now();
        const timeZone = this.clock.timeZone();
        for (const batch of this.store.findBy(BatchesCollection, 'byState', 'open')) {
            const timed = nextTimedRelease(batch, timeZone);
            if (!timed || timed.at > now) {
                continue;
            }
            try {
                const released = await this.book.release(batch.id, timed.reason);
                if (released && atStart && timed.timeOfDay && now - timed.at > MISSED_AFTER_MS) {
                    await this.book.log(batch.id, `Released at start: the ${timed.timeOfDay} release was missed while Presswork was down`, 'warning');
                }
            } catch (error) {
                this.logger.warn(`Batch ${batch.id} could not be released (${timed.reason}): ${messageOf(error)}`);
            }
        }
    }

    /** Moves on the batch's jobs still waiting at its step (one pass at a time per batch). */
    continueBatch(batchId: string): Promise<void> {
        const current = this.passes.get(batchId);
        if (current) {
            current.again = true;
            return current.done;
        }
        const pass = { again: true, done: Promise.resolve() };
        this.passes.set(batchId, pass);
        pass.done = this.work.add((async () => {
            try {
                while (pass.again) {
                    pass.again = false;
                    await this.continueMembers(batchId);
                }
            } finally {
                this.passes.delete(batchId);
            }
        })());
        return pass.done;
    }

    protected async continueMembers(batchId: string): Promise<void> {
        const batch = this.book.get(batchId);
        if (batch?.state !== 'released') {
            return;
        }
        const by = releasedBy(batch);
        const waitingByOrder = new Map<string, string[]>();
        for (const member of batch.members) {
            const found = findJob(this.store, member.jobId);
            if (found && isWaitingAt(found.job, batch)) {
                waitingByOrder.set(found.order.id, [...waitingByOrder.get(found.order.id) ?? [], member.jobId]);
            }
        }
        for (const [orderId, jobIds] of waitingByOrder) {
            try {
                const { skipped } = await this.jobFlow.continueJobs(orderId, jobIds, by, ActivityTypes.batch);
                for (const { jobId, reason } of skipped) {
                    this.logger.info(`Job ${jobId} of batch ${batchId} was not moved on: ${reason}`);
                }
            } catch (error) {
                // The next change of the order or the batch, or the next start, tries again.
                this.logger.warn(`The jobs of batch ${batchId} in order ${orderId} were not moved on: ${messageOf(error)}`);
            }
        }
    }

    protected changed(change: DocumentChange): void {
        if (!this.running) {
            return;
        }
        if (change.collection === BatchesCollection.name) {
            const batch = change.document as Batch | undefined;
            if (batch?.state === 'released') {
                this.continueBatch(batch.id);
            }
            this.schedule();
        } else if (change.collection === OrdersCollection.name && change.document) {
            // A job that took its wait after its batch was released (the release came while the step ran).
            for (const job of (change.document as Order).jobs) {
                if (job.state === WAITING_FOR_BATCH) {
                    const batch = (job.batchId ? this.book.get(job.batchId) : undefined) ?? this.book.batchOf(job.id);
                    if (batch?.state === 'released' && isWaitingAt(job, batch) && batch.members.some(member => member.jobId === job.id)) {
                        this.continueBatch(batch.id);
                    }
                }
            }
        }
    }

    /**
     * Sets the timer to the earliest open batch's next timed release, unless it is set for that
     * time or earlier already (a stream of joins must not keep putting a due release off).
     * `floorMs` keeps a release that failed from being tried again at once, in a loop.
     */
    protected schedule(floorMs = 0): void {
        if (!this.running) {
            return;
        }
        let next: number | undefined;
        for (const batch of this.store.findBy(BatchesCollection, 'byState', 'open')) {
            const at = batch.nextReleaseAt ? Date.parse(batch.nextReleaseAt) : undefined;
            if (at !== undefined && (next === undefined || at < next)) {
                next = at;
            }
        }
        const now = this.clock.now();
        const at = next === undefined ? undefined : Math.max(next, now + floorMs);
        if (at === undefined || (this.timer && this.timerAt !== undefined && this.timerAt <= at)) {
            return;
        }
        clearTimeout(this.timer);
        this.timerAt = at;
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.timerAt = undefined;
            this.work.add(this.releaseDue().then(() => this.schedule(RETRY_FLOOR_MS)));
        }, Math.min(at - now, MAX_TIMER_MS));
        this.timer.unref?.();
    }
}

/** Who released the batch (its release's log entry names a person for a hand release), for the jobs' logs. */
function releasedBy(batch: Batch): string {
    const release = batch.log.findLast(entry => entry.message.startsWith('Released'));
    return release?.by ?? RELEASED_BY;
}

function isWaitingAt(job: Readonly<Job>, batch: Pick<Batch, 'workflowId' | 'stepId'>): boolean {
    return job.state === WAITING_FOR_BATCH && job.stepId === batch.stepId && job.workflowId === batch.workflowId;
}
