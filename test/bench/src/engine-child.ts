import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { Container } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ActivityContribution } from '@presswork/platform/lib/common/activity-contribution';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { DocumentStore, FileDocumentStore, OrdersCollection } from '@presswork/platform/lib/node/store';
import { WorkflowEngine } from '@presswork/workflow/lib/node/engine/workflow-engine';
import { PrinterRegistry } from '@presswork/output/lib/node/printers/printer-registry';
import {
    CountingLogger, ENGINE_COLLECTIONS as COLLECTIONS, createPrinterAndWorkflow, engineContainer, engineFolders, forEachConcurrently, writeJobs
} from './engine-backend';
import { serveRequest } from './child-process';
import type { EngineChildRequest, EngineChildResult, MemorySample, ProgressMark, TimeSpent } from './engine-benchmark';
import { timeMillis } from './statistics';

/** Heap after gc is taken when these shares of the jobs are removed (and at the start and end). */
const MARKS = [0.25, 0.5, 0.75];

/** The engine's side of the benchmark, in a fresh process; see engine-benchmark.ts. */
async function measureEngine(request: EngineChildRequest): Promise<EngineChildResult> {
    const collectGarbage = global.gc;
    if (!collectGarbage) {
        throw new Error('run with --expose-gc');
    }
    const folders = engineFolders(request.folder);
    const logger = new CountingLogger();

    // The printer and the workflow, made through the services an administrator uses.
    const workflowId = await createPrinterAndWorkflow(folders, request.concurrency, logger);

    // The jobs, written straight to disk: durability of the fixture does not matter, and not timed.
    const fixtureMillis = await timeMillis(() => writeJobs(folders, request.jobs, request.printFileBytes, workflowId, [folders.store, folders.baselineStore]));
    execFileSync('sync', ['--file-system', request.folder]);

    // As after a restart: a fresh container over the store, which loads the waiting jobs.
    const container = engineContainer(folders.data, request.concurrency, logger);
    const store = container.get<FileDocumentStore>(DocumentStore);
    const openMillis = await timeMillis(() => store.ready);
    const engine = container.get(WorkflowEngine);
    // Instantiated now, not during the measurement.
    container.get(PrinterRegistry);

    const timings = new TimeInSlots(store, container);
    const run = new EngineRun(store, request.jobs, request.timeoutMs, collectGarbage);
    collectGarbage();
    const heapUsedAfterGcStart = process.memoryUsage().heapUsed;
    const rssStart = process.memoryUsage().rss;
    const sampler = new MemorySampler(request.memorySampleMs);
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    run.begin(started);
    sampler.start(started);
    await engine.start();
    await run.finished;
    const engineMillis = performance.now() - started;
    const engineCpu = process.cpuUsage(cpuStart);
    sampler.stop();
    await engine.idle();
    collectGarbage();
    const heapUsedAfterGcEnd = process.memoryUsage().heapUsed;
    const rssEnd = process.memoryUsage().rss;
    await engine.stop();
    run.dispose();
    timings.stop();

    const ordersWithJobsLeft = [...store.all(OrdersCollection)].filter(order => order.jobs.length > 0).length;
    await store.close();
    const outcome = {
        auditFiles: await countFiles(folders.audit, true),
        hotFolderFiles: await countFiles(folders.hotFolder, false, name => !name.endsWith('.jdf')),
        hotFolderTickets: await countFiles(folders.hotFolder, false, name => name.endsWith('.jdf')),
        copiedFiles: await countFiles(folders.copies, false),
        jobFoldersLeft: (await fs.readdir(folders.jobs)).length
    };

    const baseline = await measureBaseline(folders.baselineStore, run.orderWrites, request.concurrency);

    return {
        jobs: request.jobs,
        fixtureMillis,
        openMillis,
        engineMillis,
        firstRemovalMillis: run.firstRemovalMillis ?? NaN,
        orderWrites: run.orderWrites,
        removedJobs: run.removed,
        ...outcome,
        ordersWithJobsLeft,
        loggedErrors: logger.errors,
        heapUsedAfterGcStart,
        heapUsedAfterGcEnd,
        rssStart,
        rssEnd,
        peakRss: sampler.peakRss,
        peakHeapUsed: sampler.peakHeapUsed,
        marks: [
            { removedJobs: 0, millis: 0, heapUsedAfterGc: heapUsedAfterGcStart },
            ...run.marks,
            { removedJobs: run.removed, millis: engineMillis, heapUsedAfterGc: heapUsedAfterGcEnd }
        ],
        samples: sampler.samples,
        timeSpent: timings.spent,
        cpu: { userMillis: engineCpu.user / 1000, systemMillis: engineCpu.system / 1000 },
        baseline
    };
}

/**
 * Follows the store while the engine runs: counts order writes, removed jobs (each order has one),
 * takes the heap after gc at the marks, and fails at once when a job goes to Error.
 */
class EngineRun {
    orderWrites = 0;
    removed = 0;
    firstRemovalMillis: number | undefined;
    readonly marks: ProgressMark[] = [];
    readonly finished: Promise<void>;
    protected started = 0;
    protected nextMark = 0;
    protected resolve: () => void;
    protected reject: (error: Error) => void;
    protected timer: NodeJS.Timeout | undefined;
    protected readonly subscription: { dispose(): void };

    constructor(store: DocumentStore, protected readonly jobs: number, protected readonly timeoutMs: number, protected readonly collectGarbage: () => void) {
        this.finished = new Promise((resolve, reject) => {
            this.resolve = resolve;
            this.reject = reject;
        });
        this.subscription = store.onDidChange(change => {
            if (change.collection !== OrdersCollection.name || !this.started) {
                return;
            }
            this.orderWrites++;
            const order = change.document as Order | undefined;
            const failed = order?.jobs.find(job => job.state === 'Error');
            if (failed) {
                this.reject(new Error(`job ${failed.id} went to Error: ${failed.log[failed.log.length - 1]?.message}`));
            } else if (order && order.jobs.length === 0) {
                this.onRemoved();
            }
        });
    }

    begin(started: number): void {
        this.started = started;
        this.timer = setTimeout(() => this.reject(new Error(
            `the engine removed ${this.removed} of ${this.jobs} jobs in ${this.timeoutMs / 1000} s; gave up`)), this.timeoutMs);
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.subscription.dispose();
    }

    protected onRemoved(): void {
        this.removed++;
        this.firstRemovalMillis ??= performance.now() - this.started;
        if (this.removed === this.jobs) {
            clearTimeout(this.timer);
            this.resolve();
        } else if (this.nextMark < MARKS.length && this.removed >= MARKS[this.nextMark] * this.jobs) {
            this.nextMark++;
            // Not inside the store's write: on the next turn.
            setImmediate(() => {
                this.collectGarbage();
                this.marks.push({ removedJobs: this.removed, millis: performance.now() - this.started, heapUsedAfterGc: process.memoryUsage().heapUsed });
            });
        }
    }
}

/**
 * Where the slots' time goes: each activity's `execute` and each durable order write (`modify`,
 * lock wait included) timed where the engine calls them; the instances are the container's own.
 */
class TimeInSlots {
    protected readonly totals = new Map<string, TimeSpent>();
    protected readonly restore: (() => void)[] = [];

    constructor(store: DocumentStore, container: Container) {
        const provider = container.getNamed<ContributionProvider<ActivityContribution>>(ContributionProvider, ActivityContribution);
        for (const activity of provider.getContributions()) {
            const execute = activity.execute;
            const name = `activity ${activity.label}`;
            activity.execute = context => this.timed([name, name], () => execute.call(activity, context));
            this.restore.push(() => activity.execute = execute);
        }
        const original = store.modify;
        const modify = original.bind(store) as DocumentStore['modify'];
        const timedModify: DocumentStore['modify'] = (collection, id, change) => collection.name === OrdersCollection.name
            ? this.timed(['store: order write (modify, lock wait included)', 'store: modify that wrote nothing'], () => modify(collection, id, change))
            : modify(collection, id, change);
        store.modify = timedModify;
        this.restore.push(() => store.modify = original);
    }

    get spent(): TimeSpent[] {
        return [...this.totals.values()];
    }

    stop(): void {
        this.restore.forEach(restore => restore());
    }

    /** Adds the call's time under the first name when it resolves, under the second when it rejects. */
    protected async timed<R>([resolved, rejected]: readonly [string, string], work: () => Promise<R>): Promise<R> {
        const started = performance.now();
        let name = rejected;
        try {
            const result = await work();
            name = resolved;
            return result;
        } finally {
            const total = this.totals.get(name) ?? { name, calls: 0, millis: 0 };
            this.totals.set(name, { name, calls: total.calls + 1, millis: total.millis + performance.now() - started });
        }
    }
}

class MemorySampler {
    readonly samples: MemorySample[] = [];
    peakRss = 0;
    peakHeapUsed = 0;
    protected timer: NodeJS.Timeout | undefined;
    protected started = 0;

    constructor(protected readonly intervalMs: number) { }

    start(started: number): void {
        this.started = started;
        this.sample();
        this.timer = setInterval(() => this.sample(), this.intervalMs);
    }

    stop(): void {
        clearInterval(this.timer);
        this.sample();
    }

    protected sample(): void {
        const { rss, heapUsed } = process.memoryUsage();
        this.peakRss = Math.max(this.peakRss, rss);
        this.peakHeapUsed = Math.max(this.peakHeapUsed, heapUsed);
        this.samples.push({ millis: Math.round(performance.now() - this.started), rss, heapUsed });
    }
}

/**
 * The store alone: `modify` of the same order documents (each adds a log line to its job, as the
 * engine's writes do), as many writes in all as the engine made, one order's writes one after
 * another and `concurrency` orders at a time, as the engine's slots do.
 */
async function measureBaseline(folder: string, writes: number, concurrency: number): Promise<EngineChildResult['baseline']> {
    const store = new FileDocumentStore({ folder, collections: COLLECTIONS });
    await store.ready;
    const ids = [...store.all(OrdersCollection)].map(order => order.id).sort();
    const perOrder = Math.floor(writes / ids.length);
    const extra = writes - perOrder * ids.length;
    global.gc?.();
    const cpuStart = process.cpuUsage();
    const millis = await timeMillis(() => forEachConcurrently(ids, concurrency, async (id, index) => {
        const count = perOrder + (index < extra ? 1 : 0);
        for (let write = 1; write <= count; write++) {
            await store.modify(OrdersCollection, id, order => {
                const at = new Date().toISOString();
                return { ...order, jobs: order.jobs.map(job => ({ ...job, updatedAt: at, log: [...job.log, { at, level: 'info' as const, message: `Bench write ${write}` }] })) };
            });
        }
    }));
    const cpu = process.cpuUsage(cpuStart);
    await store.close();
    return { millis, writes, orders: ids.length, concurrency, cpu: { userMillis: cpu.user / 1000, systemMillis: cpu.system / 1000 } };
}

async function countFiles(folder: string, recursive: boolean, named: (name: string) => boolean = () => true): Promise<number> {
    const entries = await fs.readdir(folder, { recursive, withFileTypes: true });
    return entries.filter(entry => entry.isFile() && !entry.name.startsWith('.') && named(entry.name)).length;
}

serveRequest(measureEngine);
