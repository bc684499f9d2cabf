import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Transferable, Worker } from 'node:worker_threads';

/**
 * Where a worker's script is: beside the calling module when it runs from its compiled package
 * (tests, `tsc` output), else, from the backend bundle (where the module's directory is the
 * bundle's), the compiled package's own file. `fromPackage` resolves it by package name in the
 * caller's module, so that it stays a real file whatever the bundler does with the rest.
 */
export function workerScriptFile(callerDirectory: string, fileName: string, fromPackage: () => string): string {
    const beside = join(callerDirectory, fileName);
    return existsSync(beside) ? beside : fromPackage();
}

/**
 * How a quiet pool's worker starts: what it prints is dropped where it is written, then its script
 * is loaded. Its output is not sent here to be dropped: reading a worker's output keeps this process
 * alive for as long as the worker lives, idle or not (Node refs the port that output comes through
 * while it is read), so a stopped server would wait for the idle worker's end.
 */
const QUIET_START = `
const { workerData } = require('node:worker_threads');
const drop = (chunk, encoding, done) => {
    const callback = typeof encoding === 'function' ? encoding : done;
    if (typeof callback === 'function') {
        process.nextTick(callback);
    }
    return true;
};
process.stdout.write = drop;
process.stderr.write = drop;
require(workerData.file);
`;

export interface WorkerPoolOptions {
    /**
     * The worker's script: a CommonJS file that answers `{ id, task }` messages with `{ id, result }`,
     * and may send `{ id, progress }` messages before it (parts of the result, handed on as they come).
     */
    readonly file: string;
    /** At most this many workers at once; tasks beyond wait in order. */
    readonly size: number;
    /** Each worker's heap limit (`resourceLimits.maxOldGenerationSizeMb`): a task that needs more ends its worker, not the server. */
    readonly maxOldGenerationSizeMb: number;
    /** A task still running after this long ends its worker and fails with `timed-out`; none when absent. */
    readonly taskTimeoutMs?: number;
    /** A worker idle this long is ended (it gives back the heap a big task left it); kept for ever when absent. */
    readonly idleMs?: number;
    /** Discards what the workers print (a parser's warnings about a hostile file are no news to the server's log). */
    readonly quiet?: boolean;
}

/** A task whose worker died under it: it ran out of its memory limit, it crashed, or it ran past the time limit and was ended. */
export class WorkerFailureError extends Error {
    override readonly name = 'WorkerFailureError';
    constructor(readonly reason: 'out-of-memory' | 'crashed' | 'timed-out', message: string, options?: { cause?: unknown }) {
        super(message, options);
    }
}

interface PendingTask {
    readonly id: number;
    readonly task: unknown;
    readonly transfer: readonly Transferable[];
    readonly onProgress?: (progress: never) => void;
    readonly resolve: (result: never) => void;
    readonly reject: (error: Error) => void;
    /** What `onProgress` threw: the task fails with it once its worker is done with it. */
    progressFailure?: Error;
}

interface Slot {
    readonly worker: Worker;
    task?: PendingTask;
    timer?: NodeJS.Timeout;
    idleTimer?: NodeJS.Timeout;
    lost?: boolean;
}

/**
 * A small pool of `worker_threads` workers, each running one task at a time: the process's one way
 * to run work off the main thread with persistent workers (starting a worker costs tens of
 * milliseconds of a shared core; a pool pays it once). Workers start on demand and never keep the
 * process alive while idle. A worker that dies (an uncaught error, an exit, a task that exhausts its
 * heap limit, or one that runs past `taskTimeoutMs` and is ended) fails only the task it was
 * running, with a WorkerFailureError; the next task gets a new worker. What a task itself reports
 * as a failure is part of its result: the pool rejects only when a worker dies.
 */
export class WorkerPool<Task, Result, Progress = never> {
    protected readonly idle: Slot[] = [];
    protected readonly busy = new Set<Slot>();
    protected readonly queue: PendingTask[] = [];
    protected nextId = 1;
    protected closed = false;

    constructor(protected readonly options: WorkerPoolOptions) {
        if (!Number.isInteger(options.size) || options.size < 1) {
            throw new RangeError('A worker pool needs at least one worker');
        }
    }

    /**
     * Runs the task in a worker; `transfer` lists buffers handed over (no longer usable here).
     * `onProgress` gets what the worker sends before its result, in order, each in a turn of its own.
     */
    run(task: Task, transfer: readonly Transferable[] = [], onProgress?: (progress: Progress) => void): Promise<Result> {
        if (this.closed) {
            return Promise.reject(new Error('The worker pool is closed'));
        }
        return new Promise<Result>((resolve, reject) => {
            this.queue.push({ id: this.nextId++, task, transfer, onProgress: onProgress as ((progress: never) => void) | undefined, resolve: resolve as (result: never) => void, reject });
            this.dispatch();
        });
    }

    /**
     * Starts a worker ahead of the first task, so that this task does not wait for the worker to
     * load its modules (measured for the orders worker: 375 ms, against 1 ms a task afterwards).
     */
    warm(): void {
        if (!this.closed && this.workerCount === 0) {
            this.release(this.spawn());
        }
    }

    /** Workers alive now (idle or busy): for tests. */
    get workerCount(): number {
        return this.idle.length + this.busy.size;
    }

    /** Ends every worker; tasks waiting or running are rejected. */
    async close(): Promise<void> {
        this.closed = true;
        for (const pending of this.queue.splice(0)) {
            pending.reject(new Error('The worker pool is closed'));
        }
        const slots = [...this.idle, ...this.busy];
        this.idle.length = 0;
        for (const slot of slots) {
            slot.lost = true;
            clearTimeout(slot.timer);
            clearTimeout(slot.idleTimer);
            slot.task?.reject(new Error('The worker pool is closed'));
        }
        this.busy.clear();
        await Promise.all(slots.map(slot => slot.worker.terminate()));
    }

    protected dispatch(): void {
        while (this.queue.length > 0 && !this.closed) {
            const slot = this.idle.pop() ?? (this.workerCount < this.options.size ? this.spawn() : undefined);
            if (!slot) {
                return;
            }
            clearTimeout(slot.idleTimer);
            const pending = this.queue.shift()!;
            slot.task = pending;
            this.busy.add(slot);
            slot.worker.ref();
            if (this.options.taskTimeoutMs !== undefined) {
                slot.timer = setTimeout(() => this.endOverdue(slot), this.options.taskTimeoutMs);
            }
            try {
                slot.worker.postMessage({ id: pending.id, task: pending.task }, [...pending.transfer]);
            } catch (error) {
                // The task cannot be sent (a value that cannot be cloned): its own failure, not the worker's.
                this.release(slot);
                pending.reject(error instanceof Error ? error : new Error(String(error)));
            }
        }
    }

    protected spawn(): Slot {
        const resourceLimits = { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb };
        const worker = this.options.quiet
            ? new Worker(QUIET_START, { eval: true, workerData: { file: this.options.file }, resourceLimits })
            : new Worker(this.options.file, { resourceLimits });
        const slot: Slot = { worker };
        worker.on('message', (message: { id: number; result?: unknown; progress?: unknown }) => {
            const pending = slot.task;
            if (!pending || message.id !== pending.id) {
                return;
            }
            if ('progress' in message) {
                if (!pending.progressFailure) {
                    try {
                        pending.onProgress?.(message.progress as never);
                    } catch (error) {
                        pending.progressFailure = error instanceof Error ? error : new Error(String(error));
                    }
                }
                return;
            }
            this.release(slot);
            if (pending.progressFailure) {
                pending.reject(pending.progressFailure);
            } else {
                pending.resolve(message.result as never);
            }
            this.dispatch();
        });
        worker.on('error', error => this.lose(slot, error));
        worker.on('exit', code => this.lose(slot, undefined, code));
        worker.unref();
        return slot;
    }

    /** The slot's task is over (answered, or not sent): the worker waits for the next. */
    protected release(slot: Slot): void {
        slot.task = undefined;
        clearTimeout(slot.timer);
        this.busy.delete(slot);
        if (!slot.lost) {
            slot.worker.unref();
            this.idle.push(slot);
            if (this.options.idleMs !== undefined) {
                slot.idleTimer = setTimeout(() => this.endIdle(slot), this.options.idleMs).unref();
            }
        }
    }

    /** A worker died: its task fails with the reason, and the worker is forgotten (the next task starts a new one). */
    protected lose(slot: Slot, error: Error | undefined, exitCode?: number): void {
        if (slot.lost) {
            return;
        }
        slot.lost = true;
        clearTimeout(slot.timer);
        clearTimeout(slot.idleTimer);
        this.busy.delete(slot);
        const at = this.idle.indexOf(slot);
        if (at >= 0) {
            this.idle.splice(at, 1);
        }
        if (error) {
            slot.worker.terminate().catch(() => undefined);
        }
        const pending = slot.task;
        slot.task = undefined;
        pending?.reject(describeDeath(error, exitCode, this.options.maxOldGenerationSizeMb));
        this.dispatch();
    }

    protected endIdle(slot: Slot): void {
        const at = this.idle.indexOf(slot);
        if (at >= 0 && !slot.lost) {
            this.idle.splice(at, 1);
            slot.lost = true;
            slot.worker.terminate().catch(() => undefined);
        }
    }

    /** The task ran past its time limit: its worker is ended (JavaScript stuck in a loop cannot be stopped otherwise). */
    protected endOverdue(slot: Slot): void {
        const limit = this.options.taskTimeoutMs ?? 0;
        this.lose(slot, new WorkerFailureError('timed-out', `the task took longer than ${formatSeconds(limit)}, so its worker was ended`));
    }
}

function formatSeconds(millis: number): string {
    return millis >= 1000 ? `${Math.round(millis / 1000)} seconds` : `${millis} ms`;
}

function describeDeath(error: Error | undefined, exitCode: number | undefined, limitMb: number): WorkerFailureError {
    if (error instanceof WorkerFailureError) {
        return error;
    }
    if ((error as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        return new WorkerFailureError('out-of-memory', `the worker ran out of its ${limitMb} MB memory limit`, { cause: error });
    }
    if (error) {
        return new WorkerFailureError('crashed', `the worker crashed (${error.message.replace(/\s+/g, ' ').slice(0, 300)})`, { cause: error });
    }
    return new WorkerFailureError('crashed', `the worker stopped unexpectedly (exit code ${exitCode ?? 'unknown'})`);
}
