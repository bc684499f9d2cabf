import type { Batch, BatchOutput } from '../../../common/batch/batch-schema';
import { BatchOutputSchema } from '../../../common/batch/batch-schema';
import type { BatchBook, JoinedBatch } from '../batch-book';

/**
 * An in-memory batch book holding the batches a test puts in: what the batch printer reads and
 * writes (get, recordOutput, log), each output checked by its schema as the store would. Every
 * output recorded is kept in order, so a test can see the intent written before the printer's id.
 */
export class FakeBatchBook implements BatchBook {
    readonly batches = new Map<string, Batch>();
    readonly outputs: BatchOutput[] = [];

    put(batch: Batch): Batch {
        this.batches.set(batch.id, structuredClone(batch));
        return batch;
    }

    get(batchId: string): Batch | undefined {
        return this.batches.get(batchId);
    }

    async recordOutput(batchId: string, output: BatchOutput): Promise<Batch> {
        const batch = this.batches.get(batchId);
        if (batch?.state !== 'released') {
            throw new Error(`Batch ${batchId} is not released`);
        }
        const checked = BatchOutputSchema.parse(output);
        this.outputs.push(checked);
        const next = { ...batch, version: batch.version + 1, output: checked };
        this.batches.set(batchId, next);
        return next;
    }

    async log(batchId: string, message: string, level: 'info' | 'warning' | 'error' = 'info', by?: string): Promise<void> {
        const batch = this.batches.get(batchId);
        batch?.log.push({ at: new Date().toISOString(), level, message, ...(by ? { by } : {}) });
    }

    /** The batch's log, one line a message. */
    logText(batchId: string): string {
        return (this.batches.get(batchId)?.log ?? []).map(line => line.message).join('\n');
    }

    batchOf(jobId: string): Batch | undefined {
        return [...this.batches.values()].find(batch => batch.members.some(member => member.jobId === jobId));
    }

    openBatchesOf(): readonly Batch[] {
        return [];
    }

    join(): Promise<JoinedBatch> {
        throw new Error('Not in the fake batch book');
    }

    release(): Promise<Batch | undefined> {
        throw new Error('Not in the fake batch book');
    }

    removeMembers(): Promise<Batch | undefined> {
        throw new Error('Not in the fake batch book');
    }

    split(): Promise<Batch> {
        throw new Error('Not in the fake batch book');
    }
}
