import type { Order } from '@presswork/platform/lib/common/order-schema';
import { DocumentStore, FileDocumentStore, OrdersCollection } from '@presswork/platform/lib/node/store';
import type { RoundOutcome } from './crash-rounds';
import { hasKnownState } from './crash-expectations';

/** What one order should be in the store: found by its MarcomCentral id, with this many jobs. */
export interface ExpectedOrder {
    readonly marcomOrderId: string;
    readonly orderNumber: string;
    readonly jobs: number;
}

/** Counts of the store against what the source sent; `extra` checks each stored order further. */
export interface StoreCounts {
    readonly orders: number;
    readonly jobs: number;
    readonly duplicates: number;
    readonly lost: number;
    readonly stuck: number;
    readonly violations: string[];
}

/**
 * Every expected order exists exactly once with all its jobs; no job is held twice, none is
 * without a known state, none fails `jobDone`; the store opened without problems.
 */
export function countAgainst(store: DocumentStore & Pick<FileDocumentStore, 'problems'>, expected: readonly ExpectedOrder[], jobDone: (order: Order) => string[]): StoreCounts {
    const problems = store.problems.map(problem => `the store reported a problem: ${problem.collection}/${problem.id}: ${problem.reason}`);
    return countOrdersAgainst(store.all(OrdersCollection), expected, jobDone, problems);
}

/** `countAgainst` over orders read any way (a PostgreSQL table, a store), with the problems already found. */
export function countOrdersAgainst(orders: Iterable<Order>, expected: readonly ExpectedOrder[], jobDone: (order: Order) => string[], problems: readonly string[] = []): StoreCounts {
    const violations = [...problems];
    const byMarcomId = new Map<string, Order[]>();
    const jobIds = new Set<string>();
    let jobs = 0;
    let stuck = 0;
    let duplicateJobs = 0;
    for (const order of orders) {
        byMarcomId.set(order.marcomOrderId, [...byMarcomId.get(order.marcomOrderId) ?? [], order]);
        for (const job of order.jobs) {
            jobs++;
            if (jobIds.has(job.id)) {
                duplicateJobs++;
                violations.push(`job ${job.id} is stored twice`);
            }
            jobIds.add(job.id);
            if (!hasKnownState(job)) {
                stuck++;
                violations.push(`job ${job.id} has no known state (${String(job.state)})`);
            }
        }
    }
    let duplicates = duplicateJobs;
    let lost = 0;
    for (const want of expected) {
        const found = byMarcomId.get(want.marcomOrderId) ?? [];
        if (found.length === 0) {
            lost++;
            violations.push(`order ${want.orderNumber} is missing`);
            continue;
        }
        if (found.length > 1) {
            duplicates += found.length - 1;
            violations.push(`order ${want.orderNumber} is stored ${found.length} times`);
        }
        const order = found[0];
        if (order.jobs.length !== want.jobs) {
            lost += Math.max(0, want.jobs - order.jobs.length);
            violations.push(`order ${want.orderNumber} has ${order.jobs.length} jobs, not ${want.jobs}`);
        }
        const unfinished = jobDone(order);
        stuck += unfinished.length;
        violations.push(...unfinished);
    }
    const sent = new Set(expected.map(want => want.marcomOrderId));
    const unexpected = [...byMarcomId.keys()].filter(id => !sent.has(id));
    violations.push(...unexpected.map(id => `order with MarcomCentral id ${id} was not sent`));
    return { orders: byMarcomId.size, jobs, duplicates: duplicates + unexpected.length, lost, stuck, violations };
}

export function outcomeOf(counts: StoreCounts, doubleCaptures = 0, more: readonly string[] = []): RoundOutcome {
    return { ...counts, doubleCaptures, violations: [...counts.violations, ...more] };
}
