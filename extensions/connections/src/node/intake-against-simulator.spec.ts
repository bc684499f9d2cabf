import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { OrderDetailInput, OrderInput, OrderView, RunningSimulator, SAMPLE_ORDERS, startSimulator } from '@presswork/marcomcentral-simulator';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { orderDocumentId } from './intake/intake-ids';
import { MarcomCentralClient, MarcomCentralError } from './marcomcentral';
import { WINDOW_OVERLAP_MS } from './polling/poll-schedule';
import { SimulatorPipeline } from './test/simulator-pipeline';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';

/**
 * The whole intake against a real simulator: OrderPoller → MarcomCentralConnectionType (real
 * client, sealed tokens) → OrderIntake → FileDocumentStore, with the poll clock and the store
 * clock driven together.
 */

const MINUTE = 60_000;

/** Printable and stocked SKUs of the simulator's catalog, taken in turn for three-line orders. */
const SKUS = ['13933967', '15302443', '17000101', '15302450', '13933980', '17000102', '13933968'];
const CUSTOMERS = ['plee', 'srivera', 'dkim', 'cmoreau', 'jblake', 'anguyen'];

function threeLineOrder(index: number, createDate?: string): OrderInput {
    const lines: OrderDetailInput[] = [0, 1, 2].map(line => ({ SKU: SKUS[(index + line * 2) % SKUS.length] }));
    return { User: { LoginID: CUSTOMERS[index % CUSTOMERS.length] }, OrderDetails: lines, ...(createDate ? { CreateDate: createDate } : {}) };
}

function addMinutes(at: Date | string, minutes: number): Date {
    return new Date(new Date(at).getTime() + minutes * MINUTE);
}

describe('Order intake against the simulator', function () {
    this.timeout(30_000);

    let simulator: RunningSimulator;
    let temp: TempFolder;
    let now: Date;
    let pipelines: SimulatorPipeline[];
    let placed: OrderView[];
    let index: number;

    before(async () => {
        simulator = await startSimulator({ host: '127.0.0.1', port: 0, now: '2026-06-01T08:00:00-07:00' });
    });

    after(async () => {
        await simulator?.close();
    });

    beforeEach(async () => {
        temp = await TempFolder.create('presswork-intake-sim-');
        pipelines = [];
        placed = [];
        index = 0;
    });

    afterEach(async () => {
        sinon.restore();
        for (const pipeline of pipelines) {
            await pipeline.close();
        }
        await temp.remove();
    });

    async function openPipeline(options: { timeoutMs?: number, connectionId?: string } = {}): Promise<SimulatorPipeline> {
        const pipeline = await SimulatorPipeline.open({ folder: temp.path, simulator, clock: () => now, ...options });
        pipelines.push(pipeline);
        return pipeline;
    }

    /** Sets the poll clock and the store clock to the same instant. */
    function setClocks(at: Date | string): void {
        now = new Date(at);
        simulator.setClock(now);
    }

    async function pollAt(pipeline: SimulatorPipeline, at: Date | string): Promise<void> {
        setClocks(at);
        await pipeline.poll();
    }

    /** An order with an explicit CreateDate (offset or store wall time). */
    async function placeAt(createDate: string, input: OrderInput = threeLineOrder(index++)): Promise<OrderView> {
        const order = await simulator.placeOrder({ ...input, CreateDate: createDate });
        placed.push(order);
        return order;
    }

    /** One order at each CreateDate, in turn. */
    async function placeEachAt(createDates: readonly string[]): Promise<OrderView[]> {
        const orders: OrderView[] = [];
        for (const createDate of createDates) {
            orders.push(await placeAt(createDate));
        }
        return orders;
    }

    /** Twelve polls 20 minutes apart from `first`, each after a live order placed 3 minutes before it. */
    async function pollEvery20Minutes(pipeline: SimulatorPipeline, first: Date): Promise<void> {
        for (let poll = 0; poll < 12; poll++) {
            const at = addMinutes(first, poll * 20);
            await placeLive(addMinutes(at, -3));
            await pollAt(pipeline, at);
        }
    }

    /** An order placed "now" on the store clock (no CreateDate: the store stamps it). */
    async function placeLive(at: Date | string): Promise<OrderView> {
        simulator.setClock(new Date(at));
        const order = await simulator.placeOrder(threeLineOrder(index++));
        placed.push(order);
        return order;
    }

    /** Every placed order is stored exactly once, with one job per line item, and nothing else is. */
    function assertExactlyOnce(pipeline: SimulatorPipeline): void {
        const stored = pipeline.ordersByMarcomId();
        for (const order of placed) {
            assert.equal(stored.get(order.ID)?.length, 1, `order ${order.OrderNumber} (${order.CreateDate}) is stored once`);
        }
        assert.equal(pipeline.orders().length, placed.length, 'no order is stored that was not placed');
        const lineItems = placed.reduce((sum, order) => sum + order.OrderDetails.length, 0);
        assert.equal(pipeline.lineItemCount(), lineItems);
        assert.equal(pipeline.jobCount(), lineItems, 'one job per line item');
        const jobIds = pipeline.orders().flatMap(order => order.jobs.map(job => job.id));
        assert.equal(new Set(jobIds).size, jobIds.length, 'job ids are unique');
        const created = pipeline.log().reduce((sum, entry) => sum + entry.created, 0);
        assert.equal(created, placed.length, 'the poll log counts each order created once');
    }

    /** Each successful window starts at or before the end of the previous successful one: no gap. */
    function assertNoGap(pipeline: SimulatorPipeline): void {
        let previousEnd: number | undefined;
        for (const entry of pipeline.log().filter(each => each.errors === 0)) {
            if (previousEnd !== undefined) {
                assert.ok(Date.parse(entry.windowStart) <= previousEnd, `window ${entry.windowStart}..${entry.windowEnd} leaves a gap after ${new Date(previousEnd).toISOString()}`);
            }
            previousEnd = Date.parse(entry.windowEnd);
        }
    }

    function storedCreateDate(pipeline: SimulatorPipeline, order: OrderView): string | undefined {
        return pipeline.store.get(OrdersCollection, orderDocumentId(pipeline.connectionId, order.ID))?.createDate;
    }

    it('stores an order that two overlapping windows both return once, with its jobs', async () => {
        const pipeline = await openPipeline();
        const t0 = new Date('2026-06-10T09:00:00-07:00');
        const early = await placeAt('2026-06-10T08:50:00-07:00', { ...SAMPLE_ORDERS.multiShipTo });
        await pollAt(pipeline, t0);
        const later = await placeAt('2026-06-10T09:02:00-07:00');
        await pollAt(pipeline, addMinutes(t0, 5));

        assertExactlyOnce(pipeline);
        const [first, second] = pipeline.log();
        assert.deepEqual([first.windowStart, first.windowEnd], [addMinutes(t0, -60).toISOString(), t0.toISOString()]);
        assert.deepEqual([second.windowStart, second.windowEnd], [new Date(t0.getTime() - WINDOW_OVERLAP_MS).toISOString(), addMinutes(t0, 5).toISOString()]);
        assert.deepEqual([first.received, first.created, first.duplicates], [1, 1, 0]);
        assert.deepEqual([second.received, second.created, second.duplicates], [2, 1, 1], 'the overlap returns the first order again: a duplicate');
        assert.equal(pipeline.state()?.watermark, addMinutes(t0, 5).toISOString());

        const stored = pipeline.store.get(OrdersCollection, orderDocumentId(pipeline.connectionId, early.ID))!;
        assert.equal(stored.version, 1, 'the duplicate did not touch the stored order');
        assert.equal(stored.orderNumber, early.OrderNumber);
        assert.equal(stored.createDate, '2026-06-10T08:50:00-07:00');
        assert.deepEqual(stored.jobs.map(job => job.lineItemId), early.OrderDetails.map(line => line.ID));
        assert.deepEqual(stored.jobs.map(job => job.files[0]?.sourceUrl),
            early.OrderDetails.map(line => line.JobTicket ? `${simulator.url}/files/${line.ID}.pdf` : undefined));
        assert.deepEqual(stored.jobs.map(job => job.copies), early.OrderDetails.map(line => line.Quantity));
        assert.ok(storedCreateDate(pipeline, later));
    });

    it('takes in every order of the autumn repeated hour exactly once, both instants of each wall time, across polls that cross the change', async () => {
        const pipeline = await openPipeline();
        // 2026-11-01 in Los Angeles: 02:00 PDT (-07:00) becomes 01:00 PST (-08:00); 01:00–02:00 happens twice.
        const repeated = [
            '2026-11-01T00:59:59.999-07:00', '2026-11-01T01:00:00-07:00', '2026-11-01T01:30:00-07:00', '2026-11-01T01:59:59.999-07:00',
            '2026-11-01T01:00:00-08:00', '2026-11-01T01:30:00-08:00', '2026-11-01T01:59:59.999-08:00', '2026-11-01T02:00:00-08:00'
        ];
        const explicit = await placeEachAt(repeated);
        // A wall time without an offset: the store reads the repeated hour as standard time.
        const wallTime = await placeAt('2026-11-01T01:45:00');

        const first = new Date('2026-11-01T00:20:00-07:00');
        await pollEvery20Minutes(pipeline, first);

        assertExactlyOnce(pipeline);
        assertNoGap(pipeline);
        assert.deepEqual(explicit.map(order => storedCreateDate(pipeline, order)), repeated);
        assert.equal(storedCreateDate(pipeline, wallTime), '2026-11-01T01:45:00-08:00');
        assert.ok(pipeline.log().every(entry => entry.errors === 0));
        assert.ok(pipeline.log().some(entry => entry.duplicates > 0), 'the overlapping windows did return orders twice');
        assert.equal(pipeline.state()?.watermark, addMinutes(first, 11 * 20).toISOString());
    });

    it('takes in every order around the spring skipped hour exactly once, across polls that cross the change', async () => {
        const pipeline = await openPipeline();
        // 2026-03-08 in Los Angeles: 02:00 PST (-08:00) becomes 03:00 PDT (-07:00); 02:00–03:00 never happens.
        const around = [
            '2026-03-08T01:30:00-08:00', '2026-03-08T01:59:59.999-08:00', '2026-03-08T03:00:00-07:00',
            '2026-03-08T03:00:00.001-07:00', '2026-03-08T03:30:00-07:00', '2026-03-08T04:00:00-07:00'
        ];
        const explicit = await placeEachAt(around);
        // A wall time in the gap: the store moves it forward by the gap.
        const inTheGap = await placeAt('2026-03-08T02:30:00');

        await pollEvery20Minutes(pipeline, new Date('2026-03-08T00:20:00-08:00'));

        assertExactlyOnce(pipeline);
        assertNoGap(pipeline);
        assert.deepEqual(explicit.map(order => storedCreateDate(pipeline, order)), around);
        assert.equal(storedCreateDate(pipeline, inTheGap), '2026-03-08T03:30:00-07:00');
    });

    it('loses and duplicates nothing when polls in the middle of a series fail (http 500 twice, a cut-off answer, a timeout)', async () => {
        const pipeline = await openPipeline({ timeoutMs: 400 });
        const first = new Date('2026-06-11T09:00:00-07:00');
        const faults: Record<number, () => void> = {
            2: () => simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'http500', times: 2 }),
            5: () => simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'malformed' }),
            7: () => simulator.injectFault({ operation: 'GetOrdersByDate', mode: 'timeout' })
        };
        let watermarkBeforeFailures: string | undefined;
        for (let poll = 0; poll < 10; poll++) {
            const at = addMinutes(first, poll * 10);
            await placeAt(addMinutes(at, -7).toISOString());
            await placeLive(addMinutes(at, -2));
            faults[poll]?.();
            if (poll === 2) {
                watermarkBeforeFailures = pipeline.state()?.watermark;
            }
            await pollAt(pipeline, at);
            if (poll === 3) {
                assert.equal(pipeline.state()?.consecutiveFailures, 2);
                assert.equal(pipeline.state()?.status.state, 'retrying');
                assert.equal(pipeline.state()?.watermark, watermarkBeforeFailures, 'a failed poll does not move the watermark');
            }
        }

        assertExactlyOnce(pipeline);
        assertNoGap(pipeline);
        const log = pipeline.log();
        assert.deepEqual(log.map(entry => entry.errors), [0, 0, 1, 1, 0, 1, 0, 1, 0, 0]);
        assert.match(log[2].error ?? '', /HTTP 500/);
        assert.match(log[5].error ?? '', /could not be read|not well-formed/);
        assert.match(log[7].error ?? '', /did not complete/);
        assert.equal(log[4].windowStart, new Date(Date.parse(watermarkBeforeFailures!) - WINDOW_OVERLAP_MS).toISOString(), 'the recovering poll reaches back to the last stored window');
        assert.equal(pipeline.state()?.consecutiveFailures, 0);
        assert.equal(pipeline.state()?.status.state, 'ok');
    });

    it('continues without a gap after a restart: a new poller over the same store folder resumes from the watermark', async () => {
        const before = await openPipeline();
        const first = new Date('2026-06-12T09:00:00-07:00');
        for (let poll = 0; poll < 3; poll++) {
            const at = addMinutes(first, poll * 10);
            await placeLive(addMinutes(at, -4));
            await pollAt(before, at);
        }
        const watermark = before.state()!.watermark!;
        const storedBefore = before.orders().length;
        await before.close();
        pipelines.splice(pipelines.indexOf(before), 1);

        // While Presswork is down: an order stamped just before the watermark that the store lists late, and orders after it.
        await placeAt(addMinutes(watermark, -1).toISOString());
        await placeLive(addMinutes(watermark, 30));
        await placeLive(addMinutes(watermark, 95));

        const after = await openPipeline();
        assert.equal(after.orders().length, storedBefore, 'the restarted store holds what was taken in before');
        await pollAt(after, addMinutes(watermark, 120));
        await placeLive(addMinutes(watermark, 125));
        await pollAt(after, addMinutes(watermark, 130));

        assertExactlyOnce(after);
        assertNoGap(after);
        const log = after.log();
        assert.equal(log.length, 5, 'the log of the first poller is kept');
        assert.equal(log[3].windowStart, new Date(Date.parse(watermark) - WINDOW_OVERLAP_MS).toISOString(), 'the first window after the restart starts from the watermark, not the first look-back');
        assert.equal(log[3].created, 3);
    });

    it('quarantines an order with a missing product name, takes the others, and keeps one quarantine entry when a window returns it again', async () => {
        const pipeline = await openPipeline();
        const t0 = new Date('2026-06-13T09:00:00-07:00');
        await placeAt('2026-06-13T08:40:00-07:00');
        const nameless = await simulator.placeOrder({ ...threeLineOrder(index++), CreateDate: '2026-06-13T08:50:00-07:00', OrderDetails: [{ SKU: '13933967', ProductName: '' }] });
        await pollAt(pipeline, t0);
        await pollAt(pipeline, addMinutes(t0, 10));

        assertExactlyOnce(pipeline);
        const rejected = pipeline.rejected();
        assert.equal(rejected.length, 1);
        assert.equal(rejected[0].marcomOrderId, nameless.ID);
        assert.equal(rejected[0].path, 'lineItems.0.productName');
        assert.equal(rejected[0].attempts, 2, 'seen again by the overlapping window, kept once');
        assert.deepEqual(pipeline.log().map(entry => entry.rejected), [1, 1]);
    });

    it('gets past an order whose answer alone is over 20 MB: quarantines it by number with the reason, takes its neighbours and the next order in, and moves the watermark on', async function () {
        this.timeout(120_000);
        const pipeline = await openPipeline({ timeoutMs: 30_000 });
        const t0 = new Date('2026-06-12T09:00:00-07:00');
        const productName = 'N'.repeat(1024 * 1024);
        const huge = await simulator.placeOrder({
            OrderNumber: 'HUGE-1', CreateDate: '2026-06-12T08:50:00-07:00',
            OrderDetails: Array.from({ length: 22 }, () => ({ SKU: '13933967', ProductName: productName }))
        });
        // In the window that holds the huge order, whose answer is too large: read one by one, by number.
        const sameMinute = await placeAt('2026-06-12T08:49:59-07:00');
        const after = await placeAt('2026-06-12T08:51:00-07:00');

        await pollAt(pipeline, t0);

        const stored = pipeline.ordersByMarcomId();
        assert.ok(stored.has(sameMinute.ID), 'the order next to the huge one is taken in');
        assert.ok(stored.has(after.ID), 'the order after the huge one is taken in');
        assert.ok(!stored.has(huge.ID));
        const [rejected] = pipeline.rejected();
        assert.equal(pipeline.rejected().length, 1);
        assert.deepEqual([rejected.marcomOrderId, rejected.orderNumber], [huge.ID, 'HUGE-1']);
        assert.match(rejected.reason, /answer for this order alone is larger than the 20 MB limit/);
        const state = pipeline.state()!;
        assert.equal(state.watermark, t0.toISOString(), 'the watermark moved past the huge order');
        assert.equal(state.status.state, 'ok');
        assert.match(state.status.message ?? '', /1 order was quarantined .*Order HUGE-1: MarcomCentral's answer for this order alone is larger than the 20 MB limit/);
        assert.match(pipeline.log()[0].note ?? '', /Order HUGE-1/);

        // The next poll, one interval later, takes the next ordinary order in while the huge one stays quarantined;
        // of the overlap it asks again only for the new order, not for those it holds (nor the huge one).
        const next = await placeLive(addMinutes(t0, 1));
        const client = (pipeline.connectionType as unknown as { client: MarcomCentralClient }).client;
        const byNumber = sinon.spy(client, 'getOrdersByOrderNumber');
        await pollAt(pipeline, addMinutes(t0, 5));
        assert.deepEqual(byNumber.getCalls().map(call => call.args[1]), [next.OrderNumber]);
        assert.ok(pipeline.ordersByMarcomId().has(next.ID), 'intake goes on after the huge order');
        assert.equal(pipeline.rejected().length, 1);
        assert.equal(pipeline.state()?.watermark, addMinutes(t0, 5).toISOString());
        assert.ok(pipeline.log().every(entry => entry.errors === 0));
    });

    it('MarcomCentralConnectionType opens the sealed token: test, fetchOrder and downloadFile against the store', async () => {
        const pipeline = await openPipeline();
        const type = pipeline.connectionType;
        const connection = pipeline.connection;
        assert.ok(!JSON.stringify(connection).includes(simulator.orderToken), 'the stored connection holds the token sealed');
        setClocks('2026-06-14T09:00:00-07:00');

        const result = await type.test(connection);
        assert.equal(result.ok, true, JSON.stringify(result));
        const order = await placeAt('2026-06-14T08:30:00-07:00', SAMPLE_ORDERS.costCenter);
        const fetched = await type.fetchOrder(connection, order.OrderNumber);
        assert.deepEqual(fetched.orders.map(each => each.marcomOrderId), [order.ID]);

        const url = fetched.orders[0].lineItems[0].finalOutputFileUrl!;
        await assert.rejects(type.downloadFile(connection, url, 1_000_000), (error: MarcomCentralError) => error.kind === 'not-ready');
        await simulator.markFileReady(order.OrderDetails[0].ID);
        await assert.rejects(type.downloadFile(connection, url, 100), (error: MarcomCentralError) => error.kind === 'too-large');
        const bytes = await type.downloadFile(connection, url, 1_000_000);
        assert.equal(Buffer.from(bytes).subarray(0, 5).toString('latin1'), '%PDF-');

        const wrong = { ...connection, orderToken: pipeline.secrets.seal('not-the-token') };
        const refused = await type.test(wrong);
        assert.equal(refused.ok, false);
        assert.equal(!refused.ok && refused.reason, 'invalid-token');
    });
});
