import type { ILogger } from '@theia/core/lib/common/logger';
import { JOB_STATES } from '@presswork/platform/lib/common/job-status';
import { DocumentStore, FileDocumentStore, OrdersCollection, PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store';
import { backendContainer } from './backend-container';
import type { JobQuery } from '@presswork/jobs/lib/common/job-query';
import { JobRowIndex } from '@presswork/jobs/lib/node/query/job-row-index';
import { serveRequest } from './child-process';
import { orderIdAt } from './order-store-fixture';
import { QUERY_ORDERS } from './query-fixture';
import { percentile, seededRandom } from './statistics';

/** Latency in milliseconds, with the p95 the target names. */
export interface QueryLatency {
    readonly samples: number;
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
}

function latencyOf(millis: readonly number[]): QueryLatency {
    const sorted = [...millis].sort((a, b) => a - b);
    return { samples: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

export interface QueryScenario {
    readonly name: string;
    readonly query: JobQuery;
}

export interface QueryMeasurement {
    readonly jobs: number;
    readonly orders: number;
    readonly openMillis: number;
    readonly indexBuildMillis: number;
    readonly heapUsedMB: number;
    readonly scenarios: readonly {
        readonly name: string;
        readonly matchingJobs: number;
        /** The first query of a sort order nobody asked for before: it sorts all jobs once. */
        readonly firstMillis: number;
        /** After a committed change to one order, as a live pod asks again. */
        readonly afterChange: QueryLatency;
        /** The same query again with nothing changed (served from the cached list). */
        readonly repeated: QueryLatency;
    }[];
    /** A text filter the index has not seen lately (a new text per sample): one pass over all jobs. */
    readonly newText: QueryLatency;
    /** Each keystroke of typing a text letter by letter (each narrows the previous matches). */
    readonly typing: QueryLatency;
    /** A committed order change as the index applies it (the store's write excluded). */
    readonly indexApply: QueryLatency;
    readonly baselines: {
        /** `rows.filter(text).slice(0, 100)` over precomputed lower-case texts: a scan without sorting or grouping. */
        readonly filterSlice: QueryLatency;
        /** Copying 100 rows. */
        readonly copy100: QueryLatency;
    };
}

const SAMPLES = 300;
const WARM_UP = 10;
const PAGE = 100;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as unknown as ILogger;

function timed(work: () => unknown): number {
    const start = performance.now();
    work();
    return performance.now() - start;
}

/** What to measure; with `databaseUrl`, over the PostgreSQL store's replica of that database (`folder` is then its data folder). */
export interface QueryRequest {
    readonly folder: string;
    readonly databaseUrl?: string;
    readonly scenarios: QueryScenario[];
    readonly text: string;
    readonly texts: string[];
}

async function measure({ folder, databaseUrl, scenarios, text, texts }: QueryRequest): Promise<QueryMeasurement> {
    const openStart = performance.now();
    const store: DocumentStore = databaseUrl
        ? backendContainer({ dataFolder: folder, databaseUrl, logger: silent, modules: [] }).get(DocumentStore)
        : new FileDocumentStore({ folder, collections: PLATFORM_COLLECTIONS });
    await store.ready;
    const openMillis = performance.now() - openStart;
    const index = new JobRowIndex();
    Object.assign(index, { store, logger: silent });
    const buildStart = performance.now();
    index.initialize();
    await index.whenReady();
    const indexBuildMillis = performance.now() - buildStart;

    const random = seededRandom(9);
    const indexApply: number[] = [];
    /** Commits a state change to one order, timing the index's share of it. */
    const changeOneOrder = async (): Promise<void> => {
        const id = orderIdAt(1 + Math.floor(random() * QUERY_ORDERS));
        const order = store.get(OrdersCollection, id)!;
        const state = JOB_STATES[Math.floor(random() * JOB_STATES.length)];
        const updated = { ...order, jobs: order.jobs.map((job, at) => at === 0 ? { ...job, state, updatedAt: new Date().toISOString() } : job) };
        const apply = index as unknown as { apply(change: object): void };
        const original = apply.apply;
        apply.apply = change => indexApply.push(timed(() => original.call(index, change)));
        try {
            await store.update(OrdersCollection, updated);
        } finally {
            apply.apply = original;
        }
    };

    const results: QueryMeasurement['scenarios'][number][] = [];
    for (const { name, query } of scenarios) {
        const request = { query, offset: 0, limit: PAGE };
        let matchingJobs = 0;
        const firstMillis = timed(() => matchingJobs = index.window(request).matchingJobs);
        const afterChange: number[] = [];
        const repeated: number[] = [];
        for (let sample = 0; sample < WARM_UP + SAMPLES; sample++) {
            await changeOneOrder();
            const millis = timed(() => index.window(request));
            const again = timed(() => index.window(request));
            if (sample >= WARM_UP) {
                afterChange.push(millis);
                repeated.push(again);
            }
        }
        results.push({ name, matchingJobs, firstMillis, afterChange: latencyOf(afterChange), repeated: latencyOf(repeated) });
    }

    const newText: number[] = [];
    for (let sample = 0; sample < WARM_UP + SAMPLES; sample++) {
        const millis = timed(() => index.window({ query: { text: texts[sample % texts.length] }, offset: 0, limit: PAGE }));
        if (sample >= WARM_UP) {
            newText.push(millis);
        }
    }

    const typing: number[] = [];
    for (const word of texts) {
        for (let length = 1; length <= word.length; length++) {
            typing.push(timed(() => index.window({ query: { text: word.slice(0, length) }, offset: 0, limit: PAGE })));
        }
    }

    // Baselines over the same rows, in the same process.
    const rows = [...store.all(OrdersCollection)].flatMap(order => index.rowsOf(order)).map(row => ({
        row, search: [row.id, row.name, row.orderNumber, row.customer, row.workflowName, row.state, row.currentActivity, row.waitReason].join('\u0000').toLowerCase()
    }));
    const needle = text.toLowerCase();
    const filterSlice: number[] = [];
    const copy100: number[] = [];
    for (let sample = 0; sample < WARM_UP + SAMPLES; sample++) {
        const filterMillis = timed(() => rows.filter(job => job.search.includes(needle)).slice(0, PAGE));
        const offset = Math.floor(random() * (rows.length - PAGE));
        const copyMillis = timed(() => rows.slice(offset, offset + PAGE).map(job => ({ ...job.row })));
        if (sample >= WARM_UP) {
            filterSlice.push(filterMillis);
            copy100.push(copyMillis);
        }
    }
    global.gc?.();
    const measurement: QueryMeasurement = {
        jobs: index.size,
        orders: store.count(OrdersCollection),
        openMillis,
        indexBuildMillis,
        heapUsedMB: process.memoryUsage().heapUsed / 1048576,
        scenarios: results,
        newText: latencyOf(newText),
        typing: latencyOf(typing),
        indexApply: latencyOf(indexApply),
        baselines: { filterSlice: latencyOf(filterSlice), copy100: latencyOf(copy100) }
    };
    await store.close();
    return measurement;
}

serveRequest(measure);
