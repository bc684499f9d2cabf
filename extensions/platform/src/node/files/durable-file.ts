import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The suffix of a write in progress; such files are incomplete by definition (the store removes them at open). */
export const TEMPORARY_SUFFIX = '.tmp';

export interface DurableWriteOptions {
    /** The file's mode when created. Default owner-only (0o600). */
    readonly mode?: number;
    /** Creates the file's folder (owner-only) when missing. Default true. */
    readonly createFolder?: boolean;
}

/** Folders known to exist: a busy writer (Remove's audit records, the store) need not ask again. */
const existingFolders = new Set<string>();

/**
 * Writes a file whole or not at all, and durably: a temporary file in the same folder, flushed to
 * the disk (fsync), renamed over the target (a repeat overwrites), then the folder flushed so that
 * the rename survives a power cut. A crash at any instant leaves the old file or the new one.
 * The one durable write of Presswork: store documents, job files, audit records, closeout PDFs.
 */
export async function writeFileDurably(file: string, content: string | Uint8Array, options: DurableWriteOptions = {}): Promise<void> {
    const folder = path.dirname(file);
    const createFolder = options.createFolder !== false;
    if (createFolder && !existingFolders.has(folder)) {
        await makeFolder(folder);
    }
    const temporary = temporaryFileOf(file);
    try {
        const handle = await openNew(temporary, options.mode ?? 0o600, createFolder);
        try {
            await handle.writeFile(content);
            await handle.sync();
        } finally {
            await handle.close();
        }
        await fs.rename(temporary, file);
    } catch (error) {
        // A failed write (a full disk, say) must not leave a partial file taking up the space.
        await fs.rm(temporary, { force: true });
        throw error;
    }
    await syncFolder(folder);
}

/** A fresh name for a write in progress beside `file` (same folder, so the rename is atomic). */
export function temporaryFileOf(file: string): string {
    return `${file}.${randomBytes(6).toString('hex')}${TEMPORARY_SUFFIX}`;
}

/** Opens a new file; when its folder went away since it was known to exist, makes it again once. */
async function openNew(file: string, mode: number, createFolder: boolean): Promise<fs.FileHandle> {
    try {
        return await fs.open(file, 'wx', mode);
    } catch (error) {
        if (!createFolder || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
            throw error;
        }
        await makeFolder(path.dirname(file));
        return fs.open(file, 'wx', mode);
    }
}

async function makeFolder(folder: string): Promise<void> {
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    existingFolders.add(folder);
}

/** Removes a file durably; a missing file is fine (a repeat). */
export async function removeFileDurably(file: string): Promise<void> {
    await fs.rm(file, { force: true });
    await syncFolder(path.dirname(file));
}

/** Flushes a folder's entries (creations, renames, removals) to the disk. */
export async function syncFolder(folder: string): Promise<void> {
    const handle = await fs.open(folder, 'r');
    try {
        await handle.sync();
    } finally {
        await handle.close();
    }
}
