import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { OpenMeasurement } from './protocol';
import type { LatencySummary } from './statistics';

export interface StoreUpdateLatency {
    readonly jobs: number;
    readonly orders: number;
    readonly latency: LatencySummary;
}

/** A target the run is held to: `actual` must stay below (or at) `limit`. */
export interface TargetCheck {
    readonly name: string;
    readonly limit: number;
    readonly actual: number;
    readonly unit: '×' | 'ms' | 'MB';
    readonly met: boolean;
}

export interface BenchResults {
    readonly startedAt: string;
    readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number };
    /** Bytes of one order document: what each update and each append writes. */
    readonly documentBytes: number;
    readonly updates: readonly StoreUpdateLatency[];
    readonly append: LatencySummary;
    readonly open: {
        readonly jobs: number;
        readonly runs: readonly OpenMeasurement[];
        readonly medianMillis: number;
        readonly maxRssAfterMB: number;
        readonly maxRssDeltaMB: number;
        readonly maxHeapUsedAfterMB: number;
    };
    readonly ratios: {
        readonly updateP99LargestToSmallest: number;
        readonly updateP99LargestToAppend: number;
    };
    readonly checks: readonly TargetCheck[];
}

export function check(name: string, actual: number, limit: number, unit: TargetCheck['unit']): TargetCheck {
    return { name, limit, actual, unit, met: actual <= limit };
}

export function megabytes(bytes: number): number {
    return bytes / (1024 * 1024);
}

/** The folder every benchmark writes its JSON results into. */
export const RESULTS_FOLDER = path.resolve(__dirname, '..', '..', '..', 'bench-results');

export async function writeResults(file: string, results: unknown): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify(results, undefined, 2) + '\n');
    console.log(`Results written to ${file}`);
}
