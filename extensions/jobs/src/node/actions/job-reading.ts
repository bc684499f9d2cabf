import { PressworkError } from '@presswork/platform/lib/common/errors';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { JobDetails } from '../../common/jobs-protocol';

/** A job and the order document that holds it, found through the store's `job` index. */
export function findOrderJob(store: DocumentStore, jobId: string): { order: Order; job: Job } | undefined {
    for (const order of store.findBy(OrdersCollection, 'job', jobId)) {
        const job = order.jobs.find(candidate => candidate.id === jobId);
        if (job) {
            return { order, job };
        }
    }
    return undefined;
}

export function requireOrderJob(store: DocumentStore, jobId: string): { order: Order; job: Job } {
    const found = findOrderJob(store, jobId);
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
