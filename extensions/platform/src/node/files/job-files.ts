import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Job, JobFile } from '../../common/job-schema';
import { isDirectlyInside } from './path-containment';

export interface LocatedJobFile {
    readonly file: JobFile;
    readonly path: string;
}

/** Each of the job's files in its folder; a name that would lead out of the folder is refused. */
export function locateJobFiles(job: Readonly<Job>, jobFolder: string): LocatedJobFile[] {
    return job.files.map(file => {
        const located = path.join(jobFolder, file.name);
        if (!isDirectlyInside(jobFolder, located)) {
            throw new Error(`The job file name ${JSON.stringify(file.name)} is not a plain file name`);
        }
        return { file, path: located };
    });
}

/** The job's print file: its first file (intake gives a printable job exactly one). */
export function printFileOf(job: Readonly<Job>, jobFolder: string): LocatedJobFile | undefined {
    return locateJobFiles(job, jobFolder)[0];
}

export async function isRegularFile(file: string): Promise<boolean> {
    try {
        return (await fs.stat(file)).isFile();
    } catch {
        return false;
    }
}
