import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { Connection, OrderWindow } from '@presswork/platform/lib/common';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { CONNECTIONS_COLLECTIONS } from '../connection-collections';
import { MarcomCentralClient } from '../marcomcentral';
import { MarcomCentralConnectionType } from '../marcomcentral-connection-type';
import { ORDER_COST_CENTER, ORDER_CREDIT_CARD, ordersResponse } from '../marcomcentral/test/canned-responses';
import { SoapTestServer, reply } from '../marcomcentral/test/soap-test-server';
import { connectionDocument } from '../test/connection-documents';
import { orderDocumentId } from './intake-ids';
import { OrderIntake } from './order-intake';
import { RejectedOrders } from './rejected-orders';

/** Re-reading a window: orders taken in before are recognised by their digest, against a SOAP server and a real store. */
describe('OrderIntake with digests', function () {
    this.timeout(20_000);

    const WINDOW: OrderWindow = { start: '2026-11-26T07:00:00-08:00', end: '2026-11-26T11:00:00-08:00' };
    const NOW = new Date('2026-11-26T19:00:00.000Z');

    let temp: TempFolder;
    let server: SoapTestServer;
    let store: DocumentStore;
    let type: MarcomCentralConnectionType;
    let connection: Connection;

    beforeEach(async () => {
        temp = await TempFolder.create();
        server = await SoapTestServer.start(reply(200, ordersResponse([ORDER_CREDIT_CARD, ORDER_COST_CENTER])));
        store = await openStore(temp.join('data'), CONNECTIONS_COLLECTIONS);
        const secrets = new SecretBox(temp.join('keys', 'secrets.key'));
        type = inject(new MarcomCentralConnectionType(), { secrets, client: new MarcomCentralClient({ timeoutMs: 5_000 }) });
        connection = await store.create(ConnectionsCollection, connectionDocument('conn-1', { endpointUrl: server.url, orderToken: secrets.seal('order-token-1234') }));
    });

    afterEach(async () => {
        sinon.restore();
        await server.close();
        await store.close();
        await temp.remove();
    });

    function intakeOver(over: DocumentStore): OrderIntake {
        return inject(new OrderIntake(), { store: over, rejectedOrders: inject(new RejectedOrders(), { store: over }) });
    }

    async function poll(intake: OrderIntake): Promise<{ mapped: string[]; unchanged: readonly string[]; result: Awaited<ReturnType<OrderIntake['takeIn']>> }> {
        const fetched = await type.fetchOrdersKnowing(connection, WINDOW, intake.knownOrders(connection.id, WINDOW));
        const result = await intake.takeIn(connection, fetched, NOW);
        return { mapped: fetched.orders.map(order => order.marcomOrderId), unchanged: fetched.unchanged ?? [], result };
    }

    it('stores each order with its digest, and recognises an unchanged re-read without mapping or writing anything', async () => {
        const intake = intakeOver(store);
        const first = await poll(intake);
        assert.deepEqual(first.result, { received: 2, created: 2, duplicates: 0, rejected: 0 });
        const stored = store.get(OrdersCollection, orderDocumentId('conn-1', '8004082'))!;
        assert.match(stored.receivedDigest ?? '', /^[0-9a-f]{64}$/);

        // The same orders, listed the other way round and compacted: the same content.
        server.respondWith(reply(200, ordersResponse([ORDER_COST_CENTER.replace(/>\s+</g, '><'), ORDER_CREDIT_CARD])));
        const create = sinon.spy(store, 'create');
        const modify = sinon.spy(store, 'modify');
        const again = await poll(intake);

        assert.deepEqual(again.mapped, [], 'nothing mapped again');
        assert.deepEqual([...again.unchanged].sort(), ['8004082', '8004084']);
        assert.deepEqual(again.result, { received: 2, created: 0, duplicates: 2, rejected: 0 });
        sinon.assert.notCalled(create);
        sinon.assert.notCalled(modify);
        assert.equal(store.get(OrdersCollection, orderDocumentId('conn-1', '8004082')), stored);
    });

    it('notices a changed order and takes it the usual way (a duplicate, as before), then knows its new content', async () => {
        const intake = intakeOver(store);
        await poll(intake);
        server.respondWith(reply(200, ordersResponse([ORDER_CREDIT_CARD.replace('<Status>Pending</Status>', '<Status>Shipped</Status>'), ORDER_COST_CENTER])));

        const changed = await poll(intake);
        assert.deepEqual(changed.mapped, ['8004082'], 'the changed order is mapped again');
        assert.deepEqual(changed.unchanged, ['8004084']);
        assert.deepEqual(changed.result, { received: 2, created: 0, duplicates: 2, rejected: 0 });
        assert.equal(store.get(OrdersCollection, orderDocumentId('conn-1', '8004082'))!.version, 1, 'the stored order is untouched, as before');

        const third = await poll(intake);
        assert.deepEqual(third.mapped, []);
    });

    it('recognises the orders after a restart, from the digests stored with them', async () => {
        await poll(intakeOver(store));
        await store.close();
        store = await openStore(temp.join('data'), CONNECTIONS_COLLECTIONS);

        const afterRestart = await poll(intakeOver(store));
        assert.deepEqual(afterRestart.mapped, []);
        assert.equal(afterRestart.unchanged.length, 2);
    });

    it('takes an order in again when its stored copy is gone, even though its digest is remembered', async () => {
        const intake = intakeOver(store);
        await poll(intake);
        const gone = store.get(OrdersCollection, orderDocumentId('conn-1', '8004084'))!;
        await store.delete(OrdersCollection, gone.id, gone.version);

        const again = await poll(intake);
        assert.deepEqual(again.mapped, ['8004084']);
        assert.equal(again.result.created, 1);
    });
});
