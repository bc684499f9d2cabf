import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import type { Batch } from '../../common/batch/batch-schema';
import type { BatchView } from '../../common/batch/batch-protocol';
import { BatchesCollection } from './batch-collection';
import { nextReleaseWords } from './batch-rules';

/** Open batches first (oldest first), then released ones (newest first): the Batches view's and the read API's order. */
export function batchesInOrder(store: DocumentStore): Batch[] {
    const open = store.findBy(BatchesCollection, 'byState', 'open').sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
    const released = store.findBy(BatchesCollection, 'byState', 'released')
        .sort((a, b) => (b.releasedAt ?? '').localeCompare(a.releasedAt ?? '') || b.id.localeCompare(a.id));
    return [...open, ...released];
}

/** A batch as the Batches view shows it: with its next release in words while open. */
export function batchView(batch: Batch, timeZone: string): BatchView {
    return batch.state === 'open' ? { ...batch, nextRelease: nextReleaseWords(batch, timeZone) } : batch;
}

/** A member job as the read API gives it: the batch's record of it and where the job now is. */
export interface BatchJob {
    readonly id: string;
    readonly orderId: string;
    readonly orderNumber: string;
    readonly name: string;
    readonly copies: number;
    /** Absent when the job no longer exists. */
    readonly state?: Job['state'];
    readonly phase?: Job['phase'];
    readonly currentActivity?: string;
}

export function batchJobs(store: DocumentStore, batch: Batch): BatchJob[] {
    return batch.members.map(member => {
        const job = findJob(store, member.jobId)?.job;
        return {
            id: member.jobId, orderId: member.orderId, orderNumber: member.orderNumber, name: member.jobName, copies: member.copies,
            ...(job ? { state: job.state, phase: job.phase, ...(job.currentActivity ? { currentActivity: job.currentActivity } : {}) } : {})
        };
    });
}
