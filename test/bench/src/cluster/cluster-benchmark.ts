import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DocumentCollection, DocumentStore, FileDocumentStore, OrdersCollection, PLATFORM_COLLECTIONS, WorkflowsCollection } from '@presswork/platform/lib/node/store';
import { PostgresTestServer } from '@presswork/platform/lib/node/test/postgres-test-server';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { backendContainer } from '../backend-container';
import { forkChild, nextMessage, runChild } from '../child-process';
import { CountingLogger, benchOrder, benchOrderId, createPrinterAndWorkflow, engineFolders, forEachConcurrently, writeJobs } from '../engine-backend';
import type { SimulatorCommand, SimulatorReady, SimulatorRequest } from '../intake-benchmark';
import { issueApiToken, listJobs } from '../served/read-api-client';
import type { StoredDocument } from '@presswork/platform/lib/common/store-protocol';
import { percentile } from '../statistics';
import type { QueryMeasurement } from '../query-child';
import { queryRequest } from '../query-benchmark';
import { QUERY_JOBS, writeQueryStore } from '../query-fixture';
import { CLUSTER_ADMIN_PASSWORD, ServerCluster } from './cluster-servers';

/**
 * `npm run bench -- cluster` (issue 14): the real backend, as `npm start` runs it, on (a) the
 * embedded store, (b) PostgreSQL with one server, (c) PostgreSQL with two servers, all in one run:
 * intake of 2,000 orders / 6,000 line items from the simulator (from every server answering
 * `/health` to the read API listing every job), and an engine run of 10,000 Received jobs (Create
 * Job → Copy to Folder → Print to a hot folder → Remove; from the first PDF in the hot folder to the
 * last). With two servers also: the failover time from kill -9 of the server polling the store to the
 * first poll by the survivor (a `connection-states` change in the database). Then, on PostgreSQL:
 * the change feed's delay between two servers' stores (a write resolved on A until B announces it).
 * Ratios are against the embedded arm measured in the same run.
 */

const INTAKE_ORDERS = 2_000;
const LINES_PER_ORDER = 3;
const ORDER_SPAN_MS = 10 * 60_000;
const ENGINE_JOBS = 10_000;
const PRINT_FILE_BYTES = 4 * 1024;
const INTAKE_TIMEOUT_MS = 10 * 60_000;
const ENGINE_TIMEOUT_MS = 20 * 60_000;
const LISTING_PAUSE_MS = 1_000;
const FAILOVERS = 3;
const FAILOVER_TIMEOUT_MS = 60_000;
/** The lease of the failover measure: the default, as a shop runs it. */
const DEFAULT_LEASE_SECONDS = 10;
const CHANGE_SAMPLES = 200;
const CHANGE_PAUSE_MS = 20;

export const CLUSTER_TARGETS = {
    /** PostgreSQL with one server against the embedded store, intake and engine. */
    postgresToEmbedded: 0.7,
    /** Two servers against one, engine run. */
    twoServersToOne: 1.5,
    changeDelayP95Millis: 500,
    failoverMillis: 20_000
};

interface Arm {
    readonly name: string;
    readonly servers: number;
    readonly postgres: boolean;
}
const ARMS: readonly Arm[] = [
    { name: 'embedded', servers: 1, postgres: false },
    { name: 'PostgreSQL, 1 server', servers: 1, postgres: true },
    { name: 'PostgreSQL, 2 servers', servers: 2, postgres: true }
];

export interface ArmResult {
    readonly arm: string;
    readonly intake: { readonly jobs: number; readonly millis: number; readonly jobsPerSecond: number };
    readonly engine: { readonly jobs: number; readonly millis: number; readonly jobsPerSecond: number };
}

export interface ClusterResults {
    readonly arms: readonly ArmResult[];
    readonly ratios: {
        readonly intakePostgresToEmbedded: number;
        readonly enginePostgresToEmbedded: number;
        readonly engineTwoServersToOne: number;
    };
    /** From kill -9 of the polling server to the survivor's first poll, ms. */
    readonly failoverMillis: readonly number[];
    /** A write resolved on one server's store until another's announces it, ms. */
    readonly changeDelay: { readonly samples: number; readonly p50: number; readonly p95: number; readonly max: number };
    /** The All Jobs query (first page) at 100,000 jobs: the PostgreSQL store's replica against the embedded store, each after a committed change. */
    readonly query: {
        readonly jobs: number;
        readonly scenarios: readonly { readonly name: string; readonly embeddedP95: number; readonly postgresP95: number; readonly ratio: number }[];
        readonly openMillis: { readonly embedded: number; readonly postgres: number };
    };
    readonly targets: typeof CLUSTER_TARGETS;
    readonly violations: readonly string[];
}

/** `engineJobs`: fewer than the issue's 10,000 for a quicker look (`--cluster-engine-jobs=<count>`). */
export async function runClusterBenchmark(workFolder: string, progress: (message: string) => void, engineJobs = ENGINE_JOBS): Promise<ClusterResults> {
    progress(`cluster: a simulator with ${INTAKE_ORDERS.toLocaleString('en-US')} orders of ${LINES_PER_ORDER} line items; a PostgreSQL cluster of this run`);
    const simulator = forkChild('simulator-child.js', { spanMs: ORDER_SPAN_MS, orders: INTAKE_ORDERS, linesPerOrder: LINES_PER_ORDER } satisfies SimulatorRequest);
    const postgres = await PostgresTestServer.start({ settings: { max_connections: '200' } });
    try {
        const store = await nextMessage<SimulatorReady>(simulator, 'simulator-child.js');
        const arms: ArmResult[] = [];
        let failoverMillis: number[] = [];
        for (const arm of ARMS) {
            const databaseUrl = arm.postgres ? await postgres.createDatabase() : undefined;
            const intake = await measureIntake(path.join(workFolder, `cluster-intake-${arms.length}`), arm, store, databaseUrl, progress, async cluster => {
                if (arm.servers > 1) {
                    failoverMillis = await measureFailovers(cluster, postgres, databaseUrl!, progress);
                }
            });
            const engine = await measureEngine(path.join(workFolder, `cluster-engine-${arms.length}`), arm, engineJobs, arm.postgres ? await postgres.createDatabase() : undefined, progress);
            arms.push({ arm: arm.name, intake, engine });
        }
        const changeDelay = await measureChangeDelay(workFolder, await postgres.createDatabase(), progress);
        const query = await measureQuery(workFolder, await postgres.createDatabase(), progress);
        const [embedded, one, two] = arms;
        const ratios = {
            intakePostgresToEmbedded: one.intake.jobsPerSecond / embedded.intake.jobsPerSecond,
            enginePostgresToEmbedded: one.engine.jobsPerSecond / embedded.engine.jobsPerSecond,
            engineTwoServersToOne: two.engine.jobsPerSecond / one.engine.jobsPerSecond
        };
        const violations = [
            ...(ratios.intakePostgresToEmbedded < CLUSTER_TARGETS.postgresToEmbedded ? [`PostgreSQL intake is ${ratios.intakePostgresToEmbedded.toFixed(2)}× the embedded store's`] : []),
            ...(ratios.enginePostgresToEmbedded < CLUSTER_TARGETS.postgresToEmbedded ? [`the PostgreSQL engine run is ${ratios.enginePostgresToEmbedded.toFixed(2)}× the embedded store's`] : []),
            ...(ratios.engineTwoServersToOne < CLUSTER_TARGETS.twoServersToOne ? [`two servers run the engine at ${ratios.engineTwoServersToOne.toFixed(2)}× one`] : []),
            ...(changeDelay.p95 >= CLUSTER_TARGETS.changeDelayP95Millis ? [`the cross-server change delay p95 is ${changeDelay.p95.toFixed(0)} ms`] : []),
            ...failoverMillis.filter(millis => millis >= CLUSTER_TARGETS.failoverMillis).map(millis => `a failover took ${(millis / 1000).toFixed(1)} s`)
        ];
        return { arms, ratios, failoverMillis, changeDelay, query, targets: CLUSTER_TARGETS, violations };
    } finally {
        await postgres.stop();
        if (simulator.connected) {
            const exited = new Promise(resolve => simulator.once('exit', resolve));
            simulator.send({ kind: 'stop' } satisfies SimulatorCommand);
            await exited;
        }
    }
}

/** The arm's servers on a fresh data folder (and database) polling the simulator every second, until the read API lists every job. */
async function measureIntake(
    dataFolder: string, arm: Arm, store: SimulatorReady, databaseUrl: string | undefined, progress: (message: string) => void,
    afterwards: (cluster: ServerCluster) => Promise<void>
): Promise<ArmResult['intake']> {
    progress(`cluster intake, ${arm.name}`);
    const cluster = await ServerCluster.start({
        dataFolder, databaseUrl, leaseSeconds: DEFAULT_LEASE_SECONDS, settings: {
            PRESSWORK_MARCOM_URL: store.url, PRESSWORK_MARCOM_TOKEN: store.orderToken, PRESSWORK_MARCOM_TIMEZONE: store.timeZone, PRESSWORK_MARCOM_POLL_SECONDS: '1'
        }
    }, arm.servers);
    try {
        const started = performance.now();
        const url = cluster.liveUrls()[0];
        const token = await issueApiToken(url, CLUSTER_ADMIN_PASSWORD, 'cluster benchmark');
        let listed = 0;
        while (listed < store.lineItems) {
            if (performance.now() - started > INTAKE_TIMEOUT_MS) {
                throw new Error(`${arm.name}: the read API listed ${listed} of ${store.lineItems} jobs after ${INTAKE_TIMEOUT_MS / 1000} s`);
            }
            await delay(LISTING_PAUSE_MS);
            // A listing refused by a busy server (a connection reset) is asked again at the next turn.
            listed = await listJobs(url, token).then(rows => rows.length, () => listed);
        }
        const millis = performance.now() - started;
        progress(`  ${store.lineItems} jobs in ${(millis / 1000).toFixed(1)} s`);
        await afterwards(cluster);
        return { jobs: store.lineItems, millis, jobsPerSecond: store.lineItems / (millis / 1000) };
    } catch (error) {
        console.error(cluster.recentOutput());
        throw error;
    } finally {
        await cluster.stop();
        await fs.rm(dataFolder, { recursive: true, force: true });
    }
}

/**
 * `jobs` Received jobs written into the arm's store before its servers start; the rate at which
 * their PDFs reach the hot folder, from the first to the last.
 */
async function measureEngine(folder: string, arm: Arm, jobs: number, databaseUrl: string | undefined, progress: (message: string) => void): Promise<ArmResult['engine']> {
    progress(`cluster engine run, ${arm.name}: writing ${jobs.toLocaleString('en-US')} Received jobs`);
    const folders = engineFolders(folder);
    const workflowId = await createPrinterAndWorkflow(folders, 8, new CountingLogger(), undefined, databaseUrl);
    await writeJobs(folders, jobs, PRINT_FILE_BYTES, workflowId, databaseUrl ? [] : [folders.store]);
    if (databaseUrl) {
        await withStore(folders.data, databaseUrl, store => forEachConcurrently(Array.from({ length: jobs }, (_, index) => benchOrderId(index + 1)), 16,
            async id => void await store.create(OrdersCollection, withoutVersion(benchOrder(id, workflowId, PRINT_FILE_BYTES)))));
    }
    const cluster = await ServerCluster.start({ dataFolder: folders.data, databaseUrl, leaseSeconds: DEFAULT_LEASE_SECONDS }, arm.servers);
    try {
        const deadline = performance.now() + ENGINE_TIMEOUT_MS;
        let first: { at: number; count: number } | undefined;
        let count = 0;
        while (count < jobs) {
            if (performance.now() > deadline) {
                throw new Error(`${arm.name}: ${count} of ${jobs} jobs printed after ${ENGINE_TIMEOUT_MS / 1000} s`);
            }
            await delay(200);
            count = (await fs.readdir(folders.hotFolder).catch(() => [] as string[])).filter(name => name.endsWith('.pdf')).length;
            first ??= count > 0 ? { at: performance.now(), count } : undefined;
        }
        const millis = performance.now() - first!.at;
        const jobsPerSecond = (jobs - first!.count) / (millis / 1000);
        progress(`  ${jobs} jobs printed, ${jobsPerSecond.toFixed(0)} jobs/s`);
        return { jobs: jobs, millis, jobsPerSecond };
    } catch (error) {
        console.error(cluster.recentOutput());
        throw error;
    } finally {
        await cluster.stop();
        await fs.rm(folder, { recursive: true, force: true });
    }
}

/**
 * Kills the server polling the store (its `/health` names the connection among its leases) and
 * times until a `connection-states` change is committed after the kill: the survivor's first poll.
 */
async function measureFailovers(cluster: ServerCluster, postgres: PostgresTestServer, databaseUrl: string, progress: (message: string) => void): Promise<number[]> {
    const database = new URL(databaseUrl).pathname.slice(1);
    const lastPoll = (): Promise<number> => postgres.withClient(async client =>
        Number((await client.query("SELECT coalesce(max(position), 0) AS last FROM changes WHERE collection = 'connection-states'")).rows[0].last), database);
    const results: number[] = [];
    for (let failover = 1; failover <= FAILOVERS; failover++) {
        const victim = await pollingServer(cluster);
        const before = await lastPoll();
        const killedAt = performance.now();
        const killedAtWall = Date.now();
        await cluster.kill(victim);
        while (await lastPoll() <= before) {
            if (performance.now() - killedAt > FAILOVER_TIMEOUT_MS) {
                throw new Error(`no server polled within ${FAILOVER_TIMEOUT_MS / 1000} s of the kill`);
            }
            await delay(100);
        }
        results.push(performance.now() - killedAt);
        progress(`  failover ${failover}: ${(results[results.length - 1] / 1000).toFixed(1)} s from kill -9 to the survivor's first poll; ${await failoverSteps(postgres, database, killedAtWall)}`);
        await cluster.startServer(victim);
        await delay(2 * DEFAULT_LEASE_SECONDS * 1000);
    }
    return results;
}

/**
 * Where a failover's time went, in seconds after the kill (the database and the servers run on
 * this machine, so their clocks are this one's): the connection's lease taken over, the first poll
 * begun, and how long that poll took (from its log entry) with what it read.
 */
async function failoverSteps(postgres: PostgresTestServer, database: string, killedAt: number): Promise<string> {
    const seconds = (at: number) => ((at - killedAt) / 1000).toFixed(1);
    const row = async () => postgres.withClient(async client => (await client.query<{ taken: number; poll: string | null; log: { at: string; durationMs: number; received: number; duplicates: number } | null }>(
        `SELECT (SELECT (extract(epoch FROM max(acquired_at)) * 1000)::float8 FROM leases WHERE name LIKE 'connection:%') AS taken,
            (SELECT body->'status'->>'lastPollAt' FROM documents WHERE collection = 'connection-states' LIMIT 1) AS poll,
            (SELECT body->'entries'->0 FROM documents WHERE collection = 'connection-logs' LIMIT 1) AS log`)).rows[0], database);
    let steps = await row();
    // The log entry is written just after the state that ended the wait.
    for (let tries = 0; tries < 50 && steps.log?.at !== steps.poll; tries++) {
        await delay(100);
        steps = await row();
    }
    const poll = steps.log?.at === steps.poll ? `, taking ${steps.log!.durationMs} ms (${steps.log!.received} orders read, ${steps.log!.duplicates} already in)` : '';
    return `lease taken at ${seconds(steps.taken)} s, poll begun at ${steps.poll ? seconds(Date.parse(steps.poll)) : '?'} s${poll}`;
}

/** The server whose `/health` lists a connection among its leases (the first, if none says). */
async function pollingServer(cluster: ServerCluster): Promise<number> {
    for (let index = 0; index < cluster.size; index++) {
        const url = cluster.server(index)?.url;
        const health = url ? await (await fetch(`${url}/health`)).json().catch(() => ({})) as { server?: { connections?: unknown[] } } : {};
        if ((health.server?.connections?.length ?? 0) > 0) {
            return index;
        }
    }
    return 0;
}

/** Two servers' stores on one database: a write resolved on A until B announces it (a remote change). */
async function measureChangeDelay(workFolder: string, databaseUrl: string, progress: (message: string) => void): Promise<ClusterResults['changeDelay']> {
    progress(`cluster change feed: ${CHANGE_SAMPLES} writes on one server's store, announced by another's`);
    return withStore(path.join(workFolder, 'change-a'), databaseUrl, writer => withStore(path.join(workFolder, 'change-b'), databaseUrl, async reader => {
        const waiting = new Map<string, (at: number) => void>();
        const subscription = reader.onDidChange(change => {
            if (change.remote) {
                waiting.get(change.id)?.(performance.now());
            }
        });
        try {
            const millis: number[] = [];
            for (let sample = 1; sample <= CHANGE_SAMPLES; sample++) {
                const id = `change-delay-${sample}`;
                const seen = new Promise<number>(resolve => waiting.set(id, resolve));
                await writer.create(OrdersCollection, withoutVersion(sampleOrder(id, 1)));
                const written = performance.now();
                millis.push(Math.max(0, await seen - written));
                waiting.delete(id);
                await delay(CHANGE_PAUSE_MS);
            }
            const sorted = millis.sort((a, b) => a - b);
            return { samples: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
        } finally {
            subscription.dispose();
        }
    }));
}

/** The query benchmark's store (100,000 jobs), measured as written and again as PostgreSQL's replica of the same documents. */
async function measureQuery(workFolder: string, databaseUrl: string, progress: (message: string) => void): Promise<ClusterResults['query']> {
    const folder = path.join(workFolder, 'cluster-query');
    progress(`cluster query: ${QUERY_JOBS.toLocaleString('en-US')} jobs, embedded and copied into PostgreSQL`);
    await writeQueryStore(folder);
    const written = new FileDocumentStore({ folder, collections: PLATFORM_COLLECTIONS });
    await written.ready;
    try {
        await withStore(path.join(workFolder, 'cluster-query-pg'), databaseUrl, async copy => {
            await copyAll(written, copy, WorkflowsCollection);
            await copyAll(written, copy, OrdersCollection);
        });
    } finally {
        await written.close();
    }
    const embedded = await runChild<QueryMeasurement>('query-child.js', queryRequest(folder));
    const postgres = await runChild<QueryMeasurement>('query-child.js', queryRequest(path.join(workFolder, 'cluster-query-pg'), databaseUrl));
    await fs.rm(folder, { recursive: true, force: true });
    return {
        jobs: embedded.jobs,
        scenarios: embedded.scenarios.map((scenario, index) => ({
            name: scenario.name, embeddedP95: scenario.afterChange.p95, postgresP95: postgres.scenarios[index].afterChange.p95,
            ratio: postgres.scenarios[index].afterChange.p95 / scenario.afterChange.p95
        })),
        openMillis: { embedded: embedded.openMillis, postgres: postgres.openMillis }
    };
}

async function copyAll<T extends StoredDocument>(from: DocumentStore, to: DocumentStore, collection: DocumentCollection<T>): Promise<void> {
    await forEachConcurrently([...from.all(collection)], 16, async document => void await to.create(collection, withoutVersion(document)));
}

/** The store a server opens over `dataFolder` with PRESSWORK_DATABASE_URL set, for `work`. */
async function withStore<R>(dataFolder: string, databaseUrl: string, work: (store: DocumentStore) => Promise<R>): Promise<R> {
    const container = backendContainer({ dataFolder, databaseUrl, logger: new CountingLogger(), modules: [] });
    const store = container.get<DocumentStore>(DocumentStore);
    await store.ready;
    try {
        if (store.kind !== 'postgresql') {
            throw new Error(`PRESSWORK_DATABASE_URL opened the ${store.kind} store, not PostgreSQL: is the PostgreSQL store built?`);
        }
        return await work(store);
    } finally {
        await store.close();
    }
}

function withoutVersion<T extends { version: number }>(document: T): Omit<T, 'version'> {
    const { version: _version, ...rest } = document;
    return rest;
}

export function formatClusterReport(results: ClusterResults): string {
    const perSecond = (value: number): string => `${value.toFixed(0)} jobs/s`;
    const rows = results.arms.map(arm => `  ${arm.arm.padEnd(24)} intake ${perSecond(arm.intake.jobsPerSecond).padStart(12)} (${(arm.intake.millis / 1000).toFixed(1)} s)`
        + `   engine ${perSecond(arm.engine.jobsPerSecond).padStart(12)} (${(arm.engine.millis / 1000).toFixed(1)} s)`);
    const { ratios, targets } = results;
    return [
        `Cluster (issue 14): intake of ${INTAKE_ORDERS.toLocaleString('en-US')} orders / ${(INTAKE_ORDERS * LINES_PER_ORDER).toLocaleString('en-US')} jobs, engine run of ${results.arms[0].engine.jobs.toLocaleString('en-US')} jobs, the real backend`,
        ...rows,
        `  PostgreSQL (1 server) / embedded: intake ${ratios.intakePostgresToEmbedded.toFixed(2)}×, engine ${ratios.enginePostgresToEmbedded.toFixed(2)}× (target ≥ ${targets.postgresToEmbedded}×)`,
        `  2 servers / 1 server, engine: ${ratios.engineTwoServersToOne.toFixed(2)}× (target ≥ ${targets.twoServersToOne}×)`,
        `  cross-server change delay: p50 ${results.changeDelay.p50.toFixed(1)} ms, p95 ${results.changeDelay.p95.toFixed(1)} ms (target p95 < ${targets.changeDelayP95Millis} ms)`,
        ...results.query.scenarios.map(scenario => `  All Jobs at ${results.query.jobs.toLocaleString('en-US')} jobs, ${scenario.name}, p95 after a change: `
            + `embedded ${scenario.embeddedP95.toFixed(2)} ms, PostgreSQL replica ${scenario.postgresP95.toFixed(2)} ms (${scenario.ratio.toFixed(2)}×)`),
        `  store open at ${results.query.jobs.toLocaleString('en-US')} jobs: embedded ${(results.query.openMillis.embedded / 1000).toFixed(1)} s, PostgreSQL ${(results.query.openMillis.postgres / 1000).toFixed(1)} s`,
        `  failover, kill -9 to the survivor's first poll (lease ${DEFAULT_LEASE_SECONDS} s): ${results.failoverMillis.map(millis => `${(millis / 1000).toFixed(1)} s`).join(', ') || '–'} (target < ${targets.failoverMillis / 1000} s)`,
        results.violations.length === 0 ? '  all targets met' : `  MISSED: ${results.violations.join('; ')}`
    ].join('\n');
}
