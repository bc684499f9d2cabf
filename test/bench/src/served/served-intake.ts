import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ordersByDateRequest } from '@presswork/connections/lib/node/marcomcentral/query-requests';
import { buildSoapRequest } from '@presswork/connections/lib/node/marcomcentral/soap-envelope';
import type { ChildProcess } from 'node:child_process';
import { forkChild, nextMessage } from '../child-process';
import type { SimulatorCommand, SimulatorReady, SimulatorRequest } from '../intake-benchmark';
import { LoadServer } from '../load/load-server';
import { LatencySummary, summarize, timeMillis } from '../statistics';
import type { ProbeFigures } from './backend-probe';
import { DEFAULT_JOBS_PAGE, LARGEST_JOBS_PAGE } from '@presswork/jobs/lib/node/api/read-api-query';
import { issueApiToken, listJobs } from './read-api-client';

/**
 * Intake as a shop sees it: the real backend, started as `npm start` starts it (engine, print-file
 * fetcher, HTTP server and change feed running), provisioned from the environment to a simulator
 * (in its own process) that holds the orders, polled every second. Measures, from `/health`
 * answering, the time until the read API lists every job; the server's event loop delay and main
 * thread meanwhile (a probe loaded into the backend, served/backend-probe.ts); `/health` probed
 * from outside every 100 ms; then re-polls of the unchanged window once the server is quiet.
 *
 * The orders were created over the 10 minutes before the store starts, so every later poll's
 * overlap (15 minutes) reads all of them again.
 */

const ORDERS = 2_000;
const LINES_PER_ORDER = 3;
const ORDER_SPAN_MS = 10 * 60_000;
const POLL_SECONDS = 1;
const HEALTH_PROBE_MS = 100;
const LISTING_PAUSE_MS = 500;
const INTAKE_TIMEOUT_MS = 120_000;
/**
 * How long the server may take to settle before the re-polls are measured: after intake, the
 * print-file fetcher and the engine move the new jobs on for a while.
 */
const QUIET_TIMEOUT_MS = 120_000;
/** Seconds in a row without an order written that count as settled. */
const QUIET_SECONDS = 3;
/** Long enough for a few re-polls: each reads the 2,000 orders' window again. */
const REPOLL_MEASURE_MS = 12_000;
const WINDOW_ANSWERS = 3;
const ADMIN_PASSWORD = 'Served-bench-1';
const PROBE_SCRIPT = path.join(__dirname, 'backend-probe.js');

export interface ServedIntakeResults {
    readonly orders: number;
    readonly lineItems: number;
    readonly printableLineItems: number;
    /** From spawning `npm start`'s script to `/health` answering. */
    readonly startMillis: number;
    readonly intake: {
        /** From `/health` answering to the read API listing every job. */
        readonly millis: number;
        readonly jobsPerSecond: number;
        /** Of the server's own event loop, ms. */
        readonly loopDelay: ProbeFigures['loopDelay'];
        /** Share of the time the server's main thread was busy. */
        readonly busyShare: number;
        /** Shares of the time the main thread ran on a CPU, and waited ready for one (Linux only). */
        readonly scheduling?: { readonly onCpuShare: number; readonly runQueueShare: number };
        readonly writes: Readonly<Record<string, number>>;
        /** `/health` from outside, every 100 ms. */
        readonly health: LatencySummary;
        readonly listings: number;
        /**
         * One more full listing right after the intake's last, while the engine and the fetcher are
         * still busy: in the largest pages (as the intake's listings) and in the default ones (what a
         * client that names no page size gets), ms.
         */
        readonly listingAfter: { readonly largestPagesMillis: number; readonly defaultPagesMillis: number };
    };
    /** Waiting for the server to settle before the re-polls, ms; `settled` false when it did not within the limit. */
    readonly settle: { readonly millis: number; readonly settled: boolean };
    readonly repoll: {
        readonly polls: number;
        readonly seconds: number;
        /** All main-thread work in the interval, divided among the polls: an upper bound for one poll. */
        readonly busyMillisPerPoll: number;
        readonly loopDelay: ProbeFigures['loopDelay'];
        readonly writes: Readonly<Record<string, number>>;
        readonly health: LatencySummary;
    };
    /** The simulator handing over the window of every order to a bare HTTP client (median of a few). */
    readonly windowAnswerMillis: number;
    readonly windowAnswerBytes: number;
}

export async function runServedIntake(workFolder: string, progress: (message: string) => void): Promise<ServedIntakeResults> {
    progress(`served intake: a simulator (real clock) with ${ORDERS.toLocaleString('en-US')} orders of ${LINES_PER_ORDER} line items from the last ${ORDER_SPAN_MS / 60_000} minutes`);
    const simulator = forkStore();
    const dataFolder = path.join(workFolder, 'served-intake');
    const probeFile = path.join(workFolder, 'served-intake-probe.jsonl');
    let server: LoadServer | undefined;
    try {
        const store = await nextMessage<SimulatorReady>(simulator, 'simulator-child.js');
        progress('starting Presswork as npm start does, provisioned to the simulator, polling every second');
        const spawned = performance.now();
        server = await startServer(dataFolder, store, {
            PRESSWORK_BENCH_PROBE_FILE: probeFile,
            NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${PROBE_SCRIPT}`].filter(Boolean).join(' ')
        });
        const healthyAt = performance.now();
        const probe = new BackendProbe(await server.backendPid(), probeFile);
        await probe.start();
        const health = new HealthProbe(server.url);
        const token = await issueApiToken(server.url, ADMIN_PASSWORD, 'served intake benchmark');

        progress(`waiting for the read API to list all ${store.lineItems.toLocaleString('en-US')} jobs`);
        const { millis: intakeMillis, listings } = await untilAllListed(server.url, token, store.lineItems, healthyAt, progress).catch(async error => {
            await probe.take(); // ends a profile, if one is taken
            throw error;
        });
        const intakeFigures = await probe.take();
        const intakeHealth = health.take();
        const { url } = server;
        const listingMillis = (pageSize: number): Promise<number> => timeMillis(async () => void await listJobs(url, token, pageSize));
        const defaultPagesMillis = await listingMillis(DEFAULT_JOBS_PAGE);
        const largestPagesMillis = await listingMillis(LARGEST_JOBS_PAGE);
        const intakeWindowMillis = intakeFigures.busyMillis + intakeFigures.idleMillis;

        progress('waiting for the server to settle, then measuring re-polls of the unchanged window');
        const settleStarted = performance.now();
        let quietSeconds = 0;
        while (quietSeconds < QUIET_SECONDS && performance.now() - settleStarted < QUIET_TIMEOUT_MS) {
            await delay(1_000);
            const figures = await probe.take();
            quietSeconds = (figures.writes.orders ?? 0) === 0 ? quietSeconds + 1 : 0;
            if (process.env.PRESSWORK_BENCH_VERBOSE) {
                progress(`settling, ${((performance.now() - settleStarted) / 1000).toFixed(0)} s: ${JSON.stringify(figures.writes)}`);
            }
        }
        const settled = quietSeconds === QUIET_SECONDS;
        const settleMillis = performance.now() - settleStarted;
        health.take();
        const repollStarted = performance.now();
        await delay(REPOLL_MEASURE_MS);
        const repollFigures = await probe.take();
        const repollSeconds = (performance.now() - repollStarted) / 1000;
        const repollHealth = health.take();
        health.stop();

        const window = { start: new Date(Date.now() - ORDER_SPAN_MS - 5 * 60_000).toISOString(), end: new Date().toISOString() };
        const answers = await windowAnswers(store, window);
        const polls = repollFigures.writes['connection-states'] ?? 0;
        return {
            orders: store.orders,
            lineItems: store.lineItems,
            printableLineItems: store.printableLineItems,
            startMillis: healthyAt - spawned,
            intake: {
                millis: intakeMillis,
                jobsPerSecond: store.lineItems / (intakeMillis / 1000),
                loopDelay: intakeFigures.loopDelay,
                busyShare: intakeFigures.busyMillis / intakeWindowMillis,
                scheduling: intakeFigures.scheduling && {
                    onCpuShare: intakeFigures.scheduling.onCpuMillis / intakeWindowMillis,
                    runQueueShare: intakeFigures.scheduling.runQueueMillis / intakeWindowMillis
                },
                writes: intakeFigures.writes,
                health: intakeHealth,
                listings,
                listingAfter: { largestPagesMillis, defaultPagesMillis }
            },
            settle: { millis: settleMillis, settled },
            repoll: {
                polls,
                seconds: repollSeconds,
                busyMillisPerPoll: repollFigures.busyMillis / Math.max(1, polls),
                loopDelay: repollFigures.loopDelay,
                writes: repollFigures.writes,
                health: repollHealth
            },
            windowAnswerMillis: answers.millis,
            windowAnswerBytes: answers.bytes
        };
    } catch (error) {
        if (server) {
            console.error(server.recentOutput.slice(-3000));
        }
        throw error;
    } finally {
        await server?.stop();
        await stopStore(simulator);
        if (!process.env.PRESSWORK_BENCH_KEEP_DATA) {
            await fs.rm(dataFolder, { recursive: true, force: true });
        }
    }
}

/**
 * The intake alone, `runs` times more, each with a new simulator and a new server: from `/health`
 * to the read API listing every job, ms. One run of a few seconds on a shared machine scatters
 * by a fifth and more either way; several give its spread and a median.
 */
export async function timeServedIntakes(workFolder: string, runs: number, progress: (message: string) => void): Promise<number[]> {
    const millis: number[] = [];
    for (let run = 1; run <= runs; run++) {
        progress(`served intake again (${run} of ${runs}): a new simulator and a new server, timed to the last job listed`);
        const simulator = forkStore();
        const dataFolder = path.join(workFolder, `served-intake-${run}`);
        let server: LoadServer | undefined;
        try {
            const store = await nextMessage<SimulatorReady>(simulator, 'simulator-child.js');
            server = await startServer(dataFolder, store, {});
            const healthyAt = performance.now();
            const token = await issueApiToken(server.url, ADMIN_PASSWORD, 'served intake benchmark');
            millis.push((await untilAllListed(server.url, token, store.lineItems, healthyAt, progress)).millis);
        } finally {
            await server?.stop();
            await stopStore(simulator);
            await fs.rm(dataFolder, { recursive: true, force: true });
        }
    }
    return millis;
}

function forkStore(): ChildProcess {
    return forkChild('simulator-child.js', { spanMs: ORDER_SPAN_MS, orders: ORDERS, linesPerOrder: LINES_PER_ORDER } satisfies SimulatorRequest);
}

async function stopStore(simulator: ChildProcess): Promise<void> {
    if (simulator.connected) {
        const exited = new Promise(resolve => simulator.once('exit', resolve));
        simulator.send({ kind: 'stop' } satisfies SimulatorCommand);
        await exited;
    }
}

/** Presswork as `npm start` starts it, provisioned from the environment to the simulator. */
function startServer(dataFolder: string, store: SimulatorReady, settings: Readonly<Record<string, string>>): Promise<LoadServer> {
    return LoadServer.start(dataFolder, {
        PRESSWORK_DEMO: '0', PRESSWORK_ADMIN_PASSWORD: ADMIN_PASSWORD,
        PRESSWORK_MARCOM_URL: store.url, PRESSWORK_MARCOM_TOKEN: store.orderToken, PRESSWORK_MARCOM_TIMEZONE: store.timeZone,
        PRESSWORK_MARCOM_POLL_SECONDS: String(POLL_SECONDS),
        ...settings
    });
}

/** Reads the read API every LISTING_PAUSE_MS until it lists `jobs` jobs: the time from `healthyAt`, and how many listings it took. */
async function untilAllListed(url: string, token: string, jobs: number, healthyAt: number, progress: (message: string) => void): Promise<{ millis: number; listings: number }> {
    let listings = 0;
    for (let listed = 0; listed < jobs; listings++) {
        if (performance.now() - healthyAt > INTAKE_TIMEOUT_MS) {
            throw new Error(`the read API listed ${listed} of ${jobs} jobs after ${INTAKE_TIMEOUT_MS / 1000} s`);
        }
        if (listings > 0) {
            await delay(LISTING_PAUSE_MS);
        }
        listed = (await listJobs(url, token)).length;
        if (process.env.PRESSWORK_BENCH_VERBOSE) {
            progress(`${((performance.now() - healthyAt) / 1000).toFixed(1)} s: ${listed} jobs listed`);
        }
    }
    return { millis: performance.now() - healthyAt, listings };
}

/** The window of every order asked for with a bare HTTP client: the store's own time to hand it over. */
async function windowAnswers(store: SimulatorReady, window: { start: string; end: string }): Promise<{ millis: number; bytes: number }> {
    const soap = buildSoapRequest('Order', 'GetOrdersByDate', ordersByDateRequest(store.orderToken, window, store.timeZone));
    const millis: number[] = [];
    let bytes = 0;
    for (let answer = 0; answer < WINDOW_ANSWERS; answer++) {
        millis.push(await timeMillis(async () => {
            const response = await fetch(`${store.url}/TRANS/1.0/Order.asmx`, { method: 'POST', headers: { ...soap.headers }, body: soap.body });
            bytes = (await response.arrayBuffer()).byteLength;
        }));
    }
    return { millis: summarize(millis).p50, bytes };
}

/** The figures of the probe inside the backend: each `take` covers the time since the previous one. */
class BackendProbe {
    protected lines = 0;

    constructor(protected readonly pid: number, protected readonly file: string) { }

    /** Starts the count (the probe answers the first signal with nothing). */
    async start(): Promise<void> {
        process.kill(this.pid, 'SIGUSR2');
        await delay(50);
    }

    async take(): Promise<ProbeFigures> {
        process.kill(this.pid, 'SIGUSR2');
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
            const lines = (await fs.readFile(this.file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
            if (lines.length > this.lines) {
                this.lines = lines.length;
                return JSON.parse(lines[lines.length - 1]) as ProbeFigures;
            }
            await delay(20);
        }
        throw new Error('the probe inside the backend did not answer within 30 s');
    }
}

/** `GET /health` every 100 ms, as an outside check would, each on its own (a slow one does not hold the next). */
class HealthProbe {
    protected millis: number[] = [];
    protected readonly timer: NodeJS.Timeout;
    protected failures = 0;

    constructor(url: string) {
        this.timer = setInterval(() => {
            const sent = performance.now();
            fetch(`${url}/health`).then(response => response.arrayBuffer()).then(
                () => this.millis.push(performance.now() - sent),
                () => this.failures++);
        }, HEALTH_PROBE_MS);
    }

    /** The latencies since the previous take. */
    take(): LatencySummary {
        if (this.failures > 0) {
            throw new Error(`${this.failures} /health probes failed`);
        }
        const taken = this.millis;
        this.millis = [];
        return summarize(taken);
    }

    stop(): void {
        clearInterval(this.timer);
    }
}
