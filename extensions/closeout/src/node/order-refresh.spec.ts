import * as assert from 'node:assert/strict';
import { jobIdOf } from '@presswork/connections/lib/node/intake/intake-ids';
import { WAITING_FOR_PRINT_FILE as WAITING_FOR_FILE } from '@presswork/platform/lib/common/job-flow';
import type { Order, ProductionTemplate } from '@presswork/platform/lib/common';
import { ProductionTemplatesCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { refreshOrder } from './order-refresh';
import { CloseoutFixture, storedOrder } from './test/closeout-fixture';
import { ScriptedStore, USD, line, receivedOrder } from './test/scripted-store';

function productionTemplate(match: ProductionTemplate['match']): Omit<ProductionTemplate, 'version'> {
    return { id: 'tpl-cards', name: 'Cards', description: '', match, workflowId: 'wf-digital', defaults: { properties: {} }, enabled: true };
}

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

    it('moves a job\'s due date to its line\'s new ship date, its at-risk time with it', () => {
        const before = stored();
        before.jobs[0] = { ...before.jobs[0], due: '2026-12-01T17:00:00.000Z', atRiskAt: '2026-12-01T09:00:00.000Z' };
        before.jobs[1] = { ...before.jobs[1], due: '2026-12-02T17:00:00.000Z' };
        const moved = (id: string, date: string) => line(id, { shipping: { method: 'UPS Ground', date } });
        const { order, changes } = refreshOrder(before, receivedOrder({ lineItems: [moved('L1', '2026-12-03T17:00:00.000Z'), moved('L2', '2026-12-04T17:00:00.000Z')] }));
        assert.deepEqual(changes, ['Line 1 ship date: (none) → 2026-12-03T17:00:00.000Z', 'Line 2 ship date: (none) → 2026-12-04T17:00:00.000Z']);
        assert.deepEqual([order.jobs[0].due, order.jobs[0].atRiskAt], ['2026-12-03T17:00:00.000Z', '2026-12-03T09:00:00.000Z'], 'still 8 hours before');
        assert.deepEqual([order.jobs[1].due, order.jobs[1].atRiskAt], ['2026-12-04T17:00:00.000Z', undefined], 'never at risk before, never now');
        assert.equal(order.jobs[0].state, before.jobs[0].state);

        const again = refreshOrder(order, receivedOrder({ lineItems: [moved('L1', '2026-12-03T17:00:00.000Z'), line('L2')] }));
        assert.deepEqual(again.order.jobs, order.jobs, 'an unchanged or dropped ship date leaves the due date');
    });

    it('keeps a line the store no longer lists (its job refers to it) and adds a new one, saying so', () => {
        const { order, changes, newLines } = refreshOrder(stored(), receivedOrder({ lineItems: [line('L1'), line('L3')] }));
        assert.deepEqual(order.lineItems.map(each => each.id), ['L1', 'L2', 'L3']);
        assert.deepEqual(changes, ['Line 2 (Product L2) is no longer in MarcomCentral', 'Line 3 (Product L3) is new in MarcomCentral']);
        assert.deepEqual(newLines.map(each => each.id), ['L3']);
    });

    it('derives the several-addresses flag again from the lines as refreshed', () => {
        const austin = { address1: '9 Other St', city: 'Austin', state: 'TX', zip: '73301', country: 'US' };
        const { order } = refreshOrder(stored(), receivedOrder({ lineItems: [line('L1'), line('L2', { shipping: { address: austin } })] }));
        assert.equal(order.shipsToSeveralAddresses, true);
        assert.equal(refreshOrder(order, receivedOrder({ lineItems: [line('L1')] })).order.shipsToSeveralAddresses, true, 'a line the store no longer sends is kept, shipping where it did');
        assert.equal(refreshOrder(stored(), receivedOrder()).order.shipsToSeveralAddresses, false);
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

        it('gives a new line its job through the production templates, in the same write as the line', async () => {
            await fixture.store.create(ProductionTemplatesCollection, productionTemplate({ productType: 'Versioned' }));
            store.fetchOrder.resolves({ orders: [receivedOrder({ lineItems: [line('L1'), line('L2'), line('L3')] })], rejected: [] });
            const { order, changes } = await fixture.refresher.refresh('order-1', 'olivia');
            const jobId = jobIdOf('conn-1', 'M-1001', 'L3');
            const job = order.jobs.find(candidate => candidate.lineItemId === 'L3')!;
            assert.deepEqual([job.id, job.workflowId, job.phase, job.state, job.waitReason], [jobId, 'wf-digital', 'Receive', 'Waiting', WAITING_FOR_FILE]);
            assert.equal(order.version, 2, 'one write: the line and its job together');
            assert.deepEqual(changes, ['Line 3 (Product L3) is new in MarcomCentral', `Job ${jobId} created for line 3`]);
            assert.match(fixture.order().log.at(-1)!.message, new RegExp(`Job ${jobId} created for line 3$`));
        });

        it('holds the new line\'s job with the reason when no production template matches', async () => {
            store.fetchOrder.resolves({ orders: [receivedOrder({ lineItems: [line('L1'), line('L2'), line('L3')] })], rejected: [] });
            const { order, changes } = await fixture.refresher.refresh('order-1', 'olivia');
            const job = order.jobs.find(candidate => candidate.lineItemId === 'L3')!;
            assert.deepEqual([job.state, job.workflowId], ['Held', undefined]);
            assert.equal(job.waitReason, 'No production template matches SKU SKU-L3 (product Product L3, type Versioned)');
            assert.equal(changes[1], `Job ${job.id} created for line 3 and held: ${job.waitReason}`);
        });

        it('never gives a line a second job when Refresh runs again', async () => {
            store.fetchOrder.resolves({ orders: [receivedOrder({ lineItems: [line('L1'), line('L2'), line('L3')] })], rejected: [] });
            await fixture.refresher.refresh('order-1', 'olivia');
            const { order, changes } = await fixture.refresher.refresh('order-1', 'olivia');
            assert.deepEqual(changes, []);
            assert.deepEqual(order.jobs.map(job => job.lineItemId), ['L1', 'L2', 'L3']);
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
