import * as assert from 'node:assert/strict';
import type { ReceivedOrder } from '@presswork/platform/lib/common';
import { ORDERS_PER_SLICE, OrdersSlice, readOrdersAnswer } from './orders-answer';
import { ORDER_COST_CENTER, ordersResponse } from './test/canned-responses';

describe('readOrdersAnswer', () => {
    const orderWithId = (id: number): string => ORDER_COST_CENTER.replace('8004084', String(id));

    function read(xml: string): { slices: ReceivedOrder[][]; answer: ReturnType<typeof readOrdersAnswer> } {
        const slices: ReceivedOrder[][] = [];
        const answer = readOrdersAnswer({
            operation: 'GetOrdersByDate', status: 200, statusText: 'OK', contentType: 'text/xml; charset=utf-8',
            body: [new Uint8Array(Buffer.from(xml, 'utf8'))], timeZone: 'America/Los_Angeles'
        }, (slice: OrdersSlice) => slices.push(JSON.parse(slice.orders) as ReceivedOrder[]));
        return { slices, answer };
    }

    it('hands orders over as the parser reads them: an answer whose end turns out malformed fails after its first slices', () => {
        const whole = ordersResponse(Array.from({ length: 2 * ORDERS_PER_SLICE + 20 }, (_, index) => orderWithId(9_000_000 + index)));
        const cut = whole.slice(0, whole.lastIndexOf('</Orders>')) + '<Order><ID>';
        const { slices, answer } = read(cut);
        assert.deepEqual(slices.map(slice => slice.length), [ORDERS_PER_SLICE, ORDERS_PER_SLICE]);
        assert.equal(slices[0][0].marcomOrderId, '9000000');
        assert.ok(!answer.ok && /not well-formed/.test(answer.error.message), JSON.stringify(answer));
    });

    it('takes only the Order elements of the answer\'s own list, and checks Summary/Count against every one it read', () => {
        const stray = ordersResponse([orderWithId(1), orderWithId(2)]).replace('<Summary>', `<Summary><Orders>${orderWithId(3)}</Orders>`);
        const { slices, answer } = read(stray);
        assert.deepEqual(slices.flat().map(order => order.marcomOrderId), ['1', '2']);
        assert.ok(answer.ok);
        const miscounted = read(ordersResponse([orderWithId(1), orderWithId(2)], { count: 3 }));
        assert.ok(!miscounted.answer.ok && /says Summary\/Count 3 but holds 2 Order elements/.test(miscounted.answer.error.message));
    });
});
