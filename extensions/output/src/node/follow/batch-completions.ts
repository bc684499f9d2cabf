import { inject, injectable, optional } from '@theia/core/shared/inversify';
import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';
import { BATCH_ID_PATTERN, type BatchOutput } from '../../common/batch/batch-schema';
import { BatchBook } from '../batch/batch-book';
import type { PrintingJob } from './printing-jobs';

/**
 * What the follower remembers of a batch's one printer job: its completion, kept on the batch's
 * output record. The members of a batch are followed one by one, and a member whose Print step
 * ran late (behind other work) may reach the printer after it forgot the finished job: the batch
 * then says it was printed, rather than leave the member for an operator to decide.
 */
@injectable()
export class BatchCompletions {
    @inject(BatchBook) @optional() protected readonly book: BatchBook | undefined;

    /** Whether the job is at the printer as part of a batch's document: the printer's counts are the batch's. */
    isBatchPrint(job: PrintingJob): boolean {
        return BATCH_ID_PATTERN.test(job.printing.jobName);
    }

    /** Records, once, that the batch's printer job completed. */
    async completed(job: PrintingJob, status: DeviceJobStatus): Promise<void> {
        const output = this.outputOf(job);
        if (output && !output.completedAt && status.state === 'completed') {
            await this.book!.recordOutput(job.printing.jobName, { ...output, completedAt: new Date().toISOString() });
        }
    }

    /** Whether the printer job the member was sent with is known to have completed (the printer may have forgotten it since). */
    wasCompleted(job: PrintingJob): boolean {
        return !!this.outputOf(job)?.completedAt;
    }

    /** The output record of the batch the job was sent with, when it is that very printer job. */
    protected outputOf(job: PrintingJob): BatchOutput | undefined {
        if (!this.book || !this.isBatchPrint(job)) {
            return undefined;
        }
        const output = this.book.get(job.printing.jobName)?.output;
        const same = output && output.printerId === job.printing.printerId && output.deviceJobId === job.printing.deviceJobId;
        return same ? output : undefined;
    }
}
