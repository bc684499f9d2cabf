import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { syncFolder } from '@presswork/platform/lib/node/store/durable-json-file';

/** Folders known to exist: a busy Remove writes thousands of records into one month's folder. */
const existingFolders = new Set<string>();

/**
 * Writes a file whole or not at all, and durably: temporary file in the same folder, flush,
 * rename over the target (a repeat overwrites), flush the folder so the rename survives a power cut.
 */
export async function writeFileDurably(file: string, content: string | Uint8Array, mode = 0o600): Promise<void> {
    const folder = path.dirname(file);
    if (!existingFolders.has(folder)) {
        await fs.mkdir(folder, { recursive: true, mode: 0o700 });
        existingFolders.add(folder);
    }
    const temporary = path.join(folder, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
        const handle = await fs.open(temporary, 'wx', mode);
        try {
            await handle.writeFile(content);
            await handle.sync();
        } finally {
            await handle.close();
        }
        await fs.rename(temporary, file);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            existingFolders.delete(folder); // the folder went away meanwhile: create it again next time
        }
        throw error;
    }
    await syncFolder(folder);
}
