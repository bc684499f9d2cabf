import { writeFileDurably } from '@presswork/platform/lib/node/files/durable-file';
import { WorkerFailureError, WorkerPool, workerScriptFile } from '@presswork/platform/lib/node/worker-pool';
import type { MergeRequest, MergeTimings, MergedDocument } from './batch-merge';

/** The worker's file name, beside this module in the compiled package. */
export const BATCH_MERGE_WORKER_FILE = 'batch-merge-worker.js';

export interface BatchMergeLimits {
    /** The worker's heap: a batch too big for it ends its worker, not the server. */
    readonly maxHeapMb: number;
    /** A merge that takes longer is stopped. */
    readonly timeoutMs: number;
}

export const DEFAULT_BATCH_MERGE_LIMITS: BatchMergeLimits = { maxHeapMb: 2048, timeoutMs: 10 * 60_000 };

/** A merged batch document on disk, with what it holds and how long each part took. */
export interface WrittenBatchDocument extends Omit<MergedDocument, 'bytes' | 'timings'> {
    readonly file: string;
    readonly bytes: number;
    readonly timings: MergeTimings & {
        /** From asking the worker to holding its answer (the worker's start and the transfer included). */
        readonly workerMs: number;
        readonly writeMs: number;
    };
}

/** The worker's script (platform's workerScriptFile). */
export function batchMergeWorkerFile(): string {
    return workerScriptFile(__dirname, BATCH_MERGE_WORKER_FILE, () => require.resolve(`@presswork/output/lib/node/batch/${BATCH_MERGE_WORKER_FILE}`));
}

/**
 * Merges the batch's document in the merge worker (mergeBatchPdf: slip, then each job's pages
 * × copies) and writes it to `file` whole and durably (temporary file, fsync, rename). Rejects
 * with the reason in words when a print file cannot be read or the merge is too big or too slow.
 */
export async function mergeBatchDocument(request: MergeRequest, file: string, limits: BatchMergeLimits = DEFAULT_BATCH_MERGE_LIMITS,
    workerFile = batchMergeWorkerFile()): Promise<WrittenBatchDocument> {
    const started = performance.now();
    const merged = await inWorker(request, limits, workerFile);
    const answered = performance.now();
    await writeFileDurably(file, merged.bytes);
    const { bytes, timings, ...held } = merged;
    return { ...held, file, bytes: bytes.byteLength, timings: { ...timings, workerMs: answered - started, writeMs: performance.now() - answered } };
}

/** The merge worker's answer to one request. */
interface MergeAnswer {
    readonly merged?: MergedDocument;
    readonly problem?: string;
}

/**
 * The merge workers by script, heap and time limit (in practice one): platform's WorkerPool of one
 * worker, kept between merges (so pdf-lib is loaded once) and ended after a minute without one. A
 * merge that fails inside it leaves it running; one that ends it (out of memory, too slow: it is
 * terminated) starts a new one for the next merge.
 */
const pools = new Map<string, WorkerPool<MergeRequest, MergeAnswer>>();
const MERGE_WORKER_IDLE_MS = 60_000;

async function inWorker(request: MergeRequest, limits: BatchMergeLimits, workerFile: string): Promise<MergedDocument> {
    const key = `${workerFile}\n${limits.maxHeapMb}\n${limits.timeoutMs}`;
    let pool = pools.get(key);
    if (!pool) {
        pool = new WorkerPool({
            file: workerFile, size: 1, maxOldGenerationSizeMb: limits.maxHeapMb, taskTimeoutMs: limits.timeoutMs, idleMs: MERGE_WORKER_IDLE_MS, quiet: true
        });
        pools.set(key, pool);
    }
    let answer: MergeAnswer;
    try {
        answer = await pool.run(request);
    } catch (error) {
        answer = { problem: whyMergeEnded(error, limits) };
    }
    if (!answer.merged) {
        throw new Error(`The batch's document could not be made: ${answer.problem ?? 'the merge ended without an answer'}`);
    }
    return answer.merged;
}

function whyMergeEnded(error: unknown, limits: BatchMergeLimits): string {
    if (!(error instanceof WorkerFailureError)) {
        return error instanceof Error ? error.message : String(error);
    }
    if (error.reason === 'out-of-memory') {
        return 'the print files are too large to merge here';
    }
    return error.reason === 'timed-out' ? `merging took longer than ${Math.round(limits.timeoutMs / 1000)} seconds` : error.message;
}
