import 'reflect-metadata';
import * as path from 'node:path';
import type { Connection } from '@presswork/platform/lib/common';
import type { DigestedOrders } from '@presswork/connections/lib/node/intake/received-digests';
import { FileDocumentStore, OrdersCollection } from '@presswork/platform/lib/node/store';
import { ConnectionStatesCollection } from '@presswork/connections/lib/node/connection-collections';
import { IntakeResult, OrderIntake, WindowIntake } from '@presswork/connections/lib/node/intake/order-intake';
import { MarcomCentralClient } from '@presswork/connections/lib/node/marcomcentral';
import { orderElementsOf, readOrder } from '@presswork/connections/lib/node/marcomcentral/orders-response';
import { ordersByDateRequest } from '@presswork/connections/lib/node/marcomcentral/query-requests';
import { buildSoapRequest, parseSoapResponse } from '@presswork/connections/lib/node/marcomcentral/soap-envelope';
import { MarcomCentralConnectionType } from '@presswork/connections/lib/node/marcomcentral-connection-type';
import { OrderPoller } from '@presswork/connections/lib/node/polling/order-poller';
import { WINDOW_OVERLAP_MS } from '@presswork/connections/lib/node/polling/poll-schedule';
import { serveRequest } from './child-process';
import { INTAKE_CONNECTION_ID, openIntakeBackend, openIntakeStore } from './intake-backend';
import type { BaselineRun, IntakeChildRequest, IntakeChildResult, IntakePollRun, RepollRun } from './intake-benchmark';
import { timeMillis } from './statistics';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const CONNECTION_ID = INTAKE_CONNECTION_ID;
const MINUTE = 60_000;

/**
 * Presswork's side of the intake benchmark, in a fresh process: the real poller, connection type,
 * client and intake over a fresh durable FileDocumentStore, against the simulator child. Each run
 * times one poll of the whole window, then the baseline: the same documents created directly.
 */
async function measureIntake(request: IntakeChildRequest): Promise<IntakeChildResult> {
    const collectGarbage = global.gc;
    if (!collectGarbage) {
        throw new Error('run with --expose-gc');
    }
    const runs: IntakePollRun[] = [];
    const baselines: BaselineRun[] = [];
    let emptyPollMillis: number[] = [];
    let repolls: RepollRun[] = [];
    let emptyRoundTripMillis: number[] = [];
    for (let run = 1; run <= request.runs; run++) {
        const folder = path.join(request.folder, `run-${run}`);
        const pipeline = await Pipeline.open(path.join(folder, 'intake'), request);
        collectGarbage();
        runs.push(await pipeline.timeOnePoll(request));

        const documents = [...pipeline.store.all(OrdersCollection)].map(({ version: _version, ...document }) => document);
        const baselineStore = await openIntakeStore(path.join(folder, 'baseline'));
        collectGarbage();
        const baselineMillis = await timeMillis(async () => {
            for (const document of documents) {
                await baselineStore.create(OrdersCollection, document);
            }
        });
        baselines.push({ millis: baselineMillis, orders: documents.length, jobs: documents.reduce((sum, order) => sum + order.jobs.length, 0) });
        await baselineStore.close();

        if (run === request.runs) {
            repolls = await pipeline.timeRepolls(request);
            emptyPollMillis = await pipeline.timeEmptyPolls(request);
            emptyRoundTripMillis = await pipeline.timeEmptyRoundTrips(request);
        }
        await pipeline.close();
    }
    return { runs, baselines, repolls, emptyPollMillis, emptyRoundTripMillis, ...await measureClientParsing(request) };
}

/** What the timing wrappers add up during a poll. */
interface PollTimings {
    fetchMillis: number;
    fetchEndedAt: number;
    intakeMillis: number;
    intakeEndedAt: number;
    lastIntake?: IntakeResult;
}

/** The backend's intake wiring, with the fetch and the intake of each poll timed. */
class Pipeline {
    protected constructor(
        readonly store: FileDocumentStore,
        protected readonly poller: OrderPoller,
        protected readonly client: MarcomCentralClient,
        protected readonly endpoint: { url: string, token: string, timeZone: string },
        protected readonly clock: { now: Date },
        protected readonly timings: PollTimings
    ) { }

    static async open(folder: string, request: IntakeChildRequest): Promise<Pipeline> {
        const clock = { now: new Date(request.pollAt) };
        // The whole backlog in one window: the figure is for one poll of 2,000 orders.
        const backend = await openIntakeBackend(folder, request, () => clock.now, 30 * 24 * 3_600_000);
        const timings: PollTimings = { fetchMillis: 0, fetchEndedAt: 0, intakeMillis: 0, intakeEndedAt: 0 };
        timeFetches(backend.connectionType, timings);
        timeIntake(backend.intake, timings);
        return new Pipeline(backend.store, backend.poller, backend.client, { url: request.url, token: request.orderToken, timeZone: request.timeZone }, clock, timings);
    }

    async timeOnePoll(request: IntakeChildRequest): Promise<IntakePollRun> {
        await this.simulatorAdmin('log', 'DELETE');
        this.timings.fetchMillis = 0;
        this.timings.intakeMillis = 0;
        const totalMillis = await timeMillis(() => this.poller.pollNow(CONNECTION_ID));
        const state = this.store.get(ConnectionStatesCollection, CONNECTION_ID);
        if (state?.status.state !== 'ok' || !this.timings.lastIntake) {
            throw new Error(`the measured poll failed: ${state?.status.message ?? 'no state'}`);
        }
        const jobs = [...this.store.all(OrdersCollection)].reduce((sum, order) => sum + order.jobs.length, 0);
        if (this.timings.lastIntake.created !== request.orders || jobs !== request.lineItems) {
            throw new Error(`the poll stored ${this.timings.lastIntake.created} orders and ${jobs} jobs, not ${request.orders} and ${request.lineItems}`);
        }
        const log = await this.simulatorAdmin('log', 'GET') as { url: string, durationMs: number }[];
        const answer = log.find(entry => /order\.asmx$/i.test(entry.url));
        return {
            totalMillis,
            fetchMillis: this.timings.fetchMillis,
            intakeMillis: this.timings.intakeMillis,
            writesAfterFetchMillis: Math.max(0, this.timings.intakeEndedAt - this.timings.fetchEndedAt),
            storeAnswerMillis: answer?.durationMs ?? NaN,
            orders: this.timings.lastIntake.created,
            jobs
        };
    }

    /**
     * Polls of the same window again (every order in it taken in, none changed): the main thread's
     * busy time (event loop utilization), its longest delay and the store's writes, each poll.
     */
    async timeRepolls(request: IntakeChildRequest): Promise<RepollRun[]> {
        const runs: RepollRun[] = [];
        // With the watermark one overlap after the first window's start, the next poll asks for that whole window again.
        const watermark = new Date(Date.parse(request.pollAt) - request.firstLookBackHours * 3_600_000 + WINDOW_OVERLAP_MS).toISOString();
        for (let poll = 0; poll < request.repolls; poll++) {
            await this.store.modify(ConnectionStatesCollection, CONNECTION_ID, state => ({ ...state, watermark }));
            await this.simulatorAdmin('log', 'DELETE');
            const writes: Record<string, number> = {};
            const counting = this.store.onDidChange(change => writes[change.collection] = (writes[change.collection] ?? 0) + 1);
            const delay = monitorEventLoopDelay({ resolution: 1 });
            delay.enable();
            const utilization = performance.eventLoopUtilization();
            const millis = await timeMillis(() => this.poller.pollNow(CONNECTION_ID));
            const busy = performance.eventLoopUtilization(utilization).active;
            delay.disable();
            counting.dispose();
            if (this.timings.lastIntake?.duplicates !== request.orders) {
                throw new Error(`a re-poll of the unchanged window found ${this.timings.lastIntake?.duplicates} orders taken in before, not ${request.orders}`);
            }
            const log = await this.simulatorAdmin('log', 'GET') as { url: string, durationMs: number }[];
            runs.push({ millis, busyMillis: busy, loopDelayMaxMillis: delay.max / 1e6, writes, storeAnswerMillis: log.find(entry => /order\.asmx$/i.test(entry.url))?.durationMs ?? NaN });
        }
        return runs;
    }

    /** Polls of windows without orders, the clock moving on 5 minutes each time; milliseconds each. */
    async timeEmptyPolls(request: IntakeChildRequest): Promise<number[]> {
        const millis: number[] = [];
        for (let poll = 0; poll < request.warmUpPolls + request.emptyPolls; poll++) {
            this.clock.now = new Date(this.clock.now.getTime() + 5 * MINUTE);
            const elapsed = await timeMillis(() => this.poller.pollNow(CONNECTION_ID));
            if (this.timings.lastIntake?.received !== 0 || this.store.get(ConnectionStatesCollection, CONNECTION_ID)?.status.state !== 'ok') {
                throw new Error('an empty poll received orders or failed');
            }
            if (poll >= request.warmUpPolls) {
                millis.push(elapsed);
            }
        }
        return millis;
    }

    /** The client's GetOrdersByDate alone, for an empty window: the share of the wire in an empty poll. */
    async timeEmptyRoundTrips(request: IntakeChildRequest): Promise<number[]> {
        const window = { start: this.clock.now.toISOString(), end: new Date(this.clock.now.getTime() + 5 * MINUTE).toISOString() };
        const millis: number[] = [];
        for (let call = 0; call < request.warmUpPolls + request.emptyPolls; call++) {
            const elapsed = await timeMillis(async () => {
                await this.client.getOrdersByDate(this.endpoint, window);
            });
            if (call >= request.warmUpPolls) {
                millis.push(elapsed);
            }
        }
        return millis;
    }

    async close(): Promise<void> {
        this.poller.onStop();
        await this.poller.idle();
        await this.store.close();
    }

    protected async simulatorAdmin(route: string, method: 'GET' | 'DELETE'): Promise<unknown> {
        const response = await fetch(`${this.endpoint.url}/_sim/${route}`, { method, headers: { Authorization: `Bearer ${this.endpoint.token}` } });
        return response.json();
    }
}

function timeFetches(connectionType: MarcomCentralConnectionType, timings: PollTimings): void {
    // The poller asks through fetchOrdersKnowing (it names the digests it knows).
    const fetchOrdersKnowing = connectionType.fetchOrdersKnowing.bind(connectionType);
    connectionType.fetchOrdersKnowing = async (...args: Parameters<typeof fetchOrdersKnowing>): Promise<DigestedOrders> => {
        const started = performance.now();
        try {
            return await fetchOrdersKnowing(...args);
        } finally {
            timings.fetchEndedAt = performance.now();
            timings.fetchMillis += timings.fetchEndedAt - started;
        }
    };
}

function timeIntake(intake: OrderIntake, timings: PollTimings): void {
    const startWindow = intake.startWindow.bind(intake);
    intake.startWindow = (connection: Connection, now?: Date): WindowIntake => {
        const started = performance.now();
        const window = startWindow(connection, now);
        return {
            add: window.add,
            finish: async fetched => {
                try {
                    return timings.lastIntake = await window.finish(fetched);
                } finally {
                    timings.intakeEndedAt = performance.now();
                    timings.intakeMillis += timings.intakeEndedAt - started;
                }
            }
        };
    };
}

/** The whole window's answer once more: its size, and the client's XML parse and order mapping timed apart. */
async function measureClientParsing(request: IntakeChildRequest): Promise<Pick<IntakeChildResult, 'responseBytes' | 'xmlParseMillis' | 'mappingMillis'>> {
    const window = { start: new Date(Date.parse(request.pollAt) - request.firstLookBackHours * 3_600_000).toISOString(), end: request.pollAt };
    const soap = buildSoapRequest('Order', 'GetOrdersByDate', ordersByDateRequest(request.orderToken, window, request.timeZone));
    const response = await fetch(`${request.url}/TRANS/1.0/Order.asmx`, { method: 'POST', headers: { ...soap.headers }, body: soap.body });
    const bytes = Buffer.from(await response.arrayBuffer());
    const parse: number[] = [];
    const map: number[] = [];
    for (let repeat = 0; repeat < 3; repeat++) {
        global.gc?.();
        const text = new TextDecoder('utf-8').decode(bytes);
        let content: ReturnType<typeof parseSoapResponse> | undefined;
        parse.push(await timeMillis(async () => {
            content = parseSoapResponse(text);
        }));
        if (content?.kind !== 'result') {
            throw new Error('the answer is not a GetOrdersByDate result');
        }
        const element = content.element;
        let orders = 0;
        map.push(await timeMillis(async () => {
            orders = orderElementsOf(element, 'GetOrdersByDate').filter(order => readOrder(order, request.timeZone).kind === 'order').length;
        }));
        if (orders !== request.orders) {
            throw new Error(`the answer maps to ${orders} orders, not ${request.orders}`);
        }
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return { responseBytes: bytes.byteLength, xmlParseMillis: median(parse), mappingMillis: median(map) };
}

serveRequest(measureIntake);
