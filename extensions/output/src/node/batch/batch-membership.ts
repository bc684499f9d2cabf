import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { DisposableCollection, type Disposable } from '@theia/core/lib/common/disposable';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { messageOf } from '@presswork/platform/lib/common/errors';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { DocumentChange } from '@presswork/platform/lib/common/store-protocol';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { whileLeader } from '@presswork/platform/lib/node/cluster/while-leader';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { KeyedLock } from '@presswork/platform/lib/node/store/keyed-lock';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { Batch } from '../../common/batch/batch-schema';
import { BatchBook } from './batch-book';
import { BatchesCollection } from './batch-collection';
import { PendingWork } from './pending-work';

/** States of a job still on its way into the batch at the step (its join has not written its wait yet). */
const JOINING = new Set<string>(['Received', 'Queued', 'Processing']);

/**
 * Why a member job no longer belongs in its open batch, in words for the batch's log ("held"),
 * or undefined while it does: it waits for the batch at its step, or is still joining it.
 */
export function leavingReason(job: Readonly<Job> | undefined, batch: Pick<Batch, 'id' | 'workflowId' | 'stepId'>): string | undefined {
    if (!job) {
        return 'deleted';
    }
    if (job.state === 'Held') {
        return 'held';
    }
    if (job.state === 'Error') {
        return 'sent to Error';
    }
    if (job.workflowId !== batch.workflowId) {
        return job.workflowId ? 'moved to another workflow' : 'taken out of its workflow';
    }
    if (job.stepId !== batch.stepId) {
        return `moved on to ${job.currentActivity ?? 'another step'} (${job.state})`;
    }
    if (job.batchId === batch.id || (job.batchId === undefined && JOINING.has(job.state))) {
        return undefined;
    }
    return job.batchId ? `now in batch ${job.batchId}` : `no longer waiting for the batch (${job.state})`;
}

/**
 * Keeps open batches to the jobs that still wait in them: a member job deleted, held, failed,
 * moved to another workflow or step, or in another batch is taken out, and the batch says so
 * ("Job Cards of order 1001 left the batch: held"). Follows order changes through the store's
 * events with an in-memory map of members (order → its jobs in open batches), so an event costs
 * only its own order's members; a full look at start.
 */
@injectable()
export class BatchMembership implements BackendApplicationContribution {
    @inject(BatchBook) protected readonly book: BatchBook;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(PlatformReady) @optional() protected readonly platform: PlatformReady | undefined;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('output:BatchMembership') protected readonly logger: ILogger;

    protected readonly toDispose = new DisposableCollection();
    /** orderId → (jobId → the open batch listing it). */
    protected readonly membersByOrder = new Map<string, Map<string, string>>();
    /** batchId → the members' orders, to forget a batch's members when it changes. */
    protected readonly ordersOfBatch = new Map<string, Set<string>>();
    protected readonly locks = new KeyedLock();
    protected readonly work = new PendingWork(error => this.logger.warn(`Batch members could not be checked: ${messageOf(error)}`));
    protected started: Promise<void> | undefined;

    protected leadership: Disposable | undefined;

    /** Runs on the leader: with several servers, one reconciles for all. */
    onStart(): void {
        this.leadership = whileLeader(this.ownership, this, error => this.logger.error('The batch membership reconciler could not start', error));
    }

    onStop(): void {
        this.leadership?.dispose();
        this.toDispose.dispose();
        this.started = undefined;
    }

    /** Stops following changes, waits for the reconciling under way and forgets the members (a start looks again). */
    async stop(): Promise<void> {
        await this.started?.catch(() => undefined);
        this.toDispose.dispose();
        this.started = undefined;
        await this.idle();
        this.membersByOrder.clear();
        this.ordersOfBatch.clear();
    }

    start(): Promise<void> {
        this.started ??= this.doStart();
        return this.started;
    }

    protected async doStart(): Promise<void> {
        await this.platform?.whenReady;
        await this.store.ready;
        this.toDispose.push(this.store.onDidChange(change => this.changed(change)));
        for (const batch of this.store.findBy(BatchesCollection, 'byState', 'open')) {
            this.remember(batch.id, batch);
        }
        await Promise.all([...this.membersByOrder.keys()].map(orderId => this.reconcileOrder(orderId)));
    }

    /** Resolves once the reconciling asked for so far has ended. */
    idle(): Promise<void> {
        return this.work.idle();
    }

    protected changed(change: DocumentChange): void {
        if (change.collection === BatchesCollection.name) {
            this.remember(change.id, change.document as Batch | undefined);
        } else if (change.collection === OrdersCollection.name && this.membersByOrder.has(change.id)) {
            this.reconcileLater(change.id);
        }
    }

    protected reconcileLater(orderId: string): void {
        this.work.add(this.locks.run(orderId, () => this.reconcileOrder(orderId)));
    }

    /** Takes the order's member jobs that left out of their open batches. */
    protected async reconcileOrder(orderId: string): Promise<void> {
        const members = this.membersByOrder.get(orderId);
        if (!members) {
            return;
        }
        const order: Order | undefined = this.store.get(OrdersCollection, orderId);
        const leaving = new Map<string, Map<string, string[]>>(); // batchId → reason → jobIds
        for (const [jobId, batchId] of members) {
            const batch = this.book.get(batchId);
            if (batch?.state !== 'open') {
                continue;
            }
            const job = order ? order.jobs.find(candidate => candidate.id === jobId) : findJob(this.store, jobId)?.job;
            const reason = leavingReason(job, batch);
            if (reason) {
                const reasons = leaving.get(batchId) ?? new Map<string, string[]>();
                reasons.set(reason, [...reasons.get(reason) ?? [], jobId]);
                leaving.set(batchId, reasons);
            }
        }
        for (const [batchId, reasons] of leaving) {
            for (const [reason, jobIds] of reasons) {
                await this.book.removeMembers(batchId, jobIds, reason);
            }
        }
    }

    /** Keeps the map to the batch as it now is: members of an open batch, none of a released or deleted one. */
    protected remember(batchId: string, batch: Batch | undefined): void {
        for (const orderId of this.ordersOfBatch.get(batchId) ?? []) {
            const members = this.membersByOrder.get(orderId);
            for (const [jobId, listedIn] of members ?? []) {
                if (listedIn === batchId) {
                    members!.delete(jobId);
                }
            }
            if (members?.size === 0) {
                this.membersByOrder.delete(orderId);
            }
        }
        this.ordersOfBatch.delete(batchId);
        if (batch?.state !== 'open') {
            return;
        }
        const orders = new Set<string>();
        for (const member of batch.members) {
            orders.add(member.orderId);
            let members = this.membersByOrder.get(member.orderId);
            if (!members) {
                members = new Map();
                this.membersByOrder.set(member.orderId, members);
            }
            members.set(member.jobId, batchId);
        }
        this.ordersOfBatch.set(batchId, orders);
    }
}
