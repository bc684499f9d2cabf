import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DOCUMENT_ID_PATTERN } from '@presswork/platform/lib/common/identifiers';

/**
 * Each job's files live in `<data>/jobs/<job id>/`. Job ids are document ids, which cannot form a
 * path; file names are checked again here, so nothing a store sends can write outside that folder.
 */
export class JobFolders {
    constructor(readonly root: string) { }

    folderOf(jobId: string): string {
        if (!DOCUMENT_ID_PATTERN.test(jobId)) {
            throw new Error(`${JSON.stringify(jobId)} is not a job id`);
        }
        return path.join(this.root, jobId);
    }

    fileOf(jobId: string, fileName: string): string {
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(fileName) || fileName.includes('..')) {
            throw new Error(`${JSON.stringify(fileName)} is not an acceptable file name`);
        }
        return path.join(this.folderOf(jobId), fileName);
    }

    /** Writes a file whole or not at all: temporary file, flush, rename. */
    async write(jobId: string, fileName: string, content: Uint8Array): Promise<string> {
        const target = this.fileOf(jobId, fileName);
        await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
        const handle = await fs.open(temporary, 'wx', 0o600);
        try {
            try {
                await handle.writeFile(content);
                await handle.sync();
            } finally {
                await handle.close();
            }
            await fs.rename(temporary, target);
        } catch (error) {
            // A failed write (a full disk, say) must not leave a partial print file taking up the space.
            await fs.rm(temporary, { force: true });
            throw error;
        }
        return target;
    }
}
