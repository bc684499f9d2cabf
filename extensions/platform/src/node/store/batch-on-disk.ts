import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { messageOf } from '../../common/errors';
import { syncFolder, temporaryFileOf } from '../files/durable-file';

/** One file of a batch: its path and its whole new content. */
export interface FileWrite {
    readonly file: string;
    readonly content: Uint8Array;
}

/** Why a batch was not committed: the step, the file or folder, and the cause (its `code` kept, e.g. ENOENT). */
export interface BatchFailure {
    /** `write`: nothing of the batch was put in place. `rename`, `sync-folder`: its writes may or may not have been made. */
    readonly step: 'write' | 'rename' | 'sync-folder';
    readonly target: string;
    readonly cause: { readonly message: string; readonly code?: string };
}

/** A batch's outcome, as plain data, so that it crosses from a worker thread as it is. */
export type BatchOutcome = { readonly committed: true } | { readonly committed: false; readonly failure: BatchFailure };

/** How a batch's files and folders are flushed to the disk. Tests pass ones that count. */
export interface DiskFlushes {
    /** Flushes a written temporary file (default: `handle.sync()`, fsync). */
    readonly syncFile: (handle: fs.FileHandle) => Promise<void>;
    /** Flushes a folder's entries (default: platform's `syncFolder`, fsync). */
    readonly syncFolder: (folder: string) => Promise<void>;
}

export const FSYNC: DiskFlushes = { syncFile: handle => handle.sync(), syncFolder };

/**
 * Makes a batch of files durable together, or none of them: each file written to a temporary file
 * beside its target and all fsynced at once (their fsyncs share the disk's cache flushes), then each
 * renamed over its target, then each affected folder fsynced once. A crash at any instant leaves
 * every file old or new, never torn. When a temporary file cannot be written or flushed, nothing is
 * renamed and the temporary files are removed. Never rejects: a failure is the outcome.
 */
export async function writeBatchOnDisk(writes: readonly FileWrite[], flushes: DiskFlushes = FSYNC): Promise<BatchOutcome> {
    const temporaries = writes.map(write => temporaryFileOf(write.file));
    try {
        const written = await Promise.allSettled(writes.map((write, index) => writeTemporary(temporaries[index], write.content, flushes)));
        const writeFailedAt = written.findIndex(outcome => outcome.status === 'rejected');
        if (writeFailedAt >= 0) {
            // Nothing renamed yet: every file keeps its previous content, and no partial file takes up space.
            await removeAll(temporaries);
            return failed('write', writes[writeFailedAt].file, (written[writeFailedAt] as PromiseRejectedResult).reason);
        }
        // From here a crash leaves the old or the new file.
        const renamed = await Promise.allSettled(writes.map((write, index) => fs.rename(temporaries[index], write.file)));
        // Each affected folder fsynced once, so that the renames survive a power cut.
        const folders = [...new Set(writes.map(write => path.dirname(write.file)))];
        const synced = await Promise.allSettled(folders.map(folder => flushes.syncFolder(folder)));
        const renameFailedAt = renamed.findIndex(outcome => outcome.status === 'rejected');
        if (renameFailedAt >= 0) {
            await removeAll(temporaries);
            return failed('rename', writes[renameFailedAt].file, (renamed[renameFailedAt] as PromiseRejectedResult).reason);
        }
        const syncFailedAt = synced.findIndex(outcome => outcome.status === 'rejected');
        if (syncFailedAt >= 0) {
            return failed('sync-folder', folders[syncFailedAt], (synced[syncFailedAt] as PromiseRejectedResult).reason);
        }
        return { committed: true };
    } catch (error) {
        return failed('write', writes[0]?.file ?? '', error);
    }
}

async function writeTemporary(temporary: string, content: Uint8Array, flushes: DiskFlushes): Promise<void> {
    const handle = await fs.open(temporary, 'wx', 0o600);
    try {
        await handle.writeFile(content);
        await flushes.syncFile(handle);
    } finally {
        await handle.close();
    }
}

async function removeAll(files: readonly string[]): Promise<void> {
    await Promise.all(files.map(file => fs.rm(file, { force: true })));
}

function failed(step: BatchFailure['step'], target: string, cause: unknown): BatchOutcome {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const message = messageOf(cause);
    return { committed: false, failure: { step, target, cause: typeof code === 'string' ? { message, code } : { message } } };
}
