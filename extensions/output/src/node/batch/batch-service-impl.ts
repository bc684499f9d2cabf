import { inject, injectable, optional } from '@theia/core/shared/inversify';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { JobFlow } from '@presswork/platform/lib/common/job-flow';
import { WAITING_FOR_BATCH } from '@presswork/platform/lib/common/job-status';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { RpcCaller, SESSION_ENDED_MESSAGE } from '@presswork/platform/lib/node/rpc/rpc-caller';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import type { Batch } from '../../common/batch/batch-schema';
import type { BatchPage, BatchService } from '../../common/batch/batch-protocol';
import { BatchBook } from './batch-book';
import { batchesInOrder, batchView } from './batch-listing';
import { BatchReleaser } from './batch-releaser';
import { ShopClock } from './shop-clock';

/**
 * The batch service of one browser connection (the guard has checked authority and input): the
 * Batches view's list and the batch actions, each naming the acting user in the batch's log.
 */
@injectable()
export class BatchServiceImpl implements BatchService {
    @inject(BatchBook) protected readonly book: BatchBook;
    @inject(BatchReleaser) protected readonly releaser: BatchReleaser;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(JobFlow) protected readonly jobFlow: JobFlow;
    @inject(ShopClock) protected readonly clock: ShopClock;
    @inject(RpcCaller) @optional() protected readonly caller: RpcCaller | undefined;

    async listBatches(offset: number, limit: number): Promise<BatchPage> {
        const batches = batchesInOrder(this.store);
        const timeZone = this.clock.timeZone();
        return { total: batches.length, batches: batches.slice(offset, offset + limit).map(batch => batchView(batch, timeZone)) };
    }

    async releaseNow(batchId: string): Promise<void> {
        const batch = this.book.get(batchId);
        if (!batch) {
            throw PressworkError.NotFound(`There is no batch ${batchId}`);
        }
        if (!await this.releaser.releaseByHand(batchId, this.by())) {
            throw PressworkError.Refused(`Batch ${batchId} is released already`);
        }
    }

    async releaseBatchesOf(jobIds: readonly string[]): Promise<void> {
        const by = this.by();
        for (const batch of this.openBatchesOf(jobIds)) {
            await this.releaser.releaseByHand(batch.id, by);
        }
    }

    async removeFromBatch(jobIds: readonly string[]): Promise<void> {
        const by = this.by();
        const batches = this.openBatchesOf(jobIds);
        for (const batch of batches) {
            const leaving = jobIds.filter(jobId => batch.members.some(member => member.jobId === jobId));
            await this.book.removeMembers(batch.id, leaving, `removed by ${by}`, by);
        }
        // Out of its batch, each job goes on alone to the step after the Batch step.
        for (const jobId of jobIds) {
            await this.jobFlow.continueJob(jobId, by, ActivityTypes.batch);
        }
    }

    async splitBatch(jobIds: readonly string[]): Promise<{ readonly batchId: string }> {
        const batches = this.openBatchesOf(jobIds);
        if (batches.length > 1) {
            throw PressworkError.Refused(`The jobs are in ${batches.length} batches (${batches.map(batch => batch.id).join(', ')}): choose jobs of one batch to split it`);
        }
        const split = await this.book.split(batches[0].id, jobIds, this.by());
        return { batchId: split.id };
    }

    /** The open batches the jobs wait in; refused, naming the job, when one does not wait for a batch. */
    protected openBatchesOf(jobIds: readonly string[]): Batch[] {
        const batches = new Map<string, Batch>();
        for (const jobId of jobIds) {
            const found = findJob(this.store, jobId);
            if (!found) {
                throw PressworkError.NotFound(`There is no job ${jobId}`);
            }
            const batch = this.book.batchOf(jobId);
            if (found.job.state !== WAITING_FOR_BATCH || batch?.state !== 'open') {
                throw PressworkError.Refused(`Job ${found.job.name} of order ${found.job.orderNumber} is not waiting in an open batch (it is ${found.job.state})`);
            }
            batches.set(batch.id, batch);
        }
        return [...batches.values()];
    }

    /** Who acts, for the logs; an access-denied error once the session has ended. */
    protected by(): string {
        if (!this.caller) {
            throw PressworkError.AccessDenied(SESSION_ENDED_MESSAGE);
        }
        return this.caller.user().name;
    }
}
