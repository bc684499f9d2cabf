import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { OrderView, RunningSimulator, startSimulator } from '@presswork/marcomcentral-simulator';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { FileDocumentStore, OrdersCollection, PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store';
import { CLUSTER_ADMIN_PASSWORD, ClusterDatabase, ServerCluster, demoHotFolder } from '../cluster/cluster-servers';
import { ShopOperator, hotFolderHandovers, jobsOf, placeCardOrders } from '../cluster/cluster-shop';
import { issueApiToken } from '../served/read-api-client';
import { closeoutSideOf } from './crash-scenarios';
import type { RoundOutcome, RoundResult, ScenarioResult } from './crash-rounds';
import { ExpectedOrder, countOrdersAgainst } from './store-checks';

/** Where a round's kill lands: while orders arrive, while the engine checks them, while they print, while they close out. */
export const CLUSTER_STAGES = ['intake', 'engine', 'printing', 'closeout'] as const;
export type ClusterStage = typeof CLUSTER_STAGES[number];

export interface ClusterCrashOptions {
    readonly workFolder: string;
    /** Card orders (two printable lines each) placed per round. */
    readonly ordersPerRound: number;
    /** PostgreSQL and two servers; false: the embedded store and one server (the harness's own check). */
    readonly postgres: boolean;
}

/** A round's whole work (intake to Retained, closeouts included) must end within this. */
const ROUND_TIMEOUT_MS = 150_000;
/** How long to look for a stage before killing anyway (it may have passed between two looks). */
const STAGE_TIMEOUT_MS = 60_000;
/** Between a kill and the restart: the survivor meanwhile takes the dead server's work over. */
const RESTART_PAUSE_MS = 1_000;
/** How long PostgreSQL stays down in a database-restart round. */
const DATABASE_DOWN_MS = 3_000;
const LEASE_SECONDS = 4;

/**
 * Issue 14's crash scenarios: two real Presswork servers (as `npm start` runs them) on one
 * PostgreSQL database and one data folder, polling one simulator (in this process, so it outlives
 * every kill) every second, printing to the demo hot folder, an operator closing orders out through
 * the RPC. Each round places new orders, kills one server with kill -9 at a random moment of one
 * stage (intake, engine, printing, closeout; in turns), starts it again, and once the round's work
 * is done checks through the database: every line item taken in exactly once, every job Retained
 * (none stuck), every job handed to the hot folder once, every card captured once (one packing slip,
 * one invoice). The database-restart rounds restart PostgreSQL instead, under the same load.
 */
export class ClusterCrashScenario {
    protected readonly allPlaced: OrderView[] = [];
    protected token = '';

    protected constructor(
        protected readonly options: ClusterCrashOptions, protected readonly simulator: RunningSimulator,
        protected readonly database: ClusterDatabase | undefined, protected readonly cluster: ServerCluster
    ) { }

    get name(): string {
        return this.options.postgres ? 'cluster' : 'cluster (embedded, one server)';
    }

    static async start(options: ClusterCrashOptions): Promise<ClusterCrashScenario> {
        const simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
        let database: ClusterDatabase | undefined;
        try {
            database = options.postgres ? await ClusterDatabase.start() : undefined;
            const cluster = await ServerCluster.start({
                dataFolder: path.join(options.workFolder, options.postgres ? 'cluster' : 'cluster-embedded'),
                databaseUrl: database?.url, leaseSeconds: LEASE_SECONDS,
                settings: {
                    PRESSWORK_MARCOM_URL: simulator.url, PRESSWORK_MARCOM_TOKEN: simulator.orderToken,
                    PRESSWORK_MARCOM_TIMEZONE: simulator.timeZone, PRESSWORK_MARCOM_POLL_SECONDS: '1'
                }
            }, options.postgres ? 2 : 1);
            const scenario = new ClusterCrashScenario(options, simulator, database, cluster);
            scenario.token = await issueApiToken(cluster.liveUrls()[0], CLUSTER_ADMIN_PASSWORD, 'cluster crash test');
            return scenario;
        } catch (error) {
            await database?.stop();
            await simulator.close();
            throw error;
        }
    }

    /** `rounds` rounds of kill -9 of one server, then (PostgreSQL) `databaseRounds` rounds of PostgreSQL restarted under load. */
    async run(rounds: number, databaseRounds: number, random: () => number, progress: (message: string) => void): Promise<ScenarioResult[]> {
        const killRounds: RoundResult[] = [];
        for (let round = 1; round <= rounds; round++) {
            const stage = CLUSTER_STAGES[(round - 1) % CLUSTER_STAGES.length];
            const victim = Math.floor(random() * this.cluster.size);
            killRounds.push(await this.round(round, stage, random, progress, () => this.killAndRestart(victim)));
        }
        const results: ScenarioResult[] = [{ name: this.name, calibrationMillis: 0, rounds: killRounds }];
        if (this.database) {
            const database = this.database;
            const restartRounds: RoundResult[] = [];
            for (let round = 1; round <= databaseRounds; round++) {
                const stage = CLUSTER_STAGES[Math.floor(random() * 3)];
                restartRounds.push(await this.round(rounds + round, stage, random, progress, () => database.server.restart(DATABASE_DOWN_MS)));
            }
            results.push({ name: 'cluster (PostgreSQL restarted)', calibrationMillis: 0, rounds: restartRounds });
        }
        results.push(await this.finalCheck());
        return results;
    }

    protected async killAndRestart(victim: number): Promise<void> {
        await this.cluster.kill(victim);
        await delay(RESTART_PAUSE_MS);
        await this.cluster.startServer(victim);
    }

    protected async round(round: number, stage: ClusterStage, random: () => number, progress: (message: string) => void, interrupt: () => Promise<void>): Promise<RoundResult> {
        const started = performance.now();
        const placed = await placeCardOrders(this.simulator, this.options.ordersPerRound);
        this.allPlaced.push(...placed);
        const numbers = new Set(placed.map(order => order.OrderNumber));
        const expectedJobs = placed.reduce((sum, order) => sum + order.OrderDetails.length, 0);
        const rows = (): Promise<JobRow[] | undefined> => jobsOf(this.cluster, this.token, numbers);
        const operator = new ShopOperator(this.cluster, random);
        const closing = operator.run(rows, placed.length);
        const violations: string[] = [];
        let interruptedAt: number | undefined;
        try {
            await this.reach(stage, rows, operator, random);
            interruptedAt = performance.now() - started;
            await interrupt();
            const finished = await this.waitUntilRetained(rows, expectedJobs, started);
            if (!finished) {
                violations.push(`the round's jobs were not all Retained within ${ROUND_TIMEOUT_MS / 1000} s (the operator's last failures: ${operator.errors.slice(-3).join('; ') || 'none'})`);
                progress(this.cluster.recentOutput());
            }
        } catch (error) {
            violations.push(`the round failed: ${error instanceof Error ? error.message : String(error)}`);
            progress(this.cluster.recentOutput());
        } finally {
            operator.stop();
            await closing;
        }
        const outcome = await this.check(placed);
        const result: RoundResult = {
            round, kills: interruptedAt === undefined ? 0 : 1, killedAtMs: interruptedAt === undefined ? [] : [Math.round(interruptedAt)],
            restarts: interruptedAt === undefined ? 0 : 1, millis: performance.now() - started, ...outcome, violations: [...violations, ...outcome.violations]
        };
        progress(`${this.name} round ${round} (${stage}): interrupted at ${result.killedAtMs.join(', ') || '–'} ms, ${operator.attempts} closeout attempts; `
            + `${result.violations.length === 0 ? 'ok' : `${result.violations.length} VIOLATIONS: ${result.violations.slice(0, 3).join('; ')}`}`);
        return result;
    }

    /** Waits until the round is in `stage` (seen through the read API or the operator), then a random moment more. */
    protected async reach(stage: ClusterStage, rows: () => Promise<JobRow[] | undefined>, operator: ShopOperator, random: () => number): Promise<void> {
        const seen = async (): Promise<boolean> => {
            switch (stage) {
                case 'intake': return true;
                case 'engine': return ((await rows()) ?? []).some(row => row.phase === 'Receive' || row.phase === 'Prepare');
                case 'printing': return ((await rows()) ?? []).some(row => row.phase === 'Print');
                case 'closeout': return operator.attempts > 0;
            }
        };
        const deadline = Date.now() + STAGE_TIMEOUT_MS;
        while (!await seen() && Date.now() < deadline) {
            await delay(stage === 'closeout' ? 20 : 100);
        }
        // Intake: the orders are in the store's window now and polled within a second.
        await delay(Math.round(random() * (stage === 'intake' ? 1_500 : 300)));
    }

    protected async waitUntilRetained(rows: () => Promise<JobRow[] | undefined>, expectedJobs: number, started: number): Promise<boolean> {
        while (performance.now() - started < ROUND_TIMEOUT_MS) {
            const jobs = await rows();
            if (jobs && jobs.length >= expectedJobs && jobs.every(job => job.state === 'Retained')) {
                return true;
            }
            await delay(500);
        }
        return false;
    }

    /** The round's orders in the store, the hot folder and MarcomCentral. */
    protected async check(placed: readonly OrderView[]): Promise<RoundOutcome> {
        const expected: ExpectedOrder[] = placed.map(order => ({ marcomOrderId: order.ID, orderNumber: order.OrderNumber, jobs: order.OrderDetails.length }));
        const ids = new Set(expected.map(order => order.marcomOrderId));
        const orders = (await this.storedOrders()).filter(order => ids.has(order.marcomOrderId));
        const counts = countOrdersAgainst(orders, expected, order => order.jobs.filter(job => job.phase !== 'Complete' || job.state !== 'Retained')
            .map(job => `job ${job.id} of order ${order.orderNumber} ended ${job.phase}/${job.state} at ${job.stepId ?? 'no step'}, not Retained `
                + `(its last log lines: ${job.log.slice(-3).map(entry => `${entry.at} ${entry.message}`).join(' | ') || 'none'})`));
        const handovers = await hotFolderHandovers(demoHotFolder(path.join(this.options.workFolder, this.options.postgres ? 'cluster' : 'cluster-embedded')));
        const printViolations: string[] = handovers.withoutPdf.map(ticket => `the hot folder holds the ticket ${ticket} without its PDF`);
        let printedTwice = 0;
        for (const job of orders.flatMap(order => order.jobs)) {
            const times = handovers.tickets.get(job.id) ?? 0;
            if (times !== 1) {
                printedTwice += times > 1 ? 1 : 0;
                printViolations.push(`job ${job.id} was handed to the hot folder ${times} times`);
            }
        }
        const side = closeoutSideOf(this.simulator, placed);
        return {
            orders: counts.orders, jobs: counts.jobs, duplicates: counts.duplicates + printedTwice, lost: counts.lost, stuck: counts.stuck,
            doubleCaptures: side.doubleCaptures, violations: [...counts.violations, ...printViolations, ...side.overCharged, ...side.notExactlyOnce]
        };
    }

    /** After every round: no order in the store that the store did not send (a duplicate under another id). */
    protected async finalCheck(): Promise<ScenarioResult> {
        const sent = new Set(this.allPlaced.map(order => order.ID));
        const stored = await this.storedOrders();
        const strangers = stored.filter(order => !sent.has(order.marcomOrderId)).map(order => `order ${order.orderNumber} (${order.marcomOrderId}) was never placed`);
        return {
            name: `${this.name} (whole store)`, calibrationMillis: 0, rounds: [{
                round: 1, kills: 0, killedAtMs: [], restarts: 0, millis: 0, orders: stored.length, jobs: stored.reduce((sum, order) => sum + order.jobs.length, 0),
                duplicates: strangers.length, lost: 0, stuck: 0, doubleCaptures: 0, violations: strangers
            }]
        };
    }

    /** Every order as the database holds it; the embedded store is read with its server stopped, then started again. */
    protected async storedOrders(): Promise<Order[]> {
        if (this.database) {
            return this.database.documents<Order>(OrdersCollection.name);
        }
        await this.cluster.stop();
        const store = new FileDocumentStore({ folder: path.join(this.options.workFolder, 'cluster-embedded', 'store'), collections: PLATFORM_COLLECTIONS });
        try {
            await store.ready;
            return [...store.all(OrdersCollection)];
        } finally {
            await store.close();
            await this.cluster.startServer(0);
        }
    }

    async dispose(): Promise<void> {
        await this.cluster.stop();
        await this.database?.stop();
        await this.simulator.close();
    }
}
