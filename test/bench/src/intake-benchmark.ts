import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_MAX_RESPONSE_BYTES } from '@presswork/connections/lib/node/marcomcentral/marcomcentral-client';
import { DEFAULT_JOBS_PAGE, LARGEST_JOBS_PAGE } from '@presswork/jobs/lib/node/api/read-api-query';
import { forkChild, nextMessage, runChild } from './child-process';
import { ServedIntakeResults, runServedIntake, timeServedIntakes } from './served/served-intake';
import { percentile, summarize as summarizeMillis } from './statistics';

/**
 * Order intake end to end: a simulator (in its own process) holds 2,000 orders of 3 line items;
 * Presswork (in a fresh process) polls the whole window once, through the real poller, connection
 * type, SOAP client and intake, into a fresh durable store. The baseline, measured in the same run,
 * is the store alone creating the same documents one after another, as intake does.
 */

const ORDERS = 2_000;
const LINES_PER_ORDER = 3;
/** Whole measurements (one poll each, fresh store each); the median is reported. */
const RUNS = 3;
const WARM_UP_POLLS = 5;
const EMPTY_POLLS = 30;
const REPOLLS = 3;
/** Served intakes in all (the first measured in full, the others timed alone); the median is checked. */
const SERVED_RUNS = 5;
/** The store clock; orders were created over the hour before 10:00, Presswork polls at 10:20. */
const STORE_NOW = '2026-06-15T12:00:00-07:00';
const FIRST_ORDER_AT = '2026-06-15T09:00:00-07:00';
const ORDER_SPAN_MS = 60 * 60_000;
const POLL_AT = '2026-06-15T10:20:00-07:00';
const FIRST_LOOK_BACK_HOURS = 2;

const TARGETS = {
    intakeJobsPerSecond: 1_000,
    emptyPollMillis: 20,
    loopDelayP99Millis: 50,
    loopDelayMaxMillis: 200,
    healthMaxMillis: 200,
    repollLoopDelayMaxMillis: 50
};

// ---- what the children are asked and answer ----

export interface SimulatorRequest {
    /** The store's clock at start; the real clock when absent. */
    readonly now?: string;
    /** When the first order was created; absent: `spanMs` plus a minute before the store's start. */
    readonly firstOrderAt?: string;
    readonly spanMs: number;
    readonly orders: number;
    readonly linesPerOrder: number;
}

export type SimulatorCommand = { readonly kind: 'stop' };

export interface SimulatorReady {
    readonly kind: 'ready';
    readonly url: string;
    readonly orderToken: string;
    readonly timeZone: string;
    readonly orders: number;
    readonly lineItems: number;
    readonly printableLineItems: number;
    readonly placeMillis: number;
}

export interface IntakeChildRequest {
    readonly url: string;
    readonly orderToken: string;
    readonly timeZone: string;
    readonly folder: string;
    readonly pollAt: string;
    readonly firstLookBackHours: number;
    readonly orders: number;
    readonly lineItems: number;
    readonly runs: number;
    readonly warmUpPolls: number;
    readonly emptyPolls: number;
    readonly repolls: number;
}

/** A poll of the window already taken in, unchanged. */
export interface RepollRun {
    readonly millis: number;
    /** Main-thread busy time during the poll (event loop utilization). */
    readonly busyMillis: number;
    readonly loopDelayMaxMillis: number;
    /** Store writes by collection. */
    readonly writes: Readonly<Record<string, number>>;
    /** The simulator's own time for its answer (its request log). */
    readonly storeAnswerMillis: number;
}

/** One poll of the whole window, milliseconds. */
export interface IntakePollRun {
    readonly totalMillis: number;
    /** MarcomCentralConnectionType.fetchOrdersKnowing: the SOAP call, the XML parse, mapping and validation (the first orders are written meanwhile). */
    readonly fetchMillis: number;
    /** OrderIntake's window: from the first orders handed over to the last written durably, jobs built (overlapping the fetch). */
    readonly intakeMillis: number;
    /** The part of intakeMillis after the fetch had ended: the writes left once the answer was read. */
    readonly writesAfterFetchMillis: number;
    /** The simulator's own time for the answer (its request log), part of fetchMillis. */
    readonly storeAnswerMillis: number;
    readonly orders: number;
    readonly jobs: number;
}

export interface BaselineRun {
    readonly millis: number;
    readonly orders: number;
    readonly jobs: number;
}

export interface IntakeChildResult {
    readonly runs: IntakePollRun[];
    readonly baselines: BaselineRun[];
    readonly repolls: RepollRun[];
    readonly emptyPollMillis: number[];
    readonly emptyRoundTripMillis: number[];
    readonly responseBytes: number;
    readonly xmlParseMillis: number;
    readonly mappingMillis: number;
}

// ---- results ----

export interface Spread {
    readonly samples: number;
    readonly p50: number;
    readonly p95: number;
    readonly max: number;
}

export interface IntakeCheck {
    readonly name: string;
    readonly target: string;
    readonly actual: number;
    readonly unit: string;
    readonly met: boolean;
}

export interface IntakeResults {
    readonly startedAt: string;
    /** Intake as a shop sees it: the real server, its engine and fetcher running (served/served-intake.ts). */
    readonly served: ServedIntakeResults;
    /** `/health` → every job listed, ms, in each served run (the first is `served`'s), and their median. */
    readonly servedRuns: { readonly millis: readonly number[]; readonly medianMillis: number; readonly medianJobsPerSecond: number };
    readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number };
    readonly orders: number;
    readonly lineItems: number;
    readonly printableLineItems: number;
    readonly placeMillis: number;
    readonly runs: readonly IntakePollRun[];
    readonly baselines: readonly BaselineRun[];
    readonly repolls: readonly RepollRun[];
    /** The run with the median total time, split into its parts. */
    readonly poll: {
        readonly totalMillis: number;
        readonly jobsPerSecond: number;
        readonly fetchMillis: number;
        readonly storeAnswerMillis: number;
        readonly clientFetchMillis: number;
        readonly intakeMillis: number;
        readonly intakeJobsPerSecond: number;
        readonly writesAfterFetchMillis: number;
        readonly bookkeepingMillis: number;
    };
    readonly baseline: { readonly millis: number; readonly jobsPerSecond: number };
    readonly ratios: {
        /** End-to-end jobs/s over the store's own bulk-write jobs/s. */
        readonly endToEndToBaseline: number;
        /** Intake-phase jobs/s over the store's own bulk-write jobs/s. */
        readonly intakeToBaseline: number;
    };
    readonly emptyPoll: Spread;
    readonly emptyRoundTrip: Spread;
    readonly response: {
        readonly bytes: number;
        readonly bytesPerOrder: number;
        readonly xmlParseMillis: number;
        readonly mappingMillis: number;
        readonly clientLimitBytes: number;
        /** How many such orders one window can hold before the client refuses the answer as too large. */
        readonly ordersPerWindowAtLimit: number;
    };
    readonly checks: readonly IntakeCheck[];
}

export async function runIntakeBenchmark(workFolder: string, progress: (message: string) => void): Promise<IntakeResults> {
    const startedAt = new Date().toISOString();
    const served = await runServedIntake(workFolder, progress);
    const servedMillis = [served.intake.millis, ...await timeServedIntakes(workFolder, SERVED_RUNS - 1, progress)];
    progress(`phase alone: starting a simulator and placing ${ORDERS.toLocaleString('en-US')} orders of ${LINES_PER_ORDER} line items`);
    const simulatorRequest: SimulatorRequest = { now: STORE_NOW, firstOrderAt: FIRST_ORDER_AT, spanMs: ORDER_SPAN_MS, orders: ORDERS, linesPerOrder: LINES_PER_ORDER };
    const simulator = forkChild('simulator-child.js', simulatorRequest);
    try {
        const ready = await nextMessage<SimulatorReady>(simulator, 'simulator-child.js');
        progress(`polling the whole window into a fresh store, ${RUNS} times; then the store alone; then ${EMPTY_POLLS} empty polls`);
        const measured = await runChild<IntakeChildResult>('intake-child.js', {
            url: ready.url, orderToken: ready.orderToken, timeZone: ready.timeZone,
            folder: path.join(workFolder, 'intake'), pollAt: POLL_AT, firstLookBackHours: FIRST_LOOK_BACK_HOURS,
            orders: ready.orders, lineItems: ready.lineItems, runs: RUNS, warmUpPolls: WARM_UP_POLLS, emptyPolls: EMPTY_POLLS, repolls: REPOLLS
        } satisfies IntakeChildRequest);
        return summarize(startedAt, served, servedMillis, ready, measured);
    } finally {
        if (simulator.connected) {
            const exited = new Promise(resolve => simulator.once('exit', resolve));
            simulator.send({ kind: 'stop' } satisfies SimulatorCommand);
            await exited;
        }
    }
}

function summarize(startedAt: string, served: ServedIntakeResults, servedMillis: readonly number[], ready: SimulatorReady, measured: IntakeChildResult): IntakeResults {
    const servedMedianMillis = summarizeMillis(servedMillis).p50;
    const servedRuns = { millis: servedMillis, medianMillis: servedMedianMillis, medianJobsPerSecond: served.lineItems / (servedMedianMillis / 1000) };
    const byTotal = [...measured.runs].sort((a, b) => a.totalMillis - b.totalMillis);
    const median = byTotal[Math.floor(byTotal.length / 2)];
    const baselineMillis = [...measured.baselines].map(run => run.millis).sort((a, b) => a - b)[Math.floor(measured.baselines.length / 2)];
    const jobs = median.jobs;
    const perSecond = (millis: number): number => jobs / (millis / 1000);
    const poll = {
        totalMillis: median.totalMillis,
        jobsPerSecond: perSecond(median.totalMillis),
        fetchMillis: median.fetchMillis,
        storeAnswerMillis: median.storeAnswerMillis,
        clientFetchMillis: median.fetchMillis - median.storeAnswerMillis,
        intakeMillis: median.intakeMillis,
        intakeJobsPerSecond: perSecond(median.intakeMillis),
        writesAfterFetchMillis: median.writesAfterFetchMillis,
        bookkeepingMillis: median.totalMillis - median.fetchMillis - median.writesAfterFetchMillis
    };
    const baseline = { millis: baselineMillis, jobsPerSecond: perSecond(baselineMillis) };
    const emptyPoll = spread(measured.emptyPollMillis);
    const bytesPerOrder = measured.responseBytes / ready.orders;
    return {
        startedAt,
        served,
        servedRuns,
        environment: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length },
        orders: ready.orders,
        lineItems: ready.lineItems,
        printableLineItems: ready.printableLineItems,
        placeMillis: ready.placeMillis,
        runs: measured.runs,
        baselines: measured.baselines,
        repolls: measured.repolls,
        poll,
        baseline,
        ratios: { endToEndToBaseline: poll.jobsPerSecond / baseline.jobsPerSecond, intakeToBaseline: poll.intakeJobsPerSecond / baseline.jobsPerSecond },
        emptyPoll,
        emptyRoundTrip: spread(measured.emptyRoundTripMillis),
        response: {
            bytes: measured.responseBytes,
            bytesPerOrder,
            xmlParseMillis: measured.xmlParseMillis,
            mappingMillis: measured.mappingMillis,
            clientLimitBytes: DEFAULT_MAX_RESPONSE_BYTES,
            ordersPerWindowAtLimit: Math.floor(DEFAULT_MAX_RESPONSE_BYTES / bytesPerOrder)
        },
        checks: [
            atLeast(`served: /health → all jobs listed, median of ${servedMillis.length} runs`, servedRuns.medianJobsPerSecond, TARGETS.intakeJobsPerSecond, 'jobs/s'),
            below('served: event loop delay p99 during intake', served.intake.loopDelay.p99, TARGETS.loopDelayP99Millis, 'ms'),
            below('served: event loop delay max during intake', served.intake.loopDelay.max, TARGETS.loopDelayMaxMillis, 'ms'),
            below('served: /health (every 100 ms) max during intake', served.intake.health.max, TARGETS.healthMaxMillis, 'ms'),
            below('served: event loop delay max during re-polls', served.repoll.loopDelay.max, TARGETS.repollLoopDelayMaxMillis, 'ms'),
            below('phase alone: event loop delay max during a re-poll of the unchanged window', worst(measured.repolls, run => run.loopDelayMaxMillis), TARGETS.repollLoopDelayMaxMillis, 'ms'),
            below('phase alone: order writes during a re-poll of the unchanged window', worst(measured.repolls, run => run.writes.orders ?? 0), 1, 'writes'),
            atLeast('phase alone: one poll, median run', poll.jobsPerSecond, TARGETS.intakeJobsPerSecond, 'jobs/s'),
            below('empty poll, median', emptyPoll.p50, TARGETS.emptyPollMillis, 'ms'),
            below('empty poll, p95', emptyPoll.p95, TARGETS.emptyPollMillis, 'ms')
        ]
    };
}

function spread(millis: readonly number[]): Spread {
    const sorted = [...millis].sort((a, b) => a - b);
    return { samples: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
}

function atLeast(name: string, actual: number, limit: number, unit: string): IntakeCheck {
    return { name, target: `≥ ${number(limit, 0)} ${unit}`, actual, unit, met: actual >= limit };
}

function below(name: string, actual: number, limit: number, unit: string): IntakeCheck {
    return { name, target: `< ${number(limit, 0)} ${unit}`, actual, unit, met: actual < limit };
}

// ---- report ----

const number = (value: number, digits = 2): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatIntakeReport(results: IntakeResults): string {
    const { poll, baseline, ratios, emptyPoll, emptyRoundTrip, response } = results;
    const share = (millis: number): string => `${number(100 * millis / poll.totalMillis, 0)} %`;
    const rate = (millis: number): string => number(results.lineItems / (millis / 1000), 0);
    return [
        ...formatServedReport(results),
        `Phase alone: one poll of ${number(results.orders, 0)} orders / ${number(results.lineItems, 0)} line items `
        + `(${number(results.printableLineItems, 0)} printable) from the simulator into a fresh durable store (median of ${results.runs.length} runs)`,
        table(['part', 'ms', 'share', 'jobs/s'], [
            ['phase alone: poll, end to end', number(poll.totalMillis, 0), '100 %', rate(poll.totalMillis)],
            ['  fetch + parse (GetOrdersByDate → orders; the first written meanwhile)', number(poll.fetchMillis, 0), share(poll.fetchMillis), rate(poll.fetchMillis)],
            ['    of which the store building its answer', number(poll.storeAnswerMillis, 0), share(poll.storeAnswerMillis), ''],
            ['    of which transfer, XML parse, mapping, validation', number(poll.clientFetchMillis, 0), share(poll.clientFetchMillis), ''],
            ['  writes left once the answer was read', number(poll.writesAfterFetchMillis, 0), share(poll.writesAfterFetchMillis), ''],
            ['  (intake: first order handed over → last written, jobs built, one durable write per order; overlaps the fetch)', number(poll.intakeMillis, 0), '', rate(poll.intakeMillis)],
            ['  poll bookkeeping (state and log)', number(poll.bookkeepingMillis, 0), share(poll.bookkeepingMillis), ''],
            ['baseline: store.create of the same documents, sequential', number(baseline.millis, 0), '', rate(baseline.millis)]
        ]),
        `  runs (total ms): ${results.runs.map(run => number(run.totalMillis, 0)).join(', ')}; baseline runs (ms): ${results.baselines.map(run => number(run.millis, 0)).join(', ')}`,
        `  intake / baseline: end to end ${number(ratios.endToEndToBaseline)} ×, intake phase ${number(ratios.intakeToBaseline)} ×`,
        `  answer: ${number(response.bytes / 1048576, 1)} MB (${number(response.bytesPerOrder, 0)} bytes an order); client XML parse ${number(response.xmlParseMillis, 0)} ms, `
        + `mapping + validation ${number(response.mappingMillis, 0)} ms; the client's ${number(response.clientLimitBytes / 1048576, 0)} MB limit is reached at about `
        + `${number(response.ordersPerWindowAtLimit, 0)} such orders in one window`,
        '',
        `Empty poll over loopback (${emptyPoll.samples} polls after ${WARM_UP_POLLS} to warm up; the store holds ${number(results.orders, 0)} orders), ms`,
        table(['', 'p50', 'p95', 'max', 'n'], [
            ['poll, end to end (fetch, intake of nothing, state and log written)', number(emptyPoll.p50), number(emptyPoll.p95), number(emptyPoll.max), String(emptyPoll.samples)],
            ['GetOrdersByDate round trip alone', number(emptyRoundTrip.p50), number(emptyRoundTrip.p95), number(emptyRoundTrip.max), String(emptyRoundTrip.samples)]
        ]),
        '',
        'Targets',
        table(['check', 'target', 'actual', ''], results.checks.map(check => [
            check.name, check.target, `${number(check.actual, check.unit === 'ms' ? 1 : 0)} ${check.unit}`, check.met ? 'met' : 'MISSED'
        ])),
        ''
    ].join('\n');
}

function worst<T>(items: readonly T[], figure: (item: T) => number): number {
    return Math.max(...items.map(figure));
}

function formatServedReport(results: IntakeResults): string[] {
    const { served, baseline } = results;
    const { intake, repoll } = served;
    const rate = (millis: number): string => number(served.lineItems / (millis / 1000), 0);
    const delays = (label: string, figures: { p50: number, p99: number, max: number }, extra = ''): string[] =>
        [label, number(figures.p50, 1), number(figures.p99, 1), number(figures.max, 1), extra];
    const writes = (counts: Readonly<Record<string, number>>, per = 1): string =>
        Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)).map(([collection, count]) => `${collection} ${number(count / per, 1)}`).join(', ') || 'none';
    return [
        `Order intake as a shop sees it: the real server (npm start: engine, print-file fetcher, HTTP server, change feed), `
        + `provisioned to a simulator holding ${number(served.orders, 0)} orders / ${number(served.lineItems, 0)} line items `
        + `(${number(served.printableLineItems, 0)} with print files), polling every second; started in ${number(served.startMillis / 1000, 1)} s`,
        table(['', 'ms', 'jobs/s'], [
            ['/health answering → read API lists every job', number(intake.millis, 0), rate(intake.millis)],
            [`the same, median of ${results.servedRuns.millis.length} served runs (runs: ${results.servedRuns.millis.map(millis => number(millis, 0)).join(', ')} ms)`,
                number(results.servedRuns.medianMillis, 0), rate(results.servedRuns.medianMillis)],
            ['baseline: store.create of the same documents, sequential (phase-alone child)', number(baseline.millis, 0), rate(baseline.millis)],
            ['phase alone: one poll into a fresh store (no engine, fetcher or HTTP server), median', number(results.poll.totalMillis, 0), rate(results.poll.totalMillis)]
        ]),
        `  the read API was read every 500 ms (GET /api/v1/jobs, pages of ${number(LARGEST_JOBS_PAGE, 0)}, an API token), ${intake.listings} times; server main thread busy ${number(100 * intake.busyShare, 0)} % meanwhile`
        + (intake.scheduling ? ` (on a CPU ${number(100 * intake.scheduling.onCpuShare, 0)} %, ready but waiting for a CPU ${number(100 * intake.scheduling.runQueueShare, 0)} %)` : '')
        + `; store writes: ${writes(intake.writes)}`,
        `  one more full listing right after, while the engine and the fetcher still work: ${number(intake.listingAfter.largestPagesMillis, 0)} ms in pages of ${number(LARGEST_JOBS_PAGE, 0)}, `
        + `${number(intake.listingAfter.defaultPagesMillis, 0)} ms in pages of ${DEFAULT_JOBS_PAGE} (the API's default: ${number(Math.ceil(served.lineItems / DEFAULT_JOBS_PAGE), 0)} requests)`,
        '',
        '  Server event loop and /health (ms)',
        table(['', 'p50', 'p99', 'max', ''], [
            delays('event loop delay during intake (monitorEventLoopDelay)', intake.loopDelay, `${intake.loopDelay.samples} samples`),
            delays('/health probed every 100 ms from outside, during intake', { ...intake.health }, `${intake.health.samples} probes`),
            delays('event loop delay during re-polls of the unchanged window', repoll.loopDelay, `${repoll.loopDelay.samples} samples`),
            delays('/health probed every 100 ms, during re-polls', { ...repoll.health }, `${repoll.health.samples} probes`)
        ]),
        '',
        `  Re-polls of the unchanged window of ${number(served.orders, 0)} orders in the server: ${repoll.polls} polls in ${number(repoll.seconds, 1)} s`
        + ` (after ${number(served.settle.millis / 1000, 1)} s waiting for the server to settle${served.settle.settled ? '' : ', which it did NOT: the engine was still moving jobs'});`
        + ` main thread busy ${number(repoll.busyMillisPerPoll, 0)} ms a poll (all its work / polls); store writes a poll: ${writes(repoll.writes, Math.max(1, repoll.polls))}`,
        '',
        `  Re-polls of the unchanged window of ${number(served.orders, 0)} orders, phase alone (${results.repolls.length} polls, the worst shown)`,
        table(['', 'ms', 'baseline ms'], [
            ['main-thread busy (event loop utilization) vs the simulator building its answer', number(worst(results.repolls, run => run.busyMillis), 1),
                number(worst(results.repolls, run => run.storeAnswerMillis), 1)],
            ['longest event loop delay', number(worst(results.repolls, run => run.loopDelayMaxMillis), 1), ''],
            ['poll, end to end', number(worst(results.repolls, run => run.millis), 0), ''],
            [`store writes: ${writes(results.repolls[results.repolls.length - 1]?.writes ?? {})} vs store.create of the same documents`, '', number(baseline.millis, 0)]
        ]),
        ''
    ];
}

/** Left-aligns the first column and right-aligns the others. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    const line = (cells: readonly string[]): string =>
        '  ' + cells.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join('   ');
    return [line(header), line(widths.map(width => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
