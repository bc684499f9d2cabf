import { isDeepStrictEqual } from 'node:util';
import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import type { JobDisposal } from '../activities/job-disposal';
import { appendJobLog, logEntry } from '@presswork/platform/lib/common/job-log';
import { REMOVE_JOB, changeJob, findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { READY_STATES, RUNNING_STATES } from './job-transitions';
import { describeJob, heldBy } from './operator-transitions';

/** Tries before giving up on a job that changes between its audit record and its removal. */
const ATTEMPTS = 5;

export interface DeletionParts {
    readonly store: DocumentStore;
    readonly disposal: JobDisposal;
    /** Cancels the job's timer and aborts its running activity: nothing may work on it any more. */
    readonly stop: (jobId: string, reason: string) => void;
}

/**
 * An operator's Delete: the job is held if it runs or could start, then its audit record (as the Remove activity writes it, with the log
 * entry naming who deleted it), its folder, then its removal from the order. The removal only
 * happens if the job is still exactly what the record holds; if it moved meanwhile (an aborted
 * activity recorded its end), the record is written again, so the record is always the job's last
 * state. The order is kept even when it has no jobs left: closeout still needs it.
 */
export async function deleteJob(parts: DeletionParts, jobId: string, by: string): Promise<void> {
    const first = findJob(parts.store, jobId);
    if (!first) {
        throw notFound(jobId);
    }
    // A job that runs, or could start, is held first: an aborted activity's end must not move it
    // on (or a new step start) while its record is written.
    await changeJob(parts.store, first.order.id, jobId, job => READY_STATES.has(job.state) || RUNNING_STATES.has(job.state)
        ? heldBy(job, new Date().toISOString(), by)
        : undefined);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        parts.stop(jobId, `${by} deleted the job`);
        const found = findJob(parts.store, jobId);
        if (!found) {
            throw notFound(jobId);
        }
        const now = new Date();
        const record: Job = { ...found.job, log: appendJobLog(found.job.log, [logEntry(now.toISOString(), 'Deleted', 'info', by)]) };
        await dispose(parts.disposal, record, found.order, now);
        let moved = false;
        const written = await changeJob(parts.store, found.order.id, jobId, job => {
            moved = !isDeepStrictEqual(job, found.job);
            return moved ? undefined : REMOVE_JOB;
        });
        if (written) {
            return;
        }
        if (!moved) {
            throw notFound(jobId);
        }
    }
    const job = findJob(parts.store, jobId)?.job;
    throw PressworkError.Refused(`${job ? describeJob(job) : `Job ${jobId}`} keeps changing; it was not deleted. Try again`);
}

function notFound(jobId: string): Error {
    return PressworkError.NotFound(`There is no job ${jobId}; it may have been removed`);
}

async function dispose(disposal: JobDisposal, job: Job, order: Order, now: Date): Promise<void> {
    try {
        await disposal.writeAuditRecord(job, order, now);
    } catch (error) {
        throw PressworkError.Refused(`${describeJob(job)} is kept: its audit record could not be written: ${messageOf(error)}`);
    }
    try {
        await disposal.removeJobFolder(job.id);
    } catch (error) {
        throw PressworkError.Refused(`${describeJob(job)} is kept: its folder could not be removed: ${messageOf(error)}`);
    }
}
