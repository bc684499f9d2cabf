import * as assert from 'node:assert/strict';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { refreshOrder } from './order-refresh';
import { CloseoutFixture, storedOrder } from './test/closeout-fixture';
import { ScriptedStore, USD, line, receivedOrder } from './test/scripted-store';

describe('order refresh', () => {

    function stored(): Order {
        return { ...storedOrder(receivedOrder(), 'order-1', 'conn-1', ['Printing', 'Waiting for order closeout']), version: 4 };
    }

    it('lists what changed in words an operator reads, card numbers masked', () => {
        const fresh = receivedOrder({
            status: 'Shipped',
            creditCard: { authorizationNumber: 'AUTH-111222', authorizationExpirationDate: '2026-12-20T00:00:00.000Z', cardType: 'Visa' },
            lineItems: [line('L1'), line('L2', { quantity: 300, price: { ...line('L2').price, customer: USD('30.00') } })]
        });
        const { changes } = refreshOrder(stored(), fresh);
        assert.deepEqual(changes, [
            'Status: WorkInProgress → Shipped',
            'Card authorization: •••••••8877 → •••••••1222',
            'Line 2 quantity: 100 → 300',
            'Line 2 price: 10.00 USD → 30.00 USD'
        ]);
    });

    it('updates the order and its lines but never its jobs, closeout record or log', () => {
        const before = stored();
        const { order, changes } = refreshOrder(before, receivedOrder({ status: 'Shipped', lineItems: [line('L1', { quantity: 5 }), line('L2')] }));
        assert.equal(changes.length, 2);
        assert.equal(order.status, 'Shipped');
        assert.equal(order.lineItems[0].quantity, 5);
        assert.deepEqual(order.jobs, before.jobs);
        assert.deepEqual([order.id, order.version, order.connectionId, order.closed, order.log], [before.id, before.version, before.connectionId, false, before.log]);
    });

    it('keeps a line the store no longer lists (its job refers to it) and adds a new one, saying so', () => {
        const { order, changes } = refreshOrder(stored(), receivedOrder({ lineItems: [line('L1'), line('L3')] }));
        assert.deepEqual(order.lineItems.map(each => each.id), ['L1', 'L2', 'L3']);
        assert.deepEqual(changes, ['Line 2 (Product L2) is no longer in MarcomCentral', 'Line 3 (Product L3) is new in MarcomCentral']);
    });

    it('reports nothing when nothing changed', () => {
        assert.deepEqual(refreshOrder(stored(), receivedOrder()).changes, []);
    });

    describe('OrderRefresher', () => {
        let fixture: CloseoutFixture;
        let store: ScriptedStore;

        beforeEach(async () => {
            store = new ScriptedStore();
            fixture = await CloseoutFixture.open({ connectionType: store });
            await fixture.addOrder(receivedOrder());
        });

        afterEach(() => fixture.remove());

        it('asks the store for the order by its number, stores the changes and logs them on the order', async () => {
            store.fetchOrder.resolves({ orders: [receivedOrder({ orderNumber: '1001', status: 'Shipped' })], rejected: [] });
            const { order, changes } = await fixture.refresher.refresh('order-1', 'olivia');
            assert.equal(store.fetchOrder.firstCall.args[1], '1001');
            assert.deepEqual(changes, ['Status: WorkInProgress → Shipped']);
            assert.equal(fixture.order().status, 'Shipped');
            assert.equal(order.version, 2);
            const last = fixture.order().log.at(-1)!;
            assert.deepEqual([last.by, last.message], ['olivia', 'Refreshed from Test store: Status: WorkInProgress → Shipped']);
        });

        it('says the store does not know the order, and what was invalid when it sent it broken', async () => {
            await assert.rejects(fixture.refresher.refresh('order-1', 'olivia'), /Test store does not know order 1001/);
            store.fetchOrder.resolves({ orders: [], rejected: [{ marcomOrderId: 'M-1001', orderNumber: '1001', path: 'lineItems.0.quantity', reason: 'must be a number', source: {} }] });
            await assert.rejects(fixture.refresher.refresh('order-1', 'olivia'), /invalid lineItems\.0\.quantity: must be a number/);
            assert.equal(fixture.order().version, 1, 'nothing stored');
        });

        it('says the store did not answer', async () => {
            store.fetchOrder.rejects(new Error('connect ECONNREFUSED'));
            await assert.rejects(fixture.refresher.refresh('order-1', 'olivia'), /Test store did not answer: connect ECONNREFUSED/);
        });
    });
});
