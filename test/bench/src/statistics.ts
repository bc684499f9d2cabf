import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
/** Latency figures in milliseconds. */
export interface LatencySummary {
    readonly samples: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
}

export function summarize(millis: readonly number[]): LatencySummary {
    const sorted = [...millis].sort((a, b) => a - b);
    return { samples: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

/** Nearest-rank percentile: always a value that was measured. */
export function percentile(sorted: readonly number[], p: number): number {
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export async function timeMillis(work: () => Promise<void>): Promise<number> {
    const start = performance.now();
    await work();
    return performance.now() - start;
}

/** A seeded generator (pure-rand's xoroshiro128+), so every run picks the same documents. */
export function seededRandom(seed: number): () => number {
    const generator = xoroshiro128plus(seed);
    return () => uniformFloat64(generator);
}
