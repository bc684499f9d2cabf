import { randomUUID } from 'node:crypto';
import { ApplicationError } from '@theia/core/lib/common/application-error';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import type { JobActionResult } from '../../common/jobs-protocol';

export interface PerJobOptions {
    /** The job's name for the report, read before the action (a deleted job has none after). */
    readonly nameOf: (jobId: string) => string | undefined;
    /** For the server log: what went wrong that the operator only sees as a reference. */
    readonly report: (message: string, error: unknown) => void;
}

/**
 * Runs an action on each job in turn, so that one refused job does not stop the others, and
 * says for each whether it was done or why not. A refusal (a PressworkError) is the operator's
 * reason as the engine wrote it; anything else is logged and reported by reference only.
 */
export async function runPerJob(jobIds: readonly string[], options: PerJobOptions, act: (jobId: string) => Promise<void>): Promise<JobActionResult> {
    const result: { done: string[]; refused: JobActionResult['refused'][number][] } = { done: [], refused: [] };
    for (const jobId of new Set(jobIds)) {
        const jobName = options.nameOf(jobId) ?? jobId;
        try {
            await act(jobId);
            result.done.push(jobId);
        } catch (error) {
            result.refused.push({ jobId, jobName, reason: reasonOf(error, jobId, options) });
        }
    }
    return result;
}

function reasonOf(error: unknown, jobId: string, options: PerJobOptions): string {
    if (typeof error === 'object' && error !== null && ApplicationError.is(error)) {
        return error.message;
    }
    const reference = randomUUID().slice(0, 8);
    options.report(`A job action on ${jobId} failed (reference ${reference})`, error);
    return PressworkError.Internal(reference).message;
}
