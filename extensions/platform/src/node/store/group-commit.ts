import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { syncFolder, temporaryFileOf } from '../files/durable-file';

export interface GroupCommitOptions {
    /**
     * Most files in one batch: bounds the files held open at once. A larger group of concurrent
     * writes is committed in several batches, one after another.
     */
    readonly maxBatch?: number;
    /** Flushes a written temporary file to the disk (default: `handle.sync()`, fsync). Tests count it. */
    readonly syncFile?: (handle: fs.FileHandle) => Promise<void>;
    /** Flushes a folder's entries to the disk (default: platform's `syncFolder`, fsync). Tests count it. */
    readonly syncFolder?: (folder: string) => Promise<void>;
}

/** A write, or the batch it was committed with, could not be made durable: the caller may not count on it. */
export class GroupCommitError extends Error {
    override readonly name = 'GroupCommitError';
    constructor(message: string, cause: unknown) {
        super(message, { cause });
    }
}

interface PendingWrite {
    readonly file: string;
    readonly temporary: string;
    readonly resolve: () => void;
    readonly reject: (error: Error) => void;
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
 * of one per file. Each write goes to a temporary file beside its target and is fsynced at once
 * (the writes of concurrent callers are all flushed in parallel); it then waits for a batch. A
 * write arriving while no batch is under way starts one at once; writes arriving while a batch is
 * being committed wait together and form the next. A batch renames each of its temporary files over
 * its target, then fsyncs each affected folder once, and only then resolves its callers. So each
 * caller learns of success only once its own file is durable (content flushed, renamed, folder
 * flushed), and a crash at any instant leaves every file old or new, never torn; the temporary
 * files a crash leaves behind carry platform's temporary suffix, for the store to remove at open.
 *
 * The temporary file is flushed before the batch rather than by it, so that a writer's flush overlaps
 * the batch being committed instead of waiting for it: the fsyncs are the same, fewer of them wait.
 *
 * Failures: a temporary file that cannot be written or flushed fails its own caller only (nothing
 * was put in place). A batch whose rename or folder flush fails rejects every caller of that batch,
 * and only of that batch, with a `GroupCommitError` naming the file or folder and the cause; the
 * next batch is committed as usual.
 *
 * Writes of one file must not overlap (the store's per-document lock sees to it); should they,
 * two writes of the same file never share a batch, so they reach the disk in the order they queued.
 */
export class GroupCommit {
    protected readonly queue: PendingWrite[] = [];
    protected flushing = false;
    protected readonly maxBatch: number;
    protected readonly syncFile: (handle: fs.FileHandle) => Promise<void>;
    protected readonly syncFolder: (folder: string) => Promise<void>;
    protected counts = { batches: 0, files: 0, largestBatch: 0 };

    constructor(options: GroupCommitOptions = {}) {
        this.maxBatch = Math.max(1, options.maxBatch ?? DEFAULT_MAX_BATCH);
        this.syncFile = options.syncFile ?? (handle => handle.sync());
        this.syncFolder = options.syncFolder ?? syncFolder;
    }

    get statistics(): GroupCommitStatistics {
        return { ...this.counts };
    }

    /** Writes flushed to their temporary files and waiting for the next batch. */
    get waiting(): number {
        return this.queue.length;
    }

    /**
     * Writes `content` to `file` whole or not at all; resolves once it is durable (the file and its
     * folder's entry flushed). The file's folder must exist. Writes of one file must not overlap
     * (the store's per-document lock sees to it): they reach the disk in the order they were asked for.
     */
    async write(file: string, content: Uint8Array): Promise<void> {
        const temporary = temporaryFileOf(file);
        try {
            await this.writeTemporary(temporary, content);
        } catch (error) {
            // A failed write (a full disk, say) must not leave a partial file taking up the space.
            await fs.rm(temporary, { force: true });
            throw new GroupCommitError(`${file} could not be written durably (${describe(error)}); it keeps its previous content`, error);
        }
        return new Promise<void>((resolve, reject) => {
            this.queue.push({ file, temporary, resolve, reject });
            if (!this.flushing) {
                this.flushing = true;
                void this.flushAll();
            }
        });
    }

    /** Flushes batch after batch until no write waits. Never rejects: each batch settles its own callers. */
    protected async flushAll(): Promise<void> {
        try {
            while (this.queue.length > 0) {
                await this.flush(this.nextBatch());
            }
        } finally {
            this.flushing = false;
        }
    }

    /** Takes up to `maxBatch` waiting writes, stopping before a second write of a file already taken. */
    protected nextBatch(): PendingWrite[] {
        const files = new Set<string>();
        let count = 0;
        while (count < this.queue.length && count < this.maxBatch && !files.has(this.queue[count].file)) {
            files.add(this.queue[count].file);
            count++;
        }
        return this.queue.splice(0, count);
    }

    protected async flush(batch: readonly PendingWrite[]): Promise<void> {
        this.counts.batches++;
        this.counts.files += batch.length;
        this.counts.largestBatch = Math.max(this.counts.largestBatch, batch.length);
        try {
            // Each temporary file, already flushed, renamed over its target: from here a crash leaves the old or the new file.
            const renamed = await Promise.allSettled(batch.map(write => fs.rename(write.temporary, write.file)));
            // Each affected folder fsynced once, so that the renames survive a power cut.
            const folders = [...new Set(batch.map(write => path.dirname(write.file)))];
            const synced = await Promise.allSettled(folders.map(folder => this.syncFolder(folder)));
            const renameFailedAt = renamed.findIndex(outcome => outcome.status === 'rejected');
            if (renameFailedAt >= 0) {
                await Promise.all(batch.map(write => fs.rm(write.temporary, { force: true })));
                const cause = (renamed[renameFailedAt] as PromiseRejectedResult).reason;
                throw new GroupCommitError(`${batch[renameFailedAt].file} could not be put in place (${describe(cause)}); `
                    + `the ${batch.length} writes committed with it may or may not have been made`, cause);
            }
            const syncFailedAt = synced.findIndex(outcome => outcome.status === 'rejected');
            if (syncFailedAt >= 0) {
                const cause = (synced[syncFailedAt] as PromiseRejectedResult).reason;
                throw new GroupCommitError(`the folder ${folders[syncFailedAt]} could not be flushed to the disk (${describe(cause)}); `
                    + `the ${batch.length} writes committed with it may not survive a crash`, cause);
            }
        } catch (error) {
            const failure = error instanceof GroupCommitError ? error : new GroupCommitError(`a group commit failed: ${describe(error)}`, error);
            batch.forEach(write => write.reject(failure));
            return;
        }
        batch.forEach(write => write.resolve());
    }

    protected async writeTemporary(temporary: string, content: Uint8Array): Promise<void> {
        const handle = await fs.open(temporary, 'wx', 0o600);
        try {
            await handle.writeFile(content);
            await this.syncFile(handle);
        } finally {
            await handle.close();
        }
    }
}

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
