import { PressworkError } from '@presswork/platform/lib/common/errors';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import type { JobDetails } from '../../common/jobs-protocol';

export function requireOrderJob(store: DocumentStore, jobId: string): { order: Order; job: Job } {
    const found = findJob(store, jobId);
    if (!found) {
        throw PressworkError.NotFound(`There is no job ${jobId}; it may have been removed`);
    }
    return found;
}

/** What Properties… shows: the job, the order version it was read at, its workflow's name, its line's finishing options. */
export function detailsOf(store: DocumentStore, order: Order, job: Job): JobDetails {
    const workflowName = job.workflowId ? store.get(WorkflowsCollection, job.workflowId)?.name : undefined;
    const finishingOptions = order.lineItems.find(line => line.id === job.lineItemId)?.finishingOptions ?? [];
    const details = { job, orderVersion: order.version, finishingOptions };
    return workflowName === undefined ? details : { ...details, workflowName };
}
