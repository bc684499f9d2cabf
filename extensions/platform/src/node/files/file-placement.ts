import * as fs from 'node:fs/promises';
import { constants as fsConstants, createReadStream, createWriteStream } from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { isDirectlyInside } from './path-containment';
import { numberedFileName } from './safe-file-name';
import { haveSameContent } from './same-content';

/** What to do when the target name is taken. */
export type CollisionRule = 'overwrite' | 'keep-both' | 'fail';

/** Enough for any real folder; a folder this full is a misconfiguration, not a reason to loop. */
const MAX_NUMBERED_NAMES = 9_999;

export interface FilePlacement {
    readonly source: string;
    readonly folder: string;
    /** A plain file name, already made safe (see safe-file-name.ts). */
    readonly name: string;
    readonly onCollision: CollisionRule;
    /**
     * Names the writer (job and step) so a repeat after a crash reuses, and so clears, the
     * temporary file of the interrupted attempt instead of leaving it behind.
     */
    readonly owner: string;
    /** Counts a file already there with the same bytes as this copy: a repeat after a crash then adds nothing. */
    readonly reuseIdentical?: boolean;
    readonly signal?: AbortSignal;
}

export interface PlacedFile {
    readonly path: string;
    readonly bytes: number;
    /** The same bytes were there already under that name (a repeat). */
    readonly alreadyThere: boolean;
}

export class FileCollisionError extends Error {
    override readonly name = 'FileCollisionError';
}

/**
 * Copies a file into a folder so that the final name only ever shows the whole file: the bytes go
 * to a hidden temporary file in the same folder, are flushed, and then the file takes its name in
 * one step. Names are taken without overwriting (a hard link fails if the name exists), so two
 * writers can never replace each other's file under the keep-both and fail rules.
 */
export async function placeFile(placement: FilePlacement): Promise<PlacedFile> {
    const folder = path.resolve(placement.folder);
    await fs.mkdir(folder, { recursive: true });
    const temporary = path.join(folder, temporaryNameOf(placement.owner, placement.name));
    try {
        const bytes = await writeTemporary(placement.source, temporary, placement.signal);
        placement.signal?.throwIfAborted();
        return await commit(placement, folder, temporary, bytes);
    } finally {
        await fs.rm(temporary, { force: true });
    }
}

/** Hidden and with an extension no DFE or watcher takes for a document. */
export function temporaryNameOf(owner: string, name: string): string {
    return `.presswork-${createHash('sha256').update(`${owner}\0${name}`).digest('hex').slice(0, 24)}.part`;
}

/** Below this, one copy call beats a stream pair; above it, streaming keeps the copy abortable. */
const SMALL_FILE_BYTES = 8 * 1024 * 1024;

async function writeTemporary(source: string, temporary: string, signal: AbortSignal | undefined): Promise<number> {
    // Removed first so that an exclusive create never writes through a link planted at that name.
    await fs.rm(temporary, { force: true });
    const { size } = await fs.stat(source);
    if (size <= SMALL_FILE_BYTES) {
        await fs.copyFile(source, temporary, fsConstants.COPYFILE_EXCL);
        // A copy keeps the job file's owner-only mode; a DFE reading the hot folder needs to read it.
        await fs.chmod(temporary, 0o644);
        await syncFile(temporary);
        return size;
    }
    // `flush` syncs the file to the disk before it is closed, so the name is only ever given to whole bytes.
    const output = createWriteStream(temporary, { flags: 'wx', mode: 0o644, flush: true });
    await pipeline(createReadStream(source), output, { signal });
    return output.bytesWritten;
}

async function syncFile(file: string): Promise<void> {
    const handle = await fs.open(file, 'r+');
    try {
        await handle.sync();
    } finally {
        await handle.close();
    }
}

async function commit(placement: FilePlacement, folder: string, temporary: string, bytes: number): Promise<PlacedFile> {
    if (placement.onCollision === 'overwrite') {
        const target = targetIn(folder, placement.name);
        await fs.rename(temporary, target);
        return { path: target, bytes, alreadyThere: false };
    }
    for (let counter = 1; counter <= MAX_NUMBERED_NAMES; counter++) {
        const target = targetIn(folder, numberedFileName(placement.name, counter));
        if (await takeNameIfFree(temporary, target)) {
            return { path: target, bytes, alreadyThere: false };
        }
        if (placement.reuseIdentical && await haveSameContent(temporary, target)) {
            return { path: target, bytes, alreadyThere: true };
        }
        if (placement.onCollision === 'fail') {
            throw new FileCollisionError(`${target} exists already`);
        }
    }
    throw new FileCollisionError(`${placement.name} and ${MAX_NUMBERED_NAMES - 1} numbered names like it exist already in ${folder}`);
}

function targetIn(folder: string, name: string): string {
    const target = path.join(folder, name);
    if (!isDirectlyInside(folder, target)) {
        throw new Error(`${JSON.stringify(name)} would leave ${folder}`);
    }
    return target;
}

/** Gives the temporary file the name unless the name exists; false when it does. */
async function takeNameIfFree(temporary: string, target: string): Promise<boolean> {
    try {
        await fs.link(temporary, target);
        return true;
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') {
            return false;
        }
        if (code && LINK_UNSUPPORTED.has(code)) {
            // File systems without hard links (some network shares): check, then rename.
            if (await exists(target)) {
                return false;
            }
            await fs.rename(temporary, target);
            return true;
        }
        throw error;
    }
}

const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

async function exists(file: string): Promise<boolean> {
    try {
        await fs.lstat(file);
        return true;
    } catch {
        return false;
    }
}
