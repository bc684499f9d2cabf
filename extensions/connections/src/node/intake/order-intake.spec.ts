import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { Connection, ReceivedOrder, RejectedOrderSource } from '@presswork/platform/lib/common';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, OrdersCollection, ProductionTemplatesCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { DocumentUnavailableError } from '@presswork/platform/lib/node/store/store-errors';
import { RejectedOrdersCollection } from '../connection-collections';
import { fetched, receivedOrder, LINE_COUNT } from '../test/received-orders';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { CONNECTIONS_COLLECTIONS } from '../connection-collections';
import { connectionDocument, template } from '../test/connection-documents';
import { jobIdOf, orderDocumentId, rejectedOrderId } from './intake-ids';
import { OrderIntake } from './order-intake';
import { RejectedOrders } from './rejected-orders';

describe('OrderIntake', () => {

    const FIRST_WINDOW = new Date('2026-02-16T08:00:00.000Z');
    const SECOND_WINDOW = new Date('2026-02-16T08:05:00.000Z');

    let temp: TempFolder;
    let store: DocumentStore;
    let rejectedOrders: RejectedOrders;
    let intake: OrderIntake;
    let connection: Connection;

    beforeEach(async () => {
        temp = await TempFolder.create();
        store = await openStore(temp.join('data'), CONNECTIONS_COLLECTIONS);
        rejectedOrders = inject(new RejectedOrders(), { store });
        intake = inject(new OrderIntake(), { store, rejectedOrders });
        connection = await store.create(ConnectionsCollection, connectionDocument('conn-1'));
        await store.create(ProductionTemplatesCollection, template('Printed', { productType: 'Versioned' }));
    });

    afterEach(async () => {
        sinon.restore();
        await store.close();
        await temp.remove();
    });

    function withQuantity(marcomOrderId: string, lineIndex: number, quantity: number): ReceivedOrder {
        const order = receivedOrder(marcomOrderId);
        order.lineItems[lineIndex] = { ...order.lineItems[lineIndex], quantity };
        return order;
    }

    function rejectedSource(marcomOrderId: string | undefined, overrides: Partial<RejectedOrderSource> = {}): RejectedOrderSource {
        return {
            marcomOrderId,
            orderNumber: marcomOrderId && `PW-${marcomOrderId}`,
            path: 'lineItems.0.price.unit.value',
            reason: 'must be a decimal amount such as 125.00',
            source: { OrderID: marcomOrderId, Price: 'twelve fifty' },
            ...overrides
        };
    }

    it('stores each order as one document with all its jobs', async () => {
        const result = await intake.takeIn(connection, fetched([receivedOrder('M-1001'), receivedOrder('M-1002')]), FIRST_WINDOW);

        assert.deepEqual(result, { received: 2, created: 2, duplicates: 0, rejected: 0 });
        assert.equal(store.count(OrdersCollection), 2);
        const order = store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1001'))!;
        assert.equal(order.version, 1);
        assert.equal(order.connectionId, 'conn-1');
        assert.equal(order.orderNumber, 'PW-M-1001');
        assert.equal(order.receivedAt, FIRST_WINDOW.toISOString());
        assert.equal(order.closed, false);
        assert.equal(order.lineItems.length, LINE_COUNT);
        assert.deepEqual(order.jobs.map(job => job.id), order.lineItems.map(line => jobIdOf('conn-1', 'M-1001', line.id)));
        assert.deepEqual(order.jobs.map(job => job.state), ['Waiting', 'Held', 'Held', 'Held']);
        assert.equal(order.jobs[0].workflowId, 'wf-digital');
        assert.deepEqual(store.findBy(OrdersCollection, 'marcomOrder', 'conn-1:M-1002').map(found => found.orderNumber), ['PW-M-1002']);
    });

    it('flags an order whose lines ship to several addresses when it arrives', async () => {
        const several = receivedOrder('M-2001');
        several.lineItems[1] = { ...several.lineItems[1], shipping: { address: { address1: '9 Other St', city: 'Austin', state: 'TX', zip: '73301', country: 'US' } } };
        await intake.takeIn(connection, fetched([receivedOrder('M-2000'), several]), FIRST_WINDOW);
        assert.equal(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-2000'))!.shipsToSeveralAddresses, false);
        assert.equal(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-2001'))!.shipsToSeveralAddresses, true);
    });

    it('counts the same order in the next window as a duplicate and changes nothing', async () => {
        await intake.takeIn(connection, fetched([receivedOrder('M-1001')]), FIRST_WINDOW);
        const before = store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1001'));

        const result = await intake.takeIn(connection, fetched([receivedOrder('M-1001'), receivedOrder('M-1002')]), SECOND_WINDOW);

        assert.deepEqual(result, { received: 2, created: 1, duplicates: 1, rejected: 0 });
        assert.equal(store.count(OrdersCollection), 2);
        const after = store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1001'));
        assert.equal(after, before, 'the stored order is untouched');
        assert.equal(after!.receivedAt, FIRST_WINDOW.toISOString());
    });

    it('creates exactly one order when two intakes of the same order run at once', async () => {
        const results = await Promise.all([
            intake.takeIn(connection, fetched([receivedOrder('M-1001')]), FIRST_WINDOW),
            intake.takeIn(connection, fetched([receivedOrder('M-1001')]), SECOND_WINDOW)
        ]);

        assert.equal(store.count(OrdersCollection), 1);
        assert.equal(results.reduce((sum, result) => sum + result.created, 0), 1);
        assert.equal(results.reduce((sum, result) => sum + result.duplicates, 0), 1);
        assert.equal(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1001'))!.version, 1);
    });

    it('keeps the same order of two connections apart', async () => {
        const other = await store.create(ConnectionsCollection, connectionDocument('conn-2'));
        await intake.takeIn(connection, fetched([receivedOrder('M-1001')]), FIRST_WINDOW);
        const result = await intake.takeIn(other, fetched([receivedOrder('M-1001')]), FIRST_WINDOW);

        assert.equal(result.created, 1);
        assert.equal(store.count(OrdersCollection), 2);
        assert.notEqual(orderDocumentId('conn-1', 'M-1001'), orderDocumentId('conn-2', 'M-1001'));
    });

    it('quarantines an order the store refuses, with the field and the reason, and takes in the rest', async () => {
        const result = await intake.takeIn(connection, fetched([receivedOrder('M-1001'), withQuantity('M-1002', 1, 0), receivedOrder('M-1003')]), FIRST_WINDOW);

        assert.deepEqual(result, { received: 3, created: 2, duplicates: 0, rejected: 1 });
        assert.ok(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1001')));
        assert.equal(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1002')), undefined, 'nothing of the refused order is stored');
        assert.ok(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1003')));

        const quarantined = rejectedOrders.list('conn-1');
        assert.equal(quarantined.length, 1);
        const [rejected] = quarantined;
        assert.equal(rejected.id, rejectedOrderId('conn-1', 'M-1002', undefined));
        assert.equal(rejected.marcomOrderId, 'M-1002');
        assert.equal(rejected.orderNumber, 'PW-M-1002');
        assert.equal(rejected.path, 'lineItems.1.quantity', 'named as the field MarcomCentral sent');
        assert.match(rejected.reason, /too small/i);
        assert.doesNotMatch(rejected.reason, /^jobs\./, 'the path is not repeated in the reason');
        assert.equal(rejected.attempts, 1);
        assert.equal(rejected.firstSeenAt, FIRST_WINDOW.toISOString());
        assert.deepEqual(rejected.source, withQuantity('M-1002', 1, 0), 'the order as received is kept for inspection');
    });

    it('quarantines the sources the connection could not read', async () => {
        const result = await intake.takeIn(connection, fetched([receivedOrder('M-1001')], [rejectedSource('M-2001'), rejectedSource(undefined)]), FIRST_WINDOW);

        assert.deepEqual(result, { received: 3, created: 1, duplicates: 0, rejected: 2 });
        const quarantined = rejectedOrders.list('conn-1');
        assert.equal(quarantined.length, 2);
        const named = rejectedOrders.get(rejectedOrderId('conn-1', 'M-2001', undefined))!;
        assert.equal(named.path, 'lineItems.0.price.unit.value');
        assert.equal(named.reason, 'must be a decimal amount such as 125.00');
        assert.deepEqual(named.source, { OrderID: 'M-2001', Price: 'twelve fifty' });
        assert.ok(quarantined.some(rejected => rejected.marcomOrderId === undefined));
    });

    it('does not quarantine a rejected source whose order is already stored', async () => {
        await intake.takeIn(connection, fetched([receivedOrder('M-1001')]), FIRST_WINDOW);

        const result = await intake.takeIn(connection, fetched([], [rejectedSource('M-1001')]), SECOND_WINDOW);

        assert.equal(result.rejected, 0);
        assert.deepEqual(rejectedOrders.list('conn-1'), []);
        assert.equal(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1001'))!.version, 1);
    });

    it('takes in a quarantined order once it arrives valid, and lets it leave the quarantine', async () => {
        await intake.takeIn(connection, fetched([withQuantity('M-1002', 0, 0)], [rejectedSource('M-2001')]), FIRST_WINDOW);
        assert.equal(rejectedOrders.list('conn-1').length, 2);

        const result = await intake.takeIn(connection, fetched([receivedOrder('M-1002'), receivedOrder('M-2001')]), SECOND_WINDOW);

        assert.deepEqual(result, { received: 2, created: 2, duplicates: 0, rejected: 0 });
        assert.deepEqual(rejectedOrders.list('conn-1'), []);
        assert.equal(store.count(RejectedOrdersCollection), 0);
        assert.equal(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1002'))!.jobs[0].copies, 500);
    });

    it('counts each new refusal of a quarantined order, keeping when it was first seen', async () => {
        await intake.takeIn(connection, fetched([withQuantity('M-1002', 1, 0)]), FIRST_WINDOW);
        await intake.takeIn(connection, fetched([withQuantity('M-1002', 1, 0)]), SECOND_WINDOW);
        await intake.takeIn(connection, fetched([], [rejectedSource('M-1002', { path: 'lineItems.1.quantity', reason: 'not a number' })]), new Date('2026-02-16T08:10:00.000Z'));

        const [rejected] = rejectedOrders.list('conn-1');
        assert.equal(rejectedOrders.list('conn-1').length, 1);
        assert.equal(rejected.attempts, 3);
        assert.equal(rejected.firstSeenAt, FIRST_WINDOW.toISOString());
        assert.equal(rejected.lastSeenAt, '2026-02-16T08:10:00.000Z');
        assert.equal(rejected.path, 'lineItems.1.quantity', 'the latest reason is shown');
        assert.equal(rejected.reason, 'not a number');
    });

    it('lists quarantined orders per connection, most recently seen first', async () => {
        const other = await store.create(ConnectionsCollection, connectionDocument('conn-2'));
        await intake.takeIn(connection, fetched([], [rejectedSource('M-1')]), FIRST_WINDOW);
        await intake.takeIn(connection, fetched([], [rejectedSource('M-2')]), SECOND_WINDOW);
        await intake.takeIn(other, fetched([], [rejectedSource('M-3')]), SECOND_WINDOW);

        assert.deepEqual(rejectedOrders.list('conn-1').map(rejected => rejected.marcomOrderId), ['M-2', 'M-1']);
        assert.deepEqual(rejectedOrders.list('conn-2').map(rejected => rejected.marcomOrderId), ['M-3']);
    });

    it('cuts a huge rejected source down to a summary', async () => {
        const huge = { blob: 'x'.repeat(300_000) };
        await intake.takeIn(connection, fetched([], [rejectedSource('M-9', { source: huge })]), FIRST_WINDOW);

        const [rejected] = rejectedOrders.list('conn-1');
        assert.deepEqual(Object.keys(rejected.source as object).sort(), ['characters', 'start', 'truncated']);
        assert.equal((rejected.source as { truncated: boolean }).truncated, true);
    });

    describe('as a hostile store would send them', () => {

        /** 1,000 lines, each with eight 2 kB finishing options: within every limit of a line, 16 MB of options in all. */
        function hugeOrder(marcomOrderId: string): ReceivedOrder {
            const order = receivedOrder(marcomOrderId);
            const template = order.lineItems[0];
            order.lineItems = Array.from({ length: 1000 }, (_, index) => ({
                ...template,
                id: `${marcomOrderId}-${index + 1}`,
                finishingOptions: Array.from({ length: 8 }, (__, option) => ({ name: `Option ${option}`, value: 'x'.repeat(2000) }))
            }));
            return order;
        }

        it('quarantines an order too big to be stored, with the size as its reason, and takes in the next one', async () => {
            const result = await intake.takeIn(connection, fetched([hugeOrder('M-HUGE'), receivedOrder('M-1002')]), FIRST_WINDOW);

            assert.deepEqual(result, { received: 2, created: 1, duplicates: 0, rejected: 1 });
            assert.ok(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1002')));
            const [rejected] = rejectedOrders.list('conn-1');
            assert.equal(rejected.marcomOrderId, 'M-HUGE');
            assert.match(rejected.reason, /^The order with its jobs would be 1\d\.\d MB stored, more than the 16\.8 MB an order may have$/);
            assert.equal((rejected.source as { truncated?: boolean }).truncated, true, 'the quarantine keeps a summary, not 16 MB');
        });

        it('holds orders taken in and orders quarantined for their size, not those quarantined for a field', async () => {
            await intake.takeIn(connection, fetched([hugeOrder('M-HUGE'), receivedOrder('M-1002'), withQuantity('M-1003', 1, 0)]), FIRST_WINDOW);

            assert.deepEqual(['M-HUGE', 'M-1002', 'M-1003', 'M-9999'].map(id => intake.holds('conn-1', id)), [true, true, false, false]);
        });

        it('keeps finishing options on their line item and out of the job properties', async () => {
            await intake.takeIn(connection, fetched([receivedOrder('M-1001')]), FIRST_WINDOW);

            const order = store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1001'))!;
            assert.deepEqual(order.lineItems[0].finishingOptions, receivedOrder('M-1001').lineItems[0].finishingOptions);
            assert.ok(order.lineItems[0].finishingOptions.length > 0);
            assert.deepEqual(Object.keys(order.jobs[0].properties).filter(key => /finishing/i.test(key)), []);
        });

        it('takes in the orders after one whose stored copy could not be read, instead of stopping', async () => {
            await intake.takeIn(connection, fetched([receivedOrder('M-1001')]), FIRST_WINDOW);
            sinon.stub(store, 'create').callThrough()
                .withArgs(OrdersCollection, sinon.match({ marcomOrderId: 'M-1001' }))
                .rejects(new DocumentUnavailableError('orders', orderDocumentId('conn-1', 'M-1001'), '/data/orders/x.json', 'file is 34.0 MB'));
            sinon.stub(store, 'get').callThrough().withArgs(OrdersCollection, orderDocumentId('conn-1', 'M-1001')).returns(undefined);

            const result = await intake.takeIn(connection, fetched([receivedOrder('M-1001'), receivedOrder('M-1002')]), SECOND_WINDOW);

            assert.deepEqual(result, { received: 2, created: 1, duplicates: 1, rejected: 0 });
            assert.ok(store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1002')));
        });

        it('gives every job of an order its own id', async () => {
            const order = receivedOrder('M-1001');
            await intake.takeIn(connection, fetched([order]), FIRST_WINDOW);

            const jobs = store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1001'))!.jobs;
            assert.equal(new Set(jobs.map(job => job.id)).size, order.lineItems.length);
        });
    });

    it('lets other errors of the store through rather than hide an order', async () => {
        sinon.stub(store, 'create').rejects(new Error('disk full'));
        await assert.rejects(intake.takeIn(connection, fetched([receivedOrder('M-1001')]), FIRST_WINDOW), /disk full/);
    });
});
