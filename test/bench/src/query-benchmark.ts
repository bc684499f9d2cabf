import * as path from 'node:path';
import { runChild } from './child-process';
import type { QueryLatency, QueryMeasurement, QueryRequest, QueryScenario } from './query-child';
import { QUERY_JOBS, QUERY_ORDERS, SURNAMES, writeQueryStore } from './query-fixture';
import { check, TargetCheck } from './results';

/** The target: the first page of a query over 100,000 jobs within 20 ms (p95). */
const TARGET_P95_MILLIS = 20;
const TEXT = SURNAMES[0];

const SCENARIOS: QueryScenario[] = [
    { name: 'sorted by order number', query: { sort: [{ field: 'orderNumber', direction: 'asc' }] } },
    { name: 'grouped by order number', query: { groupBy: 'orderNumber', sort: [{ field: 'orderNumber', direction: 'asc' }, { field: 'receivedAt', direction: 'desc' }] } },
    { name: `filtered by text "${TEXT}"`, query: { text: TEXT } }
];

/** The measurement's request over the store in `folder` (or, with `databaseUrl`, the PostgreSQL store's replica). */
export function queryRequest(folder: string, databaseUrl?: string): QueryRequest {
    return { folder, ...(databaseUrl ? { databaseUrl } : {}), scenarios: SCENARIOS, text: TEXT, texts: SURNAMES };
}

export interface QueryResults {
    readonly startedAt: string;
    readonly measurement: QueryMeasurement;
    readonly ratios: Readonly<Record<string, number>>;
    readonly checks: readonly TargetCheck[];
}

export async function runQueryBenchmark(workFolder: string, progress: (message: string) => void): Promise<QueryResults> {
    const startedAt = new Date().toISOString();
    const folder = path.join(workFolder, 'query-store');
    progress(`writing a store of ${QUERY_JOBS.toLocaleString('en-US')} jobs in ${QUERY_ORDERS.toLocaleString('en-US')} orders`);
    await writeQueryStore(folder);
    progress('measuring queries of the job index in a fresh process');
    const measurement = await runChild<QueryMeasurement>('query-child.js', queryRequest(folder));
    const baseline = measurement.baselines.filterSlice.p95;
    const ratios = Object.fromEntries(measurement.scenarios.map(scenario => [scenario.name, scenario.afterChange.p95 / baseline]));
    return {
        startedAt,
        measurement,
        ratios,
        checks: [
            ...measurement.scenarios.map(scenario => check(`first page ${scenario.name}, p95 after a change`, scenario.afterChange.p95, TARGET_P95_MILLIS, 'ms')),
            check('first page filtered by a new text, p95', measurement.newText.p95, TARGET_P95_MILLIS, 'ms')
        ]
    };
}

const number = (value: number, digits = 2): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const latencyCells = (latency: QueryLatency): string[] => [number(latency.p50), number(latency.p95), number(latency.max), String(latency.samples)];

export function formatQueryReport({ measurement, ratios, checks }: QueryResults): string {
    const { scenarios, baselines } = measurement;
    const baseline = baselines.filterSlice.p95;
    const rows = [
        ...scenarios.flatMap(scenario => [
            [`${scenario.name}: after a change (${number(scenario.matchingJobs, 0)} match)`, ...latencyCells(scenario.afterChange), number(ratios[scenario.name])],
            [`${scenario.name}: repeated, nothing changed`, ...latencyCells(scenario.repeated), ''],
            [`${scenario.name}: first time asked (one sort or pass over all jobs)`, number(scenario.firstMillis), '', '', '1', '']
        ]),
        ['text filter, a new text each time (one pass over all jobs)', ...latencyCells(measurement.newText), number(measurement.newText.p95 / baseline)],
        ['text filter, typed letter by letter (each keystroke)', ...latencyCells(measurement.typing), number(measurement.typing.p95 / baseline)],
        ['index: apply one committed order change', ...latencyCells(measurement.indexApply), ''],
        ['baseline: rows.filter(text).slice(0, 100)', ...latencyCells(baselines.filterSlice), '1.00'],
        ['baseline: copy 100 rows', ...latencyCells(baselines.copy100), '']
    ];
    const widths = ['subject', 'p50', 'p95', 'max', 'n', '× baseline p95'].map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    const line = (cells: readonly string[]): string => '  ' + cells.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join('   ');
    return [
        `Job index queries, ms: first page of ${number(100, 0)} items over ${number(measurement.jobs, 0)} jobs in ${number(measurement.orders, 0)} orders ` +
        `(store opened in ${number(measurement.openMillis, 0)} ms, index built in ${number(measurement.indexBuildMillis, 0)} ms, heap ${number(measurement.heapUsedMB, 0)} MB)`,
        line(['subject', 'p50', 'p95', 'max', 'n', '× baseline p95']),
        line(widths.map(width => '-'.repeat(width))),
        ...rows.map(line),
        '',
        'Targets',
        ...checks.map(({ name, limit, actual, met }) => `  ${name}: ${number(actual)} ms (≤ ${limit} ms) ${met ? 'met' : 'MISSED'}`),
        ''
    ].join('\n');
}
