import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { writeFileDurably } from '@presswork/platform/lib/node/files/durable-file';
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

/** Where the worker's script is: beside this module (compiled package, tests), else the compiled package's own file (backend bundle). */
export function batchMergeWorkerFile(): string {
    const beside = join(__dirname, BATCH_MERGE_WORKER_FILE);
    return existsSync(beside) ? beside : require.resolve(`@presswork/output/lib/node/batch/${BATCH_MERGE_WORKER_FILE}`);
}

/**
 * Merges the batch's document in a worker of its own (mergeBatchPdf: slip, then each job's pages
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

function inWorker(request: MergeRequest, limits: BatchMergeLimits, workerFile: string): Promise<MergedDocument> {
    return new Promise<MergedDocument>((resolve, reject) => {
        const worker = new Worker(workerFile, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb }, stdout: true, stderr: true });
        let settled = false;
        const settle = (outcome: { merged?: MergedDocument; problem?: string }): void => {
            if (settled) {
                return;
            }
            settled = true;
            clearTimeout(timer);
            worker.terminate().catch(() => undefined);
            if (outcome.merged) {
                resolve(outcome.merged);
            } else {
                reject(new Error(`The batch's document could not be made: ${outcome.problem ?? 'the merge ended without an answer'}`));
            }
        };
        const timer = setTimeout(() => settle({ problem: `merging took longer than ${Math.round(limits.timeoutMs / 1000)} seconds` }), limits.timeoutMs);
        worker.once('message', (message: { merged?: MergedDocument; problem?: string }) => settle(message));
        worker.once('error', error => settle({
            problem: (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'the print files are too large to merge here' : error.message
        }));
        worker.once('exit', () => settle({}));
    });
}
