import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { OrderWindow } from '@presswork/platform/lib/common';
import { TOO_LARGE_ORDER_PATH } from '@presswork/platform/lib/common';
import { receivedOrder } from '../test/received-orders';
import type { MarcomCentralClient, MarcomCentralEndpoint } from './marcomcentral-client';
import { MarcomCentralError } from './marcomcentral-error';
import { fetchOrdersInWindow } from './orders-in-window';

const ENDPOINT = { url: 'http://store.example', token: 't', timeZone: 'UTC' } as MarcomCentralEndpoint;
const HOUR: OrderWindow = { start: '2026-06-12T08:00:00.000Z', end: '2026-06-12T09:00:00.000Z' };
const tooLarge = (): MarcomCentralError => new MarcomCentralError('too-large', 'the answer is larger than 20 MB');

/** A client whose answers the test scripts: by date, order heads by date, and by number. */
function scriptedClient(): { client: MarcomCentralClient; byDate: sinon.SinonStub; heads: sinon.SinonStub; byNumber: sinon.SinonStub } {
    const byDate = sinon.stub();
    const heads = sinon.stub();
    const byNumber = sinon.stub();
    const client = { getOrdersByDate: byDate, getOrderHeadsByDate: heads, getOrdersByOrderNumber: byNumber, responseLimitBytes: 20 * 1024 * 1024 };
    return { client: client as unknown as MarcomCentralClient, byDate, heads, byNumber };
}

describe('fetchOrdersInWindow', () => {

    it('answers the window as the store sent it when it is small enough', async () => {
        const { client, byDate, heads } = scriptedClient();
        byDate.resolves({ orders: [receivedOrder('M-1')], rejected: [] });
        const result = await fetchOrdersInWindow(client, ENDPOINT, HOUR);
        assert.deepEqual(result.orders.map(order => order.marcomOrderId), ['M-1']);
        assert.equal(heads.called, false);
    });

    it('reads a window answered too large one order at a time, skipping orders already held, quarantining one too large alone', async () => {
        const { client, byDate, heads, byNumber } = scriptedClient();
        byDate.rejects(tooLarge());
        heads.resolves([{ marcomOrderId: 'M-1', orderNumber: 'PW-1' }, { marcomOrderId: 'M-2', orderNumber: 'PW-2' }, { marcomOrderId: 'M-3', orderNumber: 'PW-3' }]);
        byNumber.withArgs(ENDPOINT, 'PW-2').resolves({ orders: [receivedOrder('M-2')], rejected: [] });
        byNumber.withArgs(ENDPOINT, 'PW-3').rejects(tooLarge());

        const result = await fetchOrdersInWindow(client, ENDPOINT, HOUR, undefined, id => id === 'M-1');

        assert.deepEqual(byNumber.getCalls().map(call => call.args[1]), ['PW-2', 'PW-3']);
        assert.deepEqual(result.orders.map(order => order.marcomOrderId), ['M-2']);
        assert.deepEqual(result.rejected.map(rejected => [rejected.marcomOrderId, rejected.path]), [['M-3', TOO_LARGE_ORDER_PATH]]);
        assert.match(result.rejected[0].reason, /alone is larger than the 20 MB limit/);
    });

    it('halves a window too large even to scan, and gives up at a minute', async () => {
        const { client, byDate, heads } = scriptedClient();
        byDate.rejects(tooLarge());
        heads.rejects(tooLarge());

        await assert.rejects(fetchOrdersInWindow(client, ENDPOINT, HOUR), (error: MarcomCentralError) => error.kind === 'too-large');

        const spans = heads.getCalls().map(call => (Date.parse(call.args[1].end) - Date.parse(call.args[1].start)) / 1000);
        assert.equal(spans[0], 3600);
        assert.equal(spans[1], 1800, 'the first half is scanned next');
        assert.ok(spans.at(-1)! <= 60, `the last scan covers at most a minute (${spans.at(-1)} s)`);
    });
});
