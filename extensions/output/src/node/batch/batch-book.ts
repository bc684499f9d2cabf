import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Batch, BatchOutput } from '../../common/batch/batch-schema';
import type { BatchProperties } from '../../common/batch/batch-activity';

/** A job entering a Batch step, with what the batch book needs to place it. */
export interface JoiningJob {
    readonly job: Readonly<Job>;
    readonly orderNumber: string;
    readonly workflowId: string;
    readonly stepId: string;
    readonly properties: BatchProperties;
    /** The job's values for the step's `groupBy` keys (batch-keys.ts). */
    readonly keys: Readonly<Record<string, string>>;
}

/** Where a joining job stands: its batch, and whether that batch is released (it goes on at once). */
export interface JoinedBatch {
    readonly batch: Batch;
    readonly released: boolean;
}

/**
 * The one writer of batch documents (the `batches` collection). Every write is a `store.modify`
 * under the batch's step lock, logged in the batch's own log in words, and durable before it
 * resolves: membership, rule state, release and output are on disk before any job moves on or
 * anything is sent.
 */
export const BatchBook = Symbol('BatchBook');
export interface BatchBook {
    get(batchId: string): Batch | undefined;
    /**
     * The batch that lists the job: its open batch, else the released one it went on with (a job
     * whose own join released the batch continues at once and has no `batchId` of its own).
     */
    batchOf(jobId: string): Batch | undefined;
    /** The open batches of one workflow step. */
    openBatchesOf(workflowId: string, stepId: string): readonly Batch[];
    /**
     * Places the job: the batch (open or released) that already lists it, else the step's oldest
     * open batch with the same key values and room, else a new one (B-0001, B-0002…). Count, copies
     * and sheets rules are checked in the same write, which releases the batch when one holds.
     */
    join(joining: JoiningJob): Promise<JoinedBatch>;
    /** Releases an open batch (`reason` in words; `by`, a person, for a hand release). Undefined when it is not open. */
    release(batchId: string, reason: string, by?: string): Promise<Batch | undefined>;
    /** Takes jobs out of an open batch, logging why ("held", "removed by olivia"); an emptied batch is deleted. */
    removeMembers(batchId: string, jobIds: readonly string[], reason: string, by?: string): Promise<Batch | undefined>;
    /** Moves jobs of an open batch into a new open batch with the same keys and rules. */
    split(batchId: string, jobIds: readonly string[], by: string): Promise<Batch>;
    /**
     * Records the released batch's output (intent before sending, then the printer's job id).
     * Rejects when the batch is not released.
     */
    recordOutput(batchId: string, output: BatchOutput): Promise<Batch>;
    /** Adds a line to the batch's log. */
    log(batchId: string, message: string, level?: 'info' | 'warning' | 'error', by?: string): Promise<void>;
}
