import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { DocumentNotFoundError } from '@presswork/platform/lib/node/store/store-errors';

/** A job and the order document it lives in. */
export interface OrderJob {
    readonly order: Order;
    readonly job: Job;
}

/** Finds a job through the store's `job` index: no scan of the orders. */
export function findJob(store: DocumentStore, jobId: string): OrderJob | undefined {
    for (const order of store.findBy(OrdersCollection, 'job', jobId)) {
        const job = order.jobs.find(candidate => candidate.id === jobId);
        if (job) {
            return { order, job };
        }
    }
    return undefined;
}

/** Returned by a change to take the job out of its order. */
export const REMOVE_JOB = Symbol('remove job');

/** What a job change decides: the job's next version, its removal, or nothing to write. */
export type JobChange = (job: Job, order: Order) => Job | typeof REMOVE_JOB | undefined;

/** Thrown inside `modify` to leave the document unwritten. */
class NothingToWrite extends Error { }

/**
 * Changes one job in one durable write of its order, reading the job inside the store's lock so
 * that a sibling job's concurrent change is never lost. The change runs on the current job and
 * may decide there is nothing to do: then nothing is written. Resolves to the committed order
 * and job (undefined job when removed), or undefined when nothing was written or the job is gone.
 * An order left without jobs is kept, with `jobs: []`: other extensions still need it.
 */
export async function changeJob(store: DocumentStore, orderId: string, jobId: string, change: JobChange): Promise<{ order: Order; job: Job | undefined } | undefined> {
    let index = -1;
    let removed = false;
    try {
        const order = await store.modify(OrdersCollection, orderId, current => {
            index = current.jobs.findIndex(job => job.id === jobId);
            const next = index < 0 ? undefined : change(current.jobs[index], current);
            if (next === undefined) {
                throw new NothingToWrite();
            }
            removed = next === REMOVE_JOB;
            if (next === REMOVE_JOB) {
                current.jobs.splice(index, 1);
            } else {
                current.jobs[index] = next;
            }
            return current;
        });
        return { order, job: removed ? undefined : order.jobs[index] };
    } catch (error) {
        if (error instanceof NothingToWrite || error instanceof DocumentNotFoundError) {
            return undefined;
        }
        throw error;
    }
}
