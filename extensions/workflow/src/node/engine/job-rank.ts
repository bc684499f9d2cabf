import type { Job } from '@presswork/platform/lib/common/job-schema';
import { priorityOf } from '@presswork/platform/lib/common/job-priority';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import type { WorkQueue, WorkRank } from './work-queue';

/** Where the job stands in the engine's queue: its priority, then its due time, then its arrival. */
export function rankOf(job: Pick<Job, 'properties' | 'due' | 'receivedAt'>): WorkRank {
    const due = job.due === undefined ? undefined : Date.parse(job.due);
    const receivedAt = Date.parse(job.receivedAt);
    return {
        priority: priorityOf(job),
        due: due !== undefined && Number.isFinite(due) ? due : undefined,
        receivedAt: Number.isFinite(receivedAt) ? receivedAt : Infinity
    };
}

/**
 * Schedules a job's turn at its rank, read from the store when the caller has only its id. A job
 * no longer in the store has nothing to run: it is not scheduled.
 */
export function scheduleJob(queue: WorkQueue, store: DocumentStore, jobId: string, job: Job | undefined = findJob(store, jobId)?.job): void {
    if (job) {
        queue.schedule(jobId, rankOf(job));
    }
}
