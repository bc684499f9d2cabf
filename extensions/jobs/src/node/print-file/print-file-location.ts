import { constants } from 'node:fs';
import { FileHandle, open, realpath } from 'node:fs/promises';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { isDirectlyInside, isInside } from '@presswork/platform/lib/node/files/path-containment';

/** The job's print file, open for reading, with its size. */
export interface OpenedPrintFile {
    readonly handle: FileHandle;
    readonly size: number;
}

/** Why there is no print file to show, in words an operator reads. */
export class PrintFileUnavailable extends Error {
    override readonly name = 'PrintFileUnavailable';
}

/** The path of the job's print file in its folder; refused when the job has none yet. */
export function printFilePathOf(folders: JobFolders, job: Pick<Job, 'id' | 'files'>): string {
    const file = job.files[0];
    if (!file || file.size === undefined) {
        throw new PrintFileUnavailable('The print file of this job has not arrived yet');
    }
    try {
        return folders.fileOf(job.id, file.name);
    } catch {
        throw new PrintFileUnavailable('The print file of this job has a name Presswork does not open');
    }
}

/**
 * Opens the job's print file for reading, confined to the job's folder under the data folder: the
 * real path (links resolved) must lie directly in the job's real folder, the file is opened
 * without following a link (so nothing swapped in after the check is followed) and without
 * waiting on a pipe, and it must be a regular file. Every refusal is a PrintFileUnavailable.
 */
export async function openPrintFile(folders: JobFolders, job: Pick<Job, 'id' | 'files'>): Promise<OpenedPrintFile> {
    const path = printFilePathOf(folders, job);
    let handle: FileHandle;
    try {
        const [root, folder, file] = await Promise.all([realpath(folders.root), realpath(folders.folderOf(job.id)), realpath(path)]);
        if (!isInside(root, folder) || !isDirectlyInside(folder, file)) {
            throw new PrintFileUnavailable('The print file lies outside the job folder');
        }
        handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
        throw error instanceof PrintFileUnavailable ? error : new PrintFileUnavailable('The print file is missing from the job folder');
    }
    const stats = await handle.stat();
    if (!stats.isFile()) {
        await handle.close();
        throw new PrintFileUnavailable('The print file is not a regular file');
    }
    return { handle, size: stats.size };
}
