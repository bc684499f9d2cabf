import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import type { RpcContract } from '@presswork/platform/lib/common/rpc-contract';
import type { Batch } from './batch-schema';

export const BATCH_SERVICE_PATH = '/services/output/batches';

/** A batch as the Batches view shows it: the document, with its next release in words. */
export interface BatchView extends Batch {
    /** "at 14:00", "when 3 more jobs arrive", "by hand only": what releases it next (open batches). */
    readonly nextRelease?: string;
}

export interface BatchPage {
    readonly total: number;
    readonly batches: readonly BatchView[];
}

export const BatchService = Symbol('BatchService');
/**
 * Batches, for the Batches view and the job actions of the All Jobs pod. Everyone signed in sees
 * them; staff act on them (jobs.act). Each action names the acting user in the batch's log.
 */
export interface BatchService {
    /** Open batches first (oldest first), then released ones (newest first). */
    listBatches(offset: number, limit: number): Promise<BatchPage>;
    /** Releases the open batch now, whatever its rules say. */
    releaseNow(batchId: string): Promise<void>;
    /** Releases the open batches the jobs wait in. */
    releaseBatchesOf(jobIds: readonly string[]): Promise<void>;
    /** Takes the jobs out of their open batches; each goes on alone to the step after the Batch step. */
    removeFromBatch(jobIds: readonly string[]): Promise<void>;
    /** Moves the jobs (all of one open batch, not all of its jobs) into a new open batch with the same keys and rules. */
    splitBatch(jobIds: readonly string[]): Promise<{ readonly batchId: string }>;
}

const jobIds = z.array(DocumentIdSchema).min(1, 'Select at least one job').max(1000);
const paging = z.tuple([z.number().int().min(0), z.number().int().min(1).max(500)]);

export const BatchServiceContract: RpcContract<BatchService> = {
    listBatches: { access: 'operations.view', args: paging },
    releaseNow: { access: 'jobs.act', args: z.tuple([DocumentIdSchema]) },
    releaseBatchesOf: { access: 'jobs.act', args: z.tuple([jobIds]) },
    removeFromBatch: { access: 'jobs.act', args: z.tuple([jobIds]) },
    splitBatch: { access: 'jobs.act', args: z.tuple([jobIds]) }
};
