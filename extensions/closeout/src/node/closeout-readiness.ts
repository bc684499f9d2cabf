import { FINISHED_JOB_STATES } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { NotReadyItem } from '../common/closeout-protocol';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';

/**
 * What is not ready for closeout: every job neither waiting for it nor finished, and every line item
 * without a job. Closeout ships, invoices and charges every line, so readiness counts lines, not
 * only the jobs that happen to exist.
 */
export function notReadyItems(order: Order): NotReadyItem[] {
    const waiting = order.jobs
        .filter(job => job.state !== WAITING_FOR_CLOSEOUT && !FINISHED_JOB_STATES.has(job.state))
        .map(job => ({ lineItemId: job.lineItemId, name: job.name, jobId: job.id, state: job.state }));
    const withJob = new Set(order.jobs.map(job => job.lineItemId));
    const withoutJob = order.lineItems
        .filter(line => !withJob.has(line.id))
        .map(line => ({ lineItemId: line.id, name: line.productName }));
    return [...waiting, ...withoutJob];
}
