import { messageOf } from '../../common/errors';
import { WorkerFailureError, WorkerPool, workerScriptFile } from '../worker-pool';
import { BatchOutcome, DiskFlushes, FSYNC, FileWrite, writeBatchOnDisk } from './batch-on-disk';

/** Makes one batch of files durable together (batch-on-disk.ts), on some thread. */
export interface BatchWriter {
    write(writes: readonly FileWrite[]): Promise<BatchOutcome>;
}

/** On the calling thread: what tests use to count or fail fsyncs. */
export class InProcessBatchWriter implements BatchWriter {
    constructor(protected readonly flushes: DiskFlushes = FSYNC) { }

    write(writes: readonly FileWrite[]): Promise<BatchOutcome> {
        return writeBatchOnDisk(writes, this.flushes);
    }
}

/** The worker's file name, beside this module in the compiled package. */
export const GROUP_COMMIT_WORKER_FILE = 'group-commit-worker.js';

export function groupCommitWorkerFile(): string {
    return workerScriptFile(__dirname, GROUP_COMMIT_WORKER_FILE, () => require.resolve(`@presswork/platform/lib/node/store/${GROUP_COMMIT_WORKER_FILE}`));
}

/** The worker holds a batch's contents only while it writes them; its own heap stays small. */
const WORKER_HEAP_MB = 128;

/**
 * Disk threads: one for each lane of the group commit (the writes someone waits for, and the
 * background's), so that the two lanes' batches are committed side by side.
 */
const DISK_THREADS = 2;

/**
 * On worker threads of their own. A durable write of one file is about eight file-system steps one
 * after another (open, write, fsync, close, rename, open the folder, fsync, close), each resumed in
 * a turn of the event loop. On the server's event loop, busy with intake, the engine and every
 * session, each of those turns waits behind other work: measured with the loop 80% busy in 12 ms
 * tasks, one file took 96 ms instead of 2. On the worker's idle loop the steps follow each other at
 * the disk's pace, and the server spends one turn a batch: its answer. A thread commits one batch at a
 * time; batches beyond DISK_THREADS wait in order.
 *
 * The contents are copied into buffers of their own and handed over (a small Buffer is a view of a
 * shared 8 KB slab, which a structured clone would copy whole). Should the worker die under a batch,
 * that batch fails as `rename` would (its writes may or may not have been made) and the next one
 * starts a new worker.
 */
export class WorkerBatchWriter implements BatchWriter {
    protected readonly pool: WorkerPool<{ writes: FileWrite[] }, BatchOutcome>;

    constructor(workerFile = groupCommitWorkerFile()) {
        this.pool = new WorkerPool({ file: workerFile, size: DISK_THREADS, maxOldGenerationSizeMb: WORKER_HEAP_MB });
    }

    async write(writes: readonly FileWrite[]): Promise<BatchOutcome> {
        const own = writes.map(write => ({ file: write.file, content: new Uint8Array(write.content) }));
        try {
            return await this.pool.run({ writes: own }, own.map(write => write.content.buffer));
        } catch (error) {
            const message = error instanceof WorkerFailureError ? `the group commit's worker ended: ${error.message}` : messageOf(error);
            return { committed: false, failure: { step: 'rename', target: writes[0]?.file ?? '', cause: { message } } };
        }
    }

    close(): Promise<void> {
        return this.pool.close();
    }
}

let processWriter: WorkerBatchWriter | undefined;

/** The process's disk threads for group commits: every store in the process shares them. */
export function processBatchWriter(): WorkerBatchWriter {
    return processWriter ??= new WorkerBatchWriter();
}
