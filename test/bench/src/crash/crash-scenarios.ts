import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { OrderInput, OrderView, RunningSimulator, SAMPLE_ORDERS, allSkus, startSimulator } from '@presswork/marcomcentral-simulator';
import { FileDocumentStore, OrdersCollection, PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { MarcomCentralClient } from '@presswork/connections/lib/node/marcomcentral';
import { MarcomCentralConnectionType } from '@presswork/connections/lib/node/marcomcentral-connection-type';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { addWaitingOrder, openWithEngine } from '@presswork/closeout/lib/node/test/engine-release';
import { CountingLogger, ENGINE_COLLECTIONS, benchOrderId, createPrinterAndWorkflow, engineFolders, writeJobs } from '../engine-backend';
import { INTAKE_CONNECTION_ID, openIntakeStore } from '../intake-backend';
import { RejectedOrdersCollection } from '@presswork/connections/lib/node/connection-collections';
import { rejectedOrderId } from '@presswork/connections/lib/node/intake/intake-ids';
import type { CloseoutWork, CrashBackendMessage, EngineWork, GroupCommitWork, IntakeWork } from './crash-protocol';
import type { CrashScenario, RoundOutcome } from './crash-rounds';
import { RETAIN_STEP, groupCommitIds, groupCommitProblem, isAtWorkflowEnd } from './crash-expectations';
import { ExpectedOrder, countAgainst, outcomeOf } from './store-checks';

/** Sizes of one run of the crash tests. */
export interface CrashSizes {
    readonly intakeOrders: number;
    /** Ordinary orders beside the two hostile ones. */
    readonly hostileIntakeOrders: number;
    readonly engineJobs: number;
    readonly closeoutOrders: number;
    /** Group commit: orders written by 64 concurrent writers, each up to this many versions. */
    readonly groupCommitDocuments: number;
    readonly groupCommitVersions: number;
    readonly printJobs: number;
    /** Jobs batched and printed per round (batch): a multiple of 3 and of 5. */
    readonly batchJobs: number;
    /** Events published and sent to a webhook per round (notify). */
    readonly notifyEvents: number;
}

const INTAKE_LINES_PER_ORDER = 3;
/** The intake store's clock: orders were created over the hour before 10:00; Presswork polls at 10:20. */
const INTAKE_STORE_NOW = '2026-06-15T12:00:00-07:00';
const INTAKE_FIRST_ORDER_AT = Date.parse('2026-06-15T09:00:00-07:00');
const INTAKE_POLL_AT = '2026-06-15T10:20:00-07:00';
const ENGINE_CONCURRENCY = 8;
const ENGINE_TIMEOUT_MS = 5 * 60_000;
const PRINT_FILE_BYTES = 4 * 1024;

/** Removes a round's folder once its checks passed; a failing round's folder stays to be looked at. */
async function removeIfClean(folder: string, outcome: RoundOutcome): Promise<RoundOutcome> {
    if (outcome.violations.length === 0) {
        await fs.rm(folder, { recursive: true, force: true });
    }
    return outcome;
}

/**
 * (a) Intake: the simulator holds the orders (in this process, so it outlives every kill); each
 * round, a backend on a fresh folder polls the whole window, once, through the real poller, SOAP
 * client and intake. The watermark moves only after the window is stored, so a restart polls the
 * window again: what was stored before the kill must not be stored twice.
 */
export class IntakeScenario implements CrashScenario<{ folder: string }> {

    protected constructor(
        readonly name: string, protected readonly workFolder: string, protected readonly simulator: RunningSimulator,
        protected readonly expected: readonly ExpectedOrder[], protected readonly quarantined: readonly ExpectedOrder[] = []
    ) { }

    static async start(workFolder: string, orders: number): Promise<IntakeScenario> {
        const simulator = await startSimulator({ host: '127.0.0.1', port: 0, now: INTAKE_STORE_NOW });
        return new IntakeScenario('intake', workFolder, simulator, await placeOrdinaryOrders(simulator, orders));
    }

    /**
     * (a') Intake from a hostile store (issue 18): among the ordinary orders, one whose answer alone
     * is over the client's 20 MB limit (22 lines with 1 MB product names) and one that reads fine
     * but would store at more than a document may hold (100 lines of ninety 2 kB finishing options).
     * Both must be quarantined, every ordinary order taken in once, and every restart open clean.
     */
    static async startHostile(workFolder: string, orders: number): Promise<IntakeScenario> {
        const simulator = await startSimulator({ host: '127.0.0.1', port: 0, now: INTAKE_STORE_NOW });
        const expected = await placeOrdinaryOrders(simulator, orders);
        const sku = allSkus(simulator.catalog)[0].sku.id;
        const middle = new Date(INTAKE_FIRST_ORDER_AT + 1_800_000).toISOString();
        const hostile = await Promise.all([
            { CreateDate: middle, OrderDetails: Array.from({ length: 22 }, () => ({ SKU: sku, ProductName: 'P'.repeat(1024 * 1024) })) },
            {
                CreateDate: middle, OrderDetails: Array.from({ length: 100 }, () => ({
                    SKU: sku, FinishingOptions: Array.from({ length: 90 }, (_, index) => ({ Name: `Option ${index}`, Value: 'F'.repeat(2000) }))
                }))
            }
        ].map(input => simulator.placeOrder(input)));
        return new IntakeScenario('intake (hostile store)', workFolder, simulator, expected,
            hostile.map(placed => ({ marcomOrderId: placed.ID, orderNumber: placed.OrderNumber, jobs: 0 })));
    }

    async prepare(round: number): Promise<{ request: IntakeWork; plan: { folder: string } }> {
        const folder = path.join(this.workFolder, this.name.replace(/\W+/g, '-'), `round-${round}`);
        const endpoint = { url: this.simulator.url, orderToken: this.simulator.orderToken, timeZone: this.simulator.timeZone, firstLookBackHours: 2 };
        return { request: { kind: 'intake', folder, endpoint, pollAt: INTAKE_POLL_AT }, plan: { folder } };
    }

    async afterKill(): Promise<string[]> {
        return [];
    }

    async verify({ folder }: { folder: string }): Promise<RoundOutcome> {
        const store = await openIntakeStore(folder);
        try {
            const notQuarantined = this.quarantined
                .filter(order => !store.get(RejectedOrdersCollection, rejectedOrderId(INTAKE_CONNECTION_ID, order.marcomOrderId, undefined)))
                .map(order => `hostile order ${order.orderNumber} is not in the quarantine`);
            return await removeIfClean(folder, outcomeOf(countAgainst(store, this.expected, () => []), 0, notQuarantined));
        } finally {
            await store.close();
        }
    }

    dispose(): Promise<void> {
        return this.simulator.close();
    }
}

/** Ordinary orders of three lines, spread over the hour before the poll. */
async function placeOrdinaryOrders(simulator: RunningSimulator, orders: number): Promise<ExpectedOrder[]> {
    const skus = allSkus(simulator.catalog);
    const customers = simulator.catalog.customers.map(customer => customer.loginId);
    const spacingMs = Math.floor(3_600_000 / orders);
    const expected: ExpectedOrder[] = [];
    for (let index = 0; index < orders; index++) {
        const input: OrderInput = {
            User: { LoginID: customers[index % customers.length] },
            CreateDate: new Date(INTAKE_FIRST_ORDER_AT + index * spacingMs).toISOString(),
            OrderDetails: Array.from({ length: INTAKE_LINES_PER_ORDER }, (_, line) => ({ SKU: skus[(index + line * 3) % skus.length].sku.id }))
        };
        const placed = await simulator.placeOrder(input);
        expected.push({ marcomOrderId: placed.ID, orderNumber: placed.OrderNumber, jobs: placed.OrderDetails.length });
    }
    return expected;
}

/**
 * (b) Engine: each round, a fresh folder holds the jobs (one an order, Received) of the workflow
 * Create Job → Copy to Folder → Print (hot folder) → Retain; the backend starts the engine and runs
 * until every job is Retained. A kill leaves jobs mid-step; the next start must carry them on.
 */
export class EngineScenario implements CrashScenario<{ folder: string; storeFolder: string; hotFolder: string }> {
    readonly name = 'engine';

    constructor(protected readonly workFolder: string, protected readonly jobs: number) { }

    async prepare(round: number): Promise<{ request: EngineWork; plan: { folder: string; storeFolder: string; hotFolder: string } }> {
        const folder = path.join(this.workFolder, 'engine', `round-${round}`);
        const folders = engineFolders(folder);
        const workflowId = await createPrinterAndWorkflow(folders, ENGINE_CONCURRENCY, new CountingLogger(), RETAIN_STEP);
        await writeJobs(folders, this.jobs, PRINT_FILE_BYTES, workflowId, [folders.store]);
        return {
            request: { kind: 'engine', folder, jobs: this.jobs, concurrency: ENGINE_CONCURRENCY, timeoutMs: ENGINE_TIMEOUT_MS },
            plan: { folder, storeFolder: folders.store, hotFolder: folders.hotFolder }
        };
    }

    async afterKill(): Promise<string[]> {
        return [];
    }

    async verify({ folder, storeFolder }: { folder: string; storeFolder: string }): Promise<RoundOutcome> {
        const store = new FileDocumentStore({ folder: storeFolder, collections: ENGINE_COLLECTIONS });
        await store.ready;
        try {
            // The fixture's orders, as written: one job each.
            const expected = Array.from({ length: this.jobs }, (_, index) => {
                const { marcomOrderId, orderNumber } = sampleOrder(benchOrderId(index + 1), 1);
                return { marcomOrderId, orderNumber, jobs: 1 };
            });
            const counts = countAgainst(store, expected, order => order.jobs.filter(job => !isAtWorkflowEnd(job))
                .map(job => `job ${job.id} ended ${job.phase}/${job.state} at ${job.stepId ?? 'no step'}, not Retained at the workflow's end`));
            return await removeIfClean(folder, outcomeOf(counts));
        } finally {
            await store.close();
        }
    }

    async dispose(): Promise<void> { /* nothing outlives a round */ }
}

interface CloseoutPlan {
    readonly folder: string;
    readonly placed: readonly OrderView[];
    readonly ids: readonly string[];
}

/**
 * (c) Closeout: each round places card orders in the simulator and takes them into a fresh folder
 * (one job a line, waiting at Closeout Order); the backend closes them out one after another
 * (packing slip, invoice, settlement), and the workflow engine releases each closed order's jobs
 * in one write of it. After every kill the simulator has captured each card at most once; once the
 * backend finished, every order is closed, captured exactly once, with one packing slip and one
 * invoice, and none of its jobs still waits.
 */
export class CloseoutScenario implements CrashScenario<CloseoutPlan> {
    readonly name = 'closeout';

    protected constructor(protected readonly workFolder: string, protected readonly orders: number, protected readonly simulator: RunningSimulator) { }

    static async start(workFolder: string, orders: number): Promise<CloseoutScenario> {
        return new CloseoutScenario(workFolder, orders, await startSimulator({ host: '127.0.0.1', port: 0, now: '2026-11-26T08:00:00-08:00' }));
    }

    async prepare(round: number): Promise<{ request: CloseoutWork; plan: CloseoutPlan }> {
        const folder = path.join(this.workFolder, 'closeout', `round-${round}`);
        const type = new MarcomCentralConnectionType();
        const { fixture, engine } = await openWithEngine({ connectionType: type, folder });
        inject(type, { secrets: fixture.secrets, client: new MarcomCentralClient() });
        await fixture.store.modify(ConnectionsCollection, fixture.connection.id, connection => ({
            ...connection, endpointUrl: this.simulator.url,
            orderToken: fixture.secrets.seal(this.simulator.orderToken), closeoutToken: fixture.secrets.seal(this.simulator.closeoutToken)
        }));
        const placed: OrderView[] = [];
        const ids: string[] = [];
        for (let index = 0; index < this.orders; index++) {
            const order = await this.simulator.placeOrder(SAMPLE_ORDERS.cardSingleShipTo);
            const fetched = await type.fetchOrder(fixture.connection, order.OrderNumber);
            const id = `round-${round}-order-${index + 1}`;
            await addWaitingOrder(fixture, fetched.orders[0], id);
            placed.push(order);
            ids.push(id);
        }
        await engine.stop();
        await fixture.close();
        return {
            request: { kind: 'closeout', folder, orders: placed.map((order, index) => ({ id: ids[index], orderNumber: order.OrderNumber })), attempts: 3 },
            plan: { folder, placed, ids }
        };
    }

    async afterKill(plan: CloseoutPlan): Promise<string[]> {
        return this.storeSide(plan).overCharged;
    }

    async verify(plan: CloseoutPlan): Promise<RoundOutcome> {
        // Opened as the backend starts: the engine releases the jobs of orders closed before the last kill.
        const { fixture, engine } = await openWithEngine({ connectionType: new MarcomCentralConnectionType(), folder: plan.folder });
        try {
            const expected = plan.placed.map(order => ({ marcomOrderId: order.ID, orderNumber: order.OrderNumber, jobs: order.OrderDetails.length }));
            const counts = countAgainst(fixture.store, expected, order => [
                ...(order.closed ? [] : [`order ${order.orderNumber} is not closed`]),
                ...order.jobs.filter(job => job.state === WAITING_FOR_CLOSEOUT).map(job => `job ${job.id} of closed order ${order.orderNumber} still waits at Closeout Order`)
            ]);
            const side = this.storeSide(plan);
            return await removeIfClean(plan.folder, outcomeOf(counts, side.doubleCaptures, [...side.overCharged, ...side.notExactlyOnce]));
        } finally {
            fixture.releaser.onStop();
            await engine.stop();
            await fixture.store.close();
        }
    }

    protected storeSide(plan: CloseoutPlan): CloseoutSide {
        return closeoutSideOf(this.simulator, plan.placed);
    }

    dispose(): Promise<void> {
        return this.simulator.close();
    }
}

/** What MarcomCentral recorded of closeouts: more than one capture, slip or invoice; fewer than one; double captures. */
export interface CloseoutSide {
    readonly overCharged: string[];
    readonly notExactlyOnce: string[];
    readonly doubleCaptures: number;
}

/** The simulator's record of each order: captures, packing slips and invoices. */
export function closeoutSideOf(simulator: RunningSimulator, placed: readonly OrderView[]): CloseoutSide {
    const overCharged: string[] = [];
    const notExactlyOnce: string[] = [];
    let doubleCaptures = 0;
    for (const order of placed) {
        const view = simulator.order(order.ID)!;
        const counts = { captures: view.CaptureCount, 'packing slips': view.PackingSlips.length, invoices: view.Invoices.length };
        for (const [what, count] of Object.entries(counts)) {
            if (count > 1) {
                overCharged.push(`order ${order.OrderNumber} has ${count} ${what} in MarcomCentral`);
                doubleCaptures += what === 'captures' ? 1 : 0;
            } else if (count !== 1) {
                notExactlyOnce.push(`order ${order.OrderNumber} has ${count} ${what} in MarcomCentral after its closeout`);
            }
        }
    }
    return { overCharged, notExactlyOnce, doubleCaptures };
}

const GROUP_COMMIT_WRITERS = 64;

interface GroupCommitPlan {
    readonly folder: string;
    /** The highest version of each order the backend acknowledged, over all its starts. */
    readonly acknowledged: Map<string, number>;
    /** Writes acknowledged over all starts (each held against the store at the next check). */
    writes: number;
    /** Acknowledged versions found missing after a kill. */
    lostAtKills: number;
}

/**
 * (d) Group commit (issue 16): 64 writers write orders concurrently through the store's group
 * commit, each write acknowledged to this process as soon as the store resolved it. After every kill
 * the store must open without a problem (no torn or half-written document), and every acknowledged
 * write must be there: each order at least at the highest version acknowledged, holding what that
 * version wrote. The backend then carries on until every order is at its last version.
 */
export class GroupCommitScenario implements CrashScenario<GroupCommitPlan> {
    readonly name = 'group-commit';

    constructor(protected readonly workFolder: string, protected readonly documents: number, protected readonly versions: number) { }

    async prepare(round: number): Promise<{ request: GroupCommitWork; plan: GroupCommitPlan }> {
        const folder = path.join(this.workFolder, 'group-commit', `round-${round}`);
        return {
            request: { kind: 'group-commit', folder, writers: GROUP_COMMIT_WRITERS, documents: this.documents, versions: this.versions },
            plan: { folder, acknowledged: new Map(), writes: 0, lostAtKills: 0 }
        };
    }

    onMessage(plan: GroupCommitPlan, message: CrashBackendMessage): void {
        if (message.kind === 'acknowledged') {
            plan.writes += message.writes.length;
            for (const [id, version] of message.writes) {
                plan.acknowledged.set(id, Math.max(version, plan.acknowledged.get(id) ?? 0));
            }
        }
    }

    async afterKill(plan: GroupCommitPlan): Promise<string[]> {
        const { violations, lost } = await this.check(plan, false);
        plan.lostAtKills += lost;
        return violations;
    }

    async verify(plan: GroupCommitPlan): Promise<RoundOutcome> {
        const { violations, lost, documents } = await this.check(plan, true);
        return removeIfClean(plan.folder, {
            orders: documents, jobs: documents, duplicates: 0, lost: plan.lostAtKills + lost, stuck: 0, doubleCaptures: 0,
            acknowledgedWrites: plan.writes, violations
        });
    }

    /** Opens the store as a restart would and holds it against what was acknowledged (and, at the end, the last versions). */
    protected async check(plan: GroupCommitPlan, finished: boolean): Promise<{ violations: string[]; lost: number; documents: number }> {
        const store = new FileDocumentStore({ folder: plan.folder, collections: PLATFORM_COLLECTIONS });
        await store.ready;
        try {
            const violations = store.problems.map(problem => `the store reported a problem: ${problem.collection}/${problem.id}: ${problem.reason}`);
            let lost = 0;
            for (const [id, version] of plan.acknowledged) {
                const stored = store.get(OrdersCollection, id);
                if (!stored || stored.version < version) {
                    lost++;
                    violations.push(`${id}: version ${version} was acknowledged, the store holds ${stored ? `version ${stored.version}` : 'nothing'}`);
                }
            }
            for (const order of store.all(OrdersCollection)) {
                const problem = groupCommitProblem(order);
                if (problem) {
                    violations.push(problem);
                }
            }
            if (finished) {
                for (const id of groupCommitIds(this.documents)) {
                    const stored = store.get(OrdersCollection, id);
                    if (stored?.version !== this.versions) {
                        violations.push(`${id} ended at ${stored ? `version ${stored.version}` : 'nothing'}, not version ${this.versions}`);
                    }
                }
            }
            return { violations, lost, documents: store.count(OrdersCollection) };
        } finally {
            await store.close();
        }
    }

    async dispose(): Promise<void> { /* nothing outlives a round */ }
}
