import { BatchFailure } from './batch-on-disk';
import { BatchWriter, processBatchWriter } from './batch-writers';
import { TurnQueue } from '../turn-queue';
import { WaitedCall, currentCall, isWaitedFor } from '../waited-call';

export interface GroupCommitOptions {
    /**
     * Most files in one batch: bounds the files held open at once. A larger group of concurrent
     * writes is committed in several batches, one after another.
     */
    readonly maxBatch?: number;
    /**
     * Writes a batch to the disk (default: the process's worker thread for it, batch-writers.ts).
     * Tests pass one on their own thread that counts or fails fsyncs.
     */
    readonly writer?: BatchWriter;
}

/** The batch a write was committed with could not be made durable: none of its callers may count on theirs. */
export class GroupCommitError extends Error {
    override readonly name = 'GroupCommitError';
    constructor(message: string, cause: unknown) {
        super(message, { cause });
    }
}

interface PendingWrite {
    readonly file: string;
    readonly content: Uint8Array;
    readonly resolve: () => void;
    readonly reject: (error: Error) => void;
    /** The call that asked for the write, if one did: resolved first while it is still waited for. */
    readonly call: WaitedCall | undefined;
}

/** What a group commit has done so far: how many batches (fsync rounds) for how many files. */
export interface GroupCommitStatistics {
    readonly batches: number;
    readonly files: number;
    readonly largestBatch: number;
}

const DEFAULT_MAX_BATCH = 256;

/**
 * Group commit, as databases do it: many files made durable with one fsync round per batch instead
 * of one per file. A write arriving while no batch is under way starts one at once; writes arriving
 * while a batch is being committed wait together and form the next. A batch writes each of its
 * files to a temporary file beside its target and fsyncs them all at once, renames each over its
 * target, then fsyncs each affected folder once (batch-on-disk.ts, on a worker thread of its own:
 * batch-writers.ts), and only then resolves its callers. So each caller learns of success only
 * once its own file is durable (content flushed, renamed, folder flushed), and a crash at any
 * instant leaves every file old or new, never torn; the temporary files a crash leaves behind
 * carry platform's temporary suffix, for the store to remove at open.
 *
 * Issued together, a batch's fsyncs share the disk's cache flushes (on ext4, measured with 64
 * writers: about one flush a document instead of 1.7 when each write flushes on its own).
 *
 * A batch commits or fails as a whole, and only its own callers learn of a failure: when a
 * temporary file cannot be written or flushed, nothing of the batch is renamed, its temporary files
 * are removed and each document keeps its previous content; when a rename or a folder's flush
 * fails, the batch's callers are told that their writes may or may not have been made. Either way
 * they are rejected with a `GroupCommitError` naming the file or folder and the cause, and the next
 * batch is committed as usual.
 *
 * Two writes of the same file never share a batch (the second waits for the next one), so a file's
 * writes reach the disk in the order they were asked for.
 *
 * The writes of a call someone waits for (an operator's click: waited-call.ts) have a lane of their
 * own, committed beside the background's (intake, the engine, the print-file fetcher) on a second
 * disk thread: a click neither waits for the background's batch under way nor shares its fsyncs
 * with the dozens of files of the next. A file's writes all go through one lane at a time.
 */
export class GroupCommit {
    /** The writes of calls someone waits for, and the rest: two lines of batches, each one batch at a time. */
    protected readonly lanes = { waitedFor: new BatchLane(), background: new BatchLane() };
    /** Each file with writes waiting or under way: the lane they are in, and how many there are. */
    protected readonly filesInLanes = new Map<string, { readonly lane: BatchLane; writes: number }>();
    protected readonly maxBatch: number;
    protected readonly writer: BatchWriter;
    protected counts = { batches: 0, files: 0, largestBatch: 0 };

    constructor(options: GroupCommitOptions = {}) {
        this.maxBatch = Math.max(1, options.maxBatch ?? DEFAULT_MAX_BATCH);
        this.writer = options.writer ?? processBatchWriter();
    }

    get statistics(): GroupCommitStatistics {
        return { ...this.counts };
    }

    /** Writes waiting for the next batch of their lane. */
    get waiting(): number {
        return this.lanes.waitedFor.queue.length + this.lanes.background.queue.length;
    }

    /**
     * Writes `content` to `file` whole or not at all; resolves once it is durable (the file and its
     * folder's entry flushed). The file's folder must exist. Writes of one file must not overlap
     * (the store's per-document lock sees to it); should they, they reach the disk in the order asked.
     */
    write(file: string, content: Uint8Array): Promise<void> {
        return new Promise<void>((resolve, reject) => {
            const call = currentCall();
            const lane = this.laneFor(file, isWaitedFor(call));
            lane.queue.push({ file, content, resolve, reject, call });
            if (!lane.flushing) {
                lane.flushing = true;
                void this.flushAll(lane);
            }
        });
    }

    /**
     * The lane a file's write joins: that of the file's writes still waiting or under way, so that
     * they reach the disk in the order asked; else the waited-for lane for a call someone waits for.
     */
    protected laneFor(file: string, waitedFor: boolean): BatchLane {
        const inLane = this.filesInLanes.get(file);
        if (inLane) {
            inLane.writes++;
            return inLane.lane;
        }
        const lane = waitedFor ? this.lanes.waitedFor : this.lanes.background;
        this.filesInLanes.set(file, { lane, writes: 1 });
        return lane;
    }

    /** Flushes batch after batch until no write waits in the lane. Never rejects: each batch settles its own callers. */
    protected async flushAll(lane: BatchLane): Promise<void> {
        try {
            while (lane.queue.length > 0) {
                await this.flush(this.nextBatch(lane));
            }
        } finally {
            lane.flushing = false;
        }
    }

    /** Takes up to `maxBatch` waiting writes, stopping before a second write of a file already taken. */
    protected nextBatch(lane: BatchLane): PendingWrite[] {
        const files = new Set<string>();
        let count = 0;
        while (count < lane.queue.length && count < this.maxBatch && !files.has(lane.queue[count].file)) {
            files.add(lane.queue[count].file);
            count++;
        }
        return lane.queue.splice(0, count);
    }

    protected async flush(batch: readonly PendingWrite[]): Promise<void> {
        this.counts.batches++;
        this.counts.files += batch.length;
        this.counts.largestBatch = Math.max(this.counts.largestBatch, batch.length);
        const outcome = await this.writer.write(batch);
        batch.forEach(write => this.leaveLane(write.file));
        if (outcome.committed) {
            resolveInTurns(batch);
            return;
        }
        const failure = batchError(outcome.failure, batch.length);
        batch.forEach(write => write.reject(failure));
    }

    protected leaveLane(file: string): void {
        const inLane = this.filesInLanes.get(file);
        if (inLane && --inLane.writes === 0) {
            this.filesInLanes.delete(file);
        }
    }
}

/** Writes waiting for a lane's next batch, and whether a batch of it is under way. */
class BatchLane {
    readonly queue: PendingWrite[] = [];
    flushing = false;
}

/** What the callers of a batch that failed are told: the file or folder, the cause, and what became of their writes. */
function batchError({ step, target, cause }: BatchFailure, size: number): GroupCommitError {
    const error = Object.assign(new Error(cause.message), cause.code ? { code: cause.code } : {});
    switch (step) {
        case 'write':
            return new GroupCommitError(`${target} could not be written durably (${cause.message}); `
                + `none of the ${size} writes committed with it was made, each file keeps its previous content`, error);
        case 'rename':
            return new GroupCommitError(`${target} could not be put in place (${cause.message}); `
                + `the ${size} writes committed with it may or may not have been made`, error);
        case 'sync-folder':
            return new GroupCommitError(`the folder ${target} could not be flushed to the disk (${cause.message}); `
                + `the ${size} writes committed with it may not survive a crash`, error);
    }
}

/**
 * Callers resolved together per turn of the event loop, whatever the number of batches come back.
 * Each caller carries on at once from its write (the change event, the next write's checks and
 * serialisation; an order's commit sets off the engine, the change feed and the query index, several
 * milliseconds each): resolving a batch of hundreds in one go would run all of that as one long task,
 * and hold every request meanwhile. Once a few per batch, which let batches coming back from the
 * worker faster than their callers were resolved each add their own few to every turn: served intake
 * event loop delay p99 67-85 ms and /health p99 81-111 ms that way, 35-48 and 40-70 ms with one
 * queue of four a turn, at the same intake rate (runs alternated on one machine).
 */
export const CALLERS_RESOLVED_PER_TURN = 4;

/**
 * Callers of committed batches not yet resolved, oldest first: one queue for the process, drained a
 * few per turn, so that batches coming back faster than their callers are resolved do not each add
 * their own few callers to every turn. Callers someone waits for (an operator's click,
 * `waited-call.ts`) go first: under a burst of intake the queue holds a hundred callers and more,
 * 25 turns and 100-250 ms at four a turn (measured in the load benchmark). A waited-for caller may so
 * be resolved before an earlier one; never one of the same file, whose writes the store's
 * per-document lock keeps apart.
 */
const resolutions = new TurnQueue(CALLERS_RESOLVED_PER_TURN);

/** Queues the batch's callers behind those of earlier batches; the next batch need not wait for them. */
function resolveInTurns(batch: readonly PendingWrite[]): void {
    for (const write of batch) {
        resolutions.push(write.resolve, isWaitedFor(write.call));
    }
}
