import { inject, injectable } from '@theia/core/shared/inversify';
import type { ActivityContext, ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import { DefinedActivity, failure, waitReason } from '@presswork/platform/lib/common/defined-activity';
import { WAITING_FOR_BATCH } from '@presswork/platform/lib/common/job-status';
import { BatchActivity, type BatchProperties } from '../../common/batch/batch-activity';
import { BatchBook } from './batch-book';
import { batchKeyValues } from './batch-keys';
import { fillWords } from './batch-rules';
import { ShopClock } from './shop-clock';

/**
 * Batch: the job joins the open batch of its step whose keys it matches (or opens one) and waits
 * for it in Waiting for batch, "Batch B-0042: 2 of 3 jobs". The join whose job fills the batch
 * releases it in the same write, and that job goes on at once, naming the batch like the others; the batch releaser moves the
 * others on. Run again (a restart, a resume), the step finds the batch that lists the job.
 */
@injectable()
export class BatchActivityContribution extends DefinedActivity<BatchProperties> {
    @inject(BatchBook) protected readonly book: BatchBook;
    @inject(ShopClock) protected readonly clock: ShopClock;

    constructor() {
        super(BatchActivity);
    }

    async execute(context: ActivityContext<BatchProperties>): Promise<ActivityOutcome> {
        const { job, step, properties } = context;
        if (!job.workflowId) {
            return failure('The job has no workflow, so it cannot join a batch');
        }
        const keys = batchKeyValues(job, properties.groupBy, this.clock.timeZone());
        const { batch, released } = await this.book.join({ job, orderNumber: job.orderNumber, workflowId: job.workflowId, stepId: step.id, properties, keys });
        if (released) {
            await context.log(`Released with batch ${batch.id}: ${fillWords(batch)}`);
            return { kind: 'continue', batchId: batch.id };
        }
        return { kind: 'wait', state: WAITING_FOR_BATCH, reason: waitReason(`Batch ${batch.id}: ${fillWords(batch)}`), batchId: batch.id };
    }
}
