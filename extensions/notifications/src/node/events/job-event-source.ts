import { inject, injectable, optional } from '@theia/core/shared/inversify';
import { ActivityRegistry } from '@presswork/platform/lib/common/activity-registry';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import type { EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { FINISHED_JOB_STATES, WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import type { JobState, Phase } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { jobEventFields, orderEventFields } from './job-event-fields';

/** What of a job its events depend on. `since` is the job's `updatedAt`: when it last changed. */
export interface JobSnapshot {
    readonly state: JobState;
    readonly phase: Phase;
    readonly activity?: string;
    readonly waitReason?: string;
    readonly since: string;
}

/** What of an order its events depend on: its jobs by id, and whether it waits for closeout as a whole. */
export interface OrderSnapshot {
    readonly jobs: Readonly<Record<string, JobSnapshot>>;
    readonly readyForCloseout?: true;
}

export const JOB_EVENT_SOURCE_ID = 'jobs';

/**
 * Every job waits at Closeout Order or is finished, at least one waits, and every line item has its
 * job (closeout ships, invoices and charges every line), on an order still open: what the Closeout
 * Order dialog calls ready. Said here from the order document alone, without the closeout extension.
 */
export function isReadyForCloseout(order: Order): boolean {
    if (order.closed || !order.jobs.some(job => job.state === WAITING_FOR_CLOSEOUT)) {
        return false;
    }
    const withJob = new Set(order.jobs.map(job => job.lineItemId));
    return order.jobs.every(job => job.state === WAITING_FOR_CLOSEOUT || FINISHED_JOB_STATES.has(job.state))
        && order.lineItems.every(line => withJob.has(line.id));
}

/**
 * The job events, from the order document (platform-owned; derived here): `job.state-changed`
 * (from absent for a job just taken in), `job.error` on entering Error, and
 * `order.ready-for-closeout` when the order becomes ready. Ids come from the snapshot (job, state
 * reached, since when), so deriving a change again finds it journaled.
 */
@injectable()
export class JobEventSource implements EventSourceContribution<Order, OrderSnapshot> {
    readonly id = JOB_EVENT_SOURCE_ID;
    readonly collection = CollectionNames.orders;

    @inject(ActivityRegistry) @optional() protected readonly activities: ActivityRegistry | undefined;

    observe(order: Order): OrderSnapshot {
        const jobs: Record<string, JobSnapshot> = {};
        for (const job of order.jobs) {
            jobs[job.id] = {
                state: job.state,
                phase: job.phase,
                ...(job.currentActivity ? { activity: job.currentActivity } : {}),
                ...(job.waitReason ? { waitReason: job.waitReason } : {}),
                since: job.updatedAt
            };
        }
        return isReadyForCloseout(order) ? { jobs, readyForCloseout: true } : { jobs };
    }

    derive(previous: OrderSnapshot | undefined, next: OrderSnapshot | undefined, order: Order | undefined): PressworkEventDraft[] {
        if (!next || !order) {
            return []; // a removed order says nothing about its jobs' states
        }
        const drafts: PressworkEventDraft[] = [];
        for (const job of order.jobs) {
            const now = next.jobs[job.id];
            const before = previous?.jobs[job.id];
            if (!now || before?.state === now.state) {
                continue;
            }
            const fields = jobEventFields(job, this.activities);
            drafts.push({
                id: `job.state-changed:${job.id}:${now.state}:${now.since}`,
                name: 'job.state-changed',
                at: now.since,
                subject: `job:${job.id}`,
                payload: { ...fields, ...(before ? { from: before.state } : {}), to: now.state }
            });
            if (now.state === 'Error') {
                drafts.push({ id: `job.error:${job.id}:${now.since}`, name: 'job.error', at: now.since, subject: `job:${job.id}`, payload: fields });
            }
        }
        if (next.readyForCloseout && !previous?.readyForCloseout) {
            const since = Object.values(next.jobs).reduce((latest, job) => Date.parse(job.since) > Date.parse(latest) ? job.since : latest, order.receivedAt);
            drafts.push({
                id: `order.ready-for-closeout:${order.id}:${since}`,
                name: 'order.ready-for-closeout',
                at: since,
                subject: `order:${order.id}`,
                payload: { ...orderEventFields(order), jobs: order.jobs.length }
            });
        }
        return drafts;
    }
}
