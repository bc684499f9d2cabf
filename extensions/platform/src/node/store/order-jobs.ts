import type { Job } from '../../common/job-schema';
import type { Order } from '../../common/order-schema';
import type { DocumentStore } from './document-store';
import { OrdersCollection } from './platform-collections';
import { DocumentNotFoundError } from './store-errors';

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

/**
 * What a job change decides: the job's next version, its removal, or (undefined) nothing to write.
 * It is given the stored job and order themselves, frozen (`DocumentStore.revise`): it builds the
 * next version as a new object and never edits them.
 */
export type JobChange = (job: Job, order: Order) => Job | typeof REMOVE_JOB | undefined;

/**
 * Changes one job in one durable write of its order, reading the job inside the store's lock so
 * that a sibling job's concurrent change is never lost. The change runs on the current job and
 * may decide there is nothing to do: then nothing is written (the store skips an unchanged
 * document). Resolves to the committed order and job (undefined job when removed), or undefined
 * when nothing was written or the job (or its order) is gone. An order left without jobs is kept,
 * with `jobs: []`: other extensions still need it.
 */
export async function changeJob(store: DocumentStore, orderId: string, jobId: string, change: JobChange): Promise<{ order: Order; job: Job | undefined } | undefined> {
    let index = -1;
    // Set inside the change: a holder, so that the compiler does not take it for never assigned.
    const outcome: { decided?: Job | typeof REMOVE_JOB } = {};
    try {
        const order = await store.revise(OrdersCollection, orderId, current => {
            index = current.jobs.findIndex(job => job.id === jobId);
            const decided = index < 0 ? undefined : change(current.jobs[index], current);
            outcome.decided = decided;
            if (decided === undefined) {
                return current;
            }
            const jobs = decided === REMOVE_JOB ? current.jobs.filter((_, at) => at !== index) : current.jobs.with(index, decided);
            return { ...current, jobs };
        });
        if (outcome.decided === undefined) {
            return undefined;
        }
        return { order, job: outcome.decided === REMOVE_JOB ? undefined : order.jobs[index] };
    } catch (error) {
        if (error instanceof DocumentNotFoundError) {
            return undefined;
        }
        throw error;
    }
}

/**
 * Changes several jobs of one order in one durable write, reading them inside the store's lock
 * like `changeJob`. `change` runs on each listed job still in the order and returns its next
 * version, or undefined to leave it; it may run again on a fresher order when a store retries
 * the write, so it should decide from its arguments alone. Resolves to the committed order and
 * the ids of the jobs changed (none: nothing written), or undefined when the order is gone.
 */
export async function changeJobs(store: DocumentStore, orderId: string, jobIds: readonly string[],
    change: (job: Job, order: Order) => Job | undefined): Promise<{ order: Order; changed: readonly string[] } | undefined> {
    const listed = new Set(jobIds);
    // Set inside the change, as the last run of it decided.
    const outcome: { changed: string[] } = { changed: [] };
    try {
        const order = await store.revise(OrdersCollection, orderId, current => {
            outcome.changed = [];
            const jobs = current.jobs.map(job => {
                const decided = listed.has(job.id) ? change(job, current) : undefined;
                if (decided === undefined) {
                    return job;
                }
                outcome.changed.push(job.id);
                return decided;
            });
            return outcome.changed.length ? { ...current, jobs } : current;
        });
        return { order, changed: outcome.changed };
    } catch (error) {
        if (error instanceof DocumentNotFoundError) {
            return undefined;
        }
        throw error;
    }
}
