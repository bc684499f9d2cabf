import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { DOCUMENT_ID_PATTERN } from '../../common/identifiers';
import { writeFileDurably } from './durable-file';
import { isDirectlyInside } from './path-containment';

/**
 * Each job's files live in `<data>/jobs/<job id>/`: the one place that path is built. Job ids are
 * document ids, which cannot form a path; file names are checked again here, so nothing a store
 * sends can write outside that folder. Bound in platform over the configured data folder.
 */
export class JobFolders {
    /** The job folders of a data folder: `<data>/jobs`. */
    static in(dataFolder: string): JobFolders {
        return new JobFolders(path.join(dataFolder, 'jobs'));
    }

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

    /** Writes a file of the job whole or not at all, durably; resolves to its path. */
    async write(jobId: string, fileName: string, content: Uint8Array): Promise<string> {
        const target = this.fileOf(jobId, fileName);
        await writeFileDurably(target, content);
        return target;
    }

    /** Deletes the job's folder and nothing else; a missing folder is fine (a repeat). */
    async remove(jobId: string): Promise<string> {
        const folder = this.folderOf(jobId);
        if (!isDirectlyInside(this.root, folder)) {
            throw new Error(`${folder} is not a job folder`);
        }
        await fs.rm(folder, { recursive: true, force: true });
        return folder;
    }
}
