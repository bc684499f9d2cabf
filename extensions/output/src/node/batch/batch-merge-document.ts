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
 * One merge worker, kept between merges (and ended after a minute without one), taking one merge
 * at a time. A merge that fails inside it leaves it running; one that ends it (out of memory, too
 * slow: it is terminated) starts a new one for the next merge.
 */
class MergeWorker {
    protected worker: Worker | undefined;
    protected queue: Promise<unknown> = Promise.resolve();
    protected idleTimer: NodeJS.Timeout | undefined;

    constructor(protected readonly workerFile: string, protected readonly maxHeapMb: number, protected readonly idleMs = 60_000) { }

    merge(request: MergeRequest, timeoutMs: number): Promise<MergedDocument> {
        const next = this.queue.then(() => this.mergeNow(request, timeoutMs));
        this.queue = next.catch(() => undefined);
        return next;
    }

    protected mergeNow(request: MergeRequest, timeoutMs: number): Promise<MergedDocument> {
        clearTimeout(this.idleTimer);
        const worker = this.worker ??= new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb }, stdout: true, stderr: true });
        worker.ref();
        return new Promise<MergedDocument>((resolve, reject) => {
            const settle = (answer: MergeAnswer, ended = false): void => {
                clearTimeout(timer);
                worker.off('message', onMessage).off('error', onError).off('exit', onExit);
                if (ended) {
                    this.end(worker);
                } else {
                    worker.unref();
                    this.idleTimer = setTimeout(() => this.end(worker), this.idleMs).unref();
                }
                if (answer.merged) {
                    resolve(answer.merged);
                } else {
                    reject(new Error(`The batch's document could not be made: ${answer.problem ?? 'the merge ended without an answer'}`));
                }
            };
            const onMessage = (answer: MergeAnswer): void => settle(answer);
            const onError = (error: Error): void => settle({
                problem: (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'the print files are too large to merge here' : error.message
            }, true);
            const onExit = (): void => settle({}, true);
            const timer = setTimeout(() => settle({ problem: `merging took longer than ${Math.round(timeoutMs / 1000)} seconds` }, true), timeoutMs);
            worker.on('message', onMessage).once('error', onError).once('exit', onExit);
            worker.postMessage(request);
        });
    }

    protected end(worker: Worker): void {
        if (this.worker === worker) {
            this.worker = undefined;
        }
        worker.terminate().catch(() => undefined);
    }
}

/** The merge workers by script and heap limit: in practice one. */
const workers = new Map<string, MergeWorker>();

function inWorker(request: MergeRequest, limits: BatchMergeLimits, workerFile: string): Promise<MergedDocument> {
    const key = `${workerFile}\n${limits.maxHeapMb}`;
    let worker = workers.get(key);
    if (!worker) {
        worker = new MergeWorker(workerFile, limits.maxHeapMb);
        workers.set(key, worker);
    }
    return worker.merge(request, limits.timeoutMs);
}
