import type { BenchResults, TargetCheck } from './results';

const number = (value: number, digits = 2): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The results as the tables a person reads after a run. */
export function formatReport(results: BenchResults): string {
    const { updates, append, open } = results;
    const latencyRows = [
        ...updates.map(({ jobs, orders, latency }) =>
            [`store update, ${number(jobs, 0)} jobs (${number(orders, 0)} orders)`, number(latency.p50), number(latency.p99), number(latency.max), String(latency.samples)]),
        [`append + fdatasync, ${number(results.documentBytes, 0)} bytes`, number(append.p50), number(append.p99), number(append.max), String(append.samples)]
    ];
    const openRows = open.runs.map((run, index) => [
        `run ${index + 1}`, number(run.openMillis, 0), number(run.rssAfter / 1048576, 0), number((run.rssAfter - run.rssBefore) / 1048576, 0),
        number(run.heapUsedAfter / 1048576, 0), number(run.documents, 0)
    ]);
    return [
        `Durable write latency, ms (sequential; each subject in its own process, taking turns of a few writes)`,
        table(['subject', 'p50', 'p99', 'max', 'n'], latencyRows),
        '',
        `Opening the ${number(open.jobs, 0)}-job store in a fresh process`,
        table(['', 'open ms', 'RSS MB', 'RSS delta MB', 'heap MB after gc', 'orders'], openRows),
        '',
        'Targets',
        table(['check', 'target', 'actual', ''], results.checks.map(checkRow)),
        ''
    ].join('\n');
}

function checkRow({ name, limit, actual, unit, met }: TargetCheck): string[] {
    const digits = unit === '×' ? 2 : 0;
    return [name, `≤ ${number(limit, unit === '×' ? 1 : 0)} ${unit}`, `${number(actual, digits)} ${unit}`, met ? 'met' : 'MISSED'];
}

/** Left-aligns the first column and right-aligns the others, numbers being what they hold. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    const line = (cells: readonly string[]): string =>
        '  ' + cells.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join('   ');
    return [line(header), line(widths.map(width => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
