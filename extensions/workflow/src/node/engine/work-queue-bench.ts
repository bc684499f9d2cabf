import { RankedQueue } from './ranked-queue';

/** What one dequeue costs with `queued` keys waiting: the engine's ranked queue beside a plain array's first come, first served. */
export interface DequeueFigures {
    readonly queued: number;
    readonly samples: number;
    readonly p50Ms: number;
    readonly p95Ms: number;
    /** The same takes from a plain array (push, shift), measured in the same run. */
    readonly baselineP50Ms: number;
    readonly baselineP95Ms: number;
}

const DAY_MS = 86_400_000;

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator): the same ranks every run. */
function numbers(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
        return state / 2 ** 32;
    };
}

function percentile(sorted: readonly number[], fraction: number): number {
    return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** Times `take` `samples` times, each with `queued` keys waiting (`refill` puts one back, untimed). */
function timeTakes(samples: number, take: () => unknown, refill: (index: number) => void): number[] {
    const times: number[] = [];
    for (let index = 0; index < samples; index++) {
        const start = process.hrtime.bigint();
        take();
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        refill(index);
    }
    return times.sort((a, b) => a - b);
}

/**
 * The cost of a dequeue from the engine's work queue with `queued` jobs waiting, of mixed priorities
 * (1 to 10), due times (a third without) and arrivals, beside a plain array; p50 and p95 in
 * milliseconds. For `npm run bench`: the target is p95 < 1 ms at 100,000 queued.
 */
export function dequeueFigures(queued = 100_000, samples = 5_000): DequeueFigures {
    const random = numbers(12);
    const now = Date.now();
    const rank = (): { priority: number; due?: number; receivedAt: number } => ({
        priority: 1 + Math.floor(random() * 10),
        due: random() < 1 / 3 ? undefined : now + Math.floor(random() * 7 * DAY_MS),
        receivedAt: now - Math.floor(random() * DAY_MS)
    });
    const ranked = new RankedQueue();
    const array: string[] = [];
    for (let index = 0; index < queued; index++) {
        ranked.put(`job-${index}`, rank());
        array.push(`job-${index}`);
    }
    const rankedTimes = timeTakes(samples, () => ranked.take(), index => ranked.put(`more-${index}`, rank()));
    const arrayTimes = timeTakes(samples, () => array.shift(), index => array.push(`more-${index}`));
    return {
        queued,
        samples,
        p50Ms: percentile(rankedTimes, 0.5),
        p95Ms: percentile(rankedTimes, 0.95),
        baselineP50Ms: percentile(arrayTimes, 0.5),
        baselineP95Ms: percentile(arrayTimes, 0.95)
    };
}

/** The p95 of a dequeue, in milliseconds, with `queued` jobs waiting (dequeueFigures has the baseline beside it). */
export function measureDequeue(queued = 100_000, samples?: number): number {
    return dequeueFigures(queued, samples).p95Ms;
}
