import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { TEMPORARY_SUFFIX } from '../files/durable-file';
import { RUN_FOLDER } from './pause-protocol';

export interface FolderEntry {
    /** The path below the folder, with `/` between names. */
    readonly relative: string;
    readonly kind: 'folder' | 'file' | 'other';
}

/** Every entry below `folder`, parents before children, links not followed (they are `other`). */
export async function* entriesOf(folder: string, relative = ''): AsyncGenerator<FolderEntry> {
    for (const entry of await fs.readdir(path.join(folder, relative), { withFileTypes: true })) {
        const child = relative ? `${relative}/${entry.name}` : entry.name;
        const kind = entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
        yield { relative: child, kind };
        if (kind === 'folder') {
            yield* entriesOf(folder, child);
        }
    }
}

/** Whether a folder holds anything but empty folders; a missing folder holds nothing. */
export async function holdsFiles(folder: string): Promise<boolean> {
    try {
        for await (const entry of entriesOf(folder)) {
            if (entry.kind !== 'folder') {
                return true;
            }
        }
        return false;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return false;
        }
        throw error;
    }
}

/** The embedded store's folder: in PostgreSQL mode the documents are in the database dump instead. */
export const STORE_FOLDER = 'store';

/** What a backup leaves out: the pause protocol's files, writes that were under way, and any top-level `leaveOut` folders. */
export function isLeftOutOfBackups(entry: FolderEntry, leaveOut: readonly string[] = []): boolean {
    return entry.relative === RUN_FOLDER || leaveOut.includes(entry.relative) || entry.relative.endsWith(TEMPORARY_SUFFIX);
}

export interface CopySummary {
    readonly files: number;
    readonly bytes: number;
    /** Links and special files, which a data folder does not hold and a backup does not follow. */
    readonly skipped: readonly string[];
}

/** Files copied at once: enough to keep the disk busy, few enough for any file-descriptor limit. */
const PARALLEL_COPIES = 16;

/** Copies the data folder's folders and files into `target` with their permissions (the keys stay 0600), but `leaveOut`'s top-level folders. */
export async function copyDataFolder(source: string, target: string, leaveOut: readonly string[] = []): Promise<CopySummary> {
    const files: string[] = [];
    const skipped: string[] = [];
    const leftOut = new Set<string>();
    for await (const entry of entriesOf(source)) {
        const parent = path.posix.dirname(entry.relative);
        if (leftOut.has(parent) || isLeftOutOfBackups(entry, leaveOut)) {
            leftOut.add(entry.relative);
        } else if (entry.kind === 'folder') {
            const { mode } = await fs.stat(path.join(source, entry.relative));
            await fs.mkdir(path.join(target, entry.relative), { mode: mode & 0o777 });
        } else if (entry.kind === 'file') {
            files.push(entry.relative);
        } else {
            skipped.push(entry.relative);
        }
    }
    let bytes = 0;
    let next = 0;
    const copyNext = async (): Promise<void> => {
        while (next < files.length) {
            const relative = files[next++];
            const from = path.join(source, relative);
            const to = path.join(target, relative);
            try {
                const { mode } = await fs.stat(from);
                await fs.copyFile(from, to, fs.constants.COPYFILE_EXCL);
                await fs.chmod(to, mode & 0o777);
            } catch (error) {
                // Gone since the listing (a settings file replaced, say): it is not part of the copy.
                if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
                    continue;
                }
                throw error;
            }
            const { size } = await fs.stat(to);
            bytes += size;
        }
    };
    await Promise.all(Array.from({ length: PARALLEL_COPIES }, copyNext));
    return { files: files.length, bytes, skipped };
}
