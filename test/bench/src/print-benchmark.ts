import * as os from 'node:os';
import * as path from 'node:path';
import { DocumentStore } from '@presswork/platform/lib/node/store';
import { runChild } from './child-process';
import { CountingLogger, engineFolders } from './engine-backend';
import { createIppPrinterAndWorkflow, writePrintJobs, type PrintFixtureJob } from './print/print-fixture';
import { pressworkContainer } from './print/print-backend';
import type { BaselineRequest, JobTimes, PressworkRequest, PrintChildResult } from './print/print-child';
import { TimedJob, TimedPrinter } from './print/timed-printer';
import { percentile } from './statistics';

/**
 * Print to a real IPP printer (issue 11 item 10): 200 jobs, one an order with a one-page PDF and a
 * ticket of its own, Received in the workflow Create Job → Print (IPP) → Retain, through
 * Presswork's backend as `npm start` composes it, to CUPS's ippeveprinter on loopback, whose print
 * command takes a fixed 50 ms a job (so that the printer is not all that is measured). Beside it, in
 * the same run and to the same printer, the bare IPP round trips of the same requests: Print-Job of
 * the same PDFs with the same tickets, each followed to `completed` with Get-Job-Attributes.
 *
 * Figures: jobs per minute (first request to the last job done) and the time from the printer's
 * `completed` (the print command's end) to the job's Printed in the store (p50/p95); for the
 * baseline, to the poll that saw `completed`.
 */

export const PRINT_JOBS = 200;
export const PRINT_COMMAND_MS = 50;
/** A bare run polled as often as the PrintFollower asks (its default, 1 s): the latency's comparison. */
export const BASELINE_POLL_MS = 1000;
/** A bare run polled every 100 ms, which drives the printer nearly at its own pace: the throughput target's baseline. */
export const PACE_POLL_MS = 100;
/** ippeveprinter holds one job at a time (Print-Job is answered server-error-busy while it prints one). */
const BASELINE_CONCURRENCY = 1;
const TIMEOUT_MS = 20 * 60_000;
const TARGETS = { throughputRatio: 0.8 };

export interface PrintHalf {
    readonly jobs: number;
    readonly seconds: number;
    readonly jobsPerMinute: number;
    readonly completedToDone: { readonly p50: number; readonly p95: number; readonly max: number; readonly samples: number };
    readonly printedAtPrinter: number;
    readonly printedTwice: number;
    readonly ticketMismatches: number;
    readonly cpuMillisPerJob: number;
    readonly failures: readonly string[];
}

export interface PrintResults {
    readonly startedAt: string;
    readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number };
    readonly jobs: number;
    readonly printCommandMillis: number;
    readonly baselinePollMillis: number;
    readonly concurrency: number;
    readonly baseline: PrintHalf;
    /** The same bare round trips polled every PACE_POLL_MS: the throughput target's baseline. */
    readonly printerPace: PrintHalf & { readonly pollMillis: number };
    readonly presswork?: PrintHalf & { readonly loggedErrors: number; readonly orderWrites?: number; readonly feedDeltas?: number };
    /** Why the Presswork half did not run or did not finish, when it did not. */
    readonly pressworkProblem?: string;
    /** Presswork's jobs/min over the bare run polled every 100 ms (the target's), and over the one polled every 1 s. */
    readonly ratios: { readonly throughput?: number; readonly throughputToFollowerPaced?: number };
    readonly checks: readonly { readonly name: string; readonly target: string; readonly actual: string; readonly met: boolean }[];
}

export async function runPrintBenchmark(workFolder: string, progress: (message: string) => void): Promise<PrintResults> {
    const startedAt = new Date().toISOString();
    // Each run has a printer of its own (same settings): a printer that still lists another run's
    // jobs under the same names would let Presswork's recovery by name take them for its own.
    const pressworkPrinter = await TimedPrinter.start(PRINT_COMMAND_MS);
    try {
        progress(`print: ippeveprinter, print command ${PRINT_COMMAND_MS} ms a job; preparing ${PRINT_JOBS} jobs`);
        const folder = path.join(workFolder, 'print');
        const folders = engineFolders(folder);
        const logger = new CountingLogger();
        const container = pressworkContainer(folders.data, logger);
        const { workflowId } = await createIppPrinterAndWorkflow(container, pressworkPrinter.uri);
        await container.get<DocumentStore>(DocumentStore).close();
        const fixture = await writePrintJobs(folders, PRINT_JOBS, workflowId);

        const bare = async (pollMs: number): Promise<PrintHalf> => {
            progress(`print: bare IPP, IppPrinter.printJob + job() every ${pollMs} ms, ${BASELINE_CONCURRENCY} at a time, to a printer of its own`);
            const printer = await TimedPrinter.start(PRINT_COMMAND_MS);
            try {
                const run = await runChild<PrintChildResult>('print/print-child.js', {
                    kind: 'baseline', printerUri: printer.uri, jobs: fixture, concurrency: BASELINE_CONCURRENCY, pollMs, timeoutMs: TIMEOUT_MS
                } satisfies BaselineRequest);
                return half(run, await printer.jobs(), fixture);
            } finally {
                await printer.stop();
            }
        };
        const printerPace = { ...await bare(PACE_POLL_MS), pollMillis: PACE_POLL_MS };
        const baseline = await bare(BASELINE_POLL_MS);

        progress('print: Presswork, the backend as npm start composes it (engine, printer follower, HTTP server, change feed)');
        let presswork: PrintResults['presswork'];
        let pressworkProblem: string | undefined;
        try {
            const run = await runChild<PrintChildResult>('print/print-child.js', { kind: 'presswork', folder, jobs: PRINT_JOBS, timeoutMs: TIMEOUT_MS } satisfies PressworkRequest);
            presswork = { ...half(run, await pressworkPrinter.jobs(), fixture), loggedErrors: run.loggedErrors, orderWrites: run.orderWrites, feedDeltas: run.feedDeltas };
            if (run.failures.length) {
                pressworkProblem = run.failures.slice(0, 5).join('; ');
            }
        } catch (error) {
            pressworkProblem = error instanceof Error ? error.message : String(error);
        }
        return summarize(startedAt, baseline, printerPace, presswork, pressworkProblem);
    } finally {
        await pressworkPrinter.stop();
    }
}

/** One half's figures: its jobs against what the printer ran for it. */
function half(run: PrintChildResult, printed: readonly TimedJob[], fixture: readonly PrintFixtureJob[]): PrintHalf {
    const byName = new Map<string, TimedJob[]>();
    for (const job of printed) {
        byName.set(job.jobName, [...byName.get(job.jobName) ?? [], job]);
    }
    const latencies: number[] = [];
    for (const done of run.jobs) {
        const atPrinter = byName.get(done.jobName)?.[0];
        if (atPrinter) {
            latencies.push(done.doneAt - atPrinter.endedAt);
        }
    }
    const ticketMismatches = fixture.filter(({ ticket }) => {
        const ran = byName.get(ticket.jobName)?.[0];
        return ran && (ran.copies !== String(ticket.copies) || ran.sides !== ticket.sides);
    }).length;
    const sorted = latencies.sort((a, b) => a - b);
    const lastDone = run.jobs.length ? Math.max(...run.jobs.map((job: JobTimes) => job.doneAt)) : run.endedAt;
    const seconds = (lastDone - run.startedAt) / 1000;
    return {
        jobs: run.jobs.length,
        seconds,
        jobsPerMinute: run.jobs.length / seconds * 60,
        completedToDone: sorted.length
            ? { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1], samples: sorted.length }
            : { p50: NaN, p95: NaN, max: NaN, samples: 0 },
        printedAtPrinter: printed.length,
        printedTwice: [...byName.values()].filter(jobs => jobs.length > 1).length,
        ticketMismatches,
        cpuMillisPerJob: run.cpuMillis / Math.max(1, run.jobs.length),
        failures: run.failures
    };
}

function summarize(startedAt: string, baseline: PrintHalf, printerPace: PrintResults['printerPace'], presswork: PrintResults['presswork'], pressworkProblem: string | undefined): PrintResults {
    const ratio = (to: PrintHalf): number | undefined => presswork && presswork.jobs === PRINT_JOBS ? presswork.jobsPerMinute / to.jobsPerMinute : undefined;
    // The target holds against the printer's pace (the stricter); against the follower-paced client for comparison.
    const throughput = ratio(printerPace);
    const throughputToFollowerPaced = ratio(baseline);
    const allPrinted = (run: PrintHalf | undefined): boolean => !!run && run.jobs === PRINT_JOBS && run.printedAtPrinter === PRINT_JOBS
        && run.printedTwice === 0 && run.ticketMismatches === 0 && run.failures.length === 0;
    return {
        startedAt,
        environment: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length },
        jobs: PRINT_JOBS,
        printCommandMillis: PRINT_COMMAND_MS,
        baselinePollMillis: BASELINE_POLL_MS,
        concurrency: BASELINE_CONCURRENCY,
        baseline,
        printerPace,
        presswork,
        pressworkProblem,
        ratios: { throughput, throughputToFollowerPaced },
        checks: [
            { name: 'bare IPP runs: every job completed once, with its ticket', target: `${PRINT_JOBS} jobs`, actual: `${baseline.jobs} + ${printerPace.jobs} jobs`, met: allPrinted(baseline) && allPrinted(printerPace) },
            {
                name: 'Presswork: every job Printed, printed once, with its ticket', target: `${PRINT_JOBS} jobs`,
                actual: presswork ? `${presswork.jobs} jobs, ${presswork.printedTwice} twice, ${presswork.loggedErrors} errors` : 'did not run',
                met: allPrinted(presswork) && presswork?.loggedErrors === 0
            },
            {
                name: `throughput, Presswork / bare IPP polled every ${PACE_POLL_MS} ms`, target: `≥ ${TARGETS.throughputRatio} ×`,
                actual: throughput === undefined ? 'not measured' : `${number(throughput)} ×`, met: throughput !== undefined && throughput >= TARGETS.throughputRatio
            }
        ]
    };
}

const number = (value: number, digits = 2): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatPrintReport(results: PrintResults): string {
    const row = (name: string, run: PrintHalf): string[] => [
        name, number(run.jobs, 0), number(run.seconds, 1), number(run.jobsPerMinute, 0),
        number(run.completedToDone.p50, 0), number(run.completedToDone.p95, 0), number(run.completedToDone.max, 0),
        number(run.printedTwice, 0), number(run.cpuMillisPerJob, 1)
    ];
    const rows = [
        row(`bare IPP: printJob + job() every ${results.printerPace.pollMillis} ms, ${results.concurrency} at a time (throughput baseline)`, results.printerPace),
        row(`bare IPP: printJob + job() every ${results.baselinePollMillis} ms (as often as the follower)`, results.baseline)
    ];
    if (results.presswork) {
        rows.push(row('Presswork: Create Job → Print (IPP) → Retain, npm start backend', results.presswork));
    }
    return [
        `Print to ippeveprinter on loopback: ${results.jobs} jobs (one-page PDFs; copies 1–3, one/two-sided, colour/monochrome tickets)`,
        `  The printer's print command is a fixed ${results.printCommandMillis} ms sleep a job, so that the printer is not all that is measured;`,
        '  "completed → done" runs from the print command\'s end (the printer\'s completed) to the poll that saw it (bare IPP)',
        '  or to the job\'s Printed committed to the store (Presswork). ippeveprinter holds one job at a time (server-error-busy',
        '  otherwise), so a bare client sends one job, follows it to completed, then sends the next: polled every 100 ms it drives',
        '  the printer nearly at its pace (the throughput target\'s baseline); polled every 1 s it asks as often as the PrintFollower',
        '  (the latency\'s comparison). Each run prints to a fresh printer with the same settings.',
        table(['run', 'jobs', 'seconds', 'jobs/min', 'completed → done p50 ms', 'p95 ms', 'max ms', 'printed twice', 'CPU ms/job'], rows),
        results.presswork
            ? `  Presswork / bare IPP throughput: ${ratioText(results.ratios.throughput)} against the ${results.printerPace.pollMillis} ms client, `
            + `${ratioText(results.ratios.throughputToFollowerPaced)} against the ${results.baselinePollMillis} ms one; `
            + `order writes ${results.presswork.orderWrites ?? '?'}, change feed deltas ${results.presswork.feedDeltas ?? '?'}, errors logged ${results.presswork.loggedErrors}`
            : '  Presswork half: did not run',
        ...(results.pressworkProblem ? [`  Presswork half: ${results.pressworkProblem}`] : []),
        ...results.baseline.failures.slice(0, 5).map(failure => `  baseline: ${failure}`),
        '',
        'Targets',
        table(['check', 'target', 'actual', ''], results.checks.map(check => [check.name, check.target, check.actual, check.met ? 'met' : 'MISSED'])),
        ''
    ].join('\n');
}

function ratioText(ratio: number | undefined): string {
    return ratio === undefined ? 'not measured' : `${number(ratio)} ×`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    const line = (cells: readonly string[]): string =>
        '  ' + cells.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join('   ');
    return [line(header), line(widths.map(width => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
