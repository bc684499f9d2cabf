import * as assert from 'node:assert/strict';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import { join } from 'node:path';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { CONNECTIONS_COLLECTIONS, ConnectionStatesCollection } from '../connection-collections';
import { OrderIntake } from '../intake/order-intake';
import { RejectedOrders } from '../intake/rejected-orders';
import { MarcomCentralClient } from '../marcomcentral';
import { OrdersParser } from '../marcomcentral/orders-parser';
import { ORDER_COST_CENTER, ORDER_CREDIT_CARD, ordersResponse } from '../marcomcentral/test/canned-responses';
import { CRASH_MARKER } from '../marcomcentral/test/crashing-orders-worker';
import { SoapTestServer, reply } from '../marcomcentral/test/soap-test-server';
import { WorkerPool } from '@presswork/platform/lib/node/worker-pool';
import { MarcomCentralConnectionType } from '../marcomcentral-connection-type';
import { connectionDocument } from '../test/connection-documents';
import { connectionTypesOf } from '../test/received-orders';
import { OrderPoller } from './order-poller';

/** Small, so that a hostile answer exhausts it quickly; still room for the worker's own modules. */
const SMALL_HEAP_MB = 32;

/**
 * Polls whose answer kills the worker reading it (a crash, or a hostile answer that exhausts the
 * worker's memory limit), through the real poller, client and worker pool: the poll fails with a
 * reason an administrator can act on, the process lives on, and the next poll takes its orders in.
 */
describe('A poll whose answer kills the worker reading it', function () {
    this.timeout(30_000);

    let temp: TempFolder;
    let server: SoapTestServer;
    let store: DocumentStore;
    let parser: OrdersParser;
    let poller: OrderPoller;

    beforeEach(async () => {
        temp = await TempFolder.create();
        server = await SoapTestServer.start();
        store = await openStore(temp.join('data'), CONNECTIONS_COLLECTIONS);
        const secrets = new SecretBox(temp.join('data', 'keys', 'secrets.key'));
        parser = new OrdersParser(new WorkerPool({ file: join(__dirname, '..', 'marcomcentral', 'test', 'crashing-orders-worker.js'), size: 1, maxOldGenerationSizeMb: SMALL_HEAP_MB }));
        const type = inject(new MarcomCentralConnectionType(), { secrets, client: new MarcomCentralClient({ timeoutMs: 20_000, ordersParser: parser }) });
        const intake = inject(new OrderIntake(), { store, rejectedOrders: inject(new RejectedOrders(), { store }) });
        poller = inject(new OrderPoller(), {
            store, platform: { whenReady: Promise.resolve() }, types: connectionTypesOf(type), intake, now: () => new Date('2026-02-16T08:00:00.000Z'),
            logger: recordingLogger(), options: { maxWindowMs: 30 * 24 * 3_600_000 }, ownership: new EmbeddedWorkOwnership()
        });
        await store.create(ConnectionsCollection, connectionDocument('conn-1', { endpointUrl: server.url, orderToken: secrets.seal('order-token') }));
    });

    afterEach(async () => {
        poller.onStop();
        await poller.idle();
        await parser.close();
        await server.close();
        await store.close();
        await temp.remove();
    });

    async function pollWith(answer: string): Promise<{ state: string; message?: string }> {
        server.respondWith(reply(200, answer));
        await poller.pollNow('conn-1');
        const status = store.get(ConnectionStatesCollection, 'conn-1')!.status;
        return { state: status.state, message: 'message' in status ? status.message : undefined };
    }

    it('fails the poll when the worker crashes, says so, and takes the orders in on the next poll', async () => {
        const crashed = await pollWith(ordersResponse([ORDER_COST_CENTER.replace('</Order>', `<Comment>${CRASH_MARKER}</Comment></Order>`)]));
        assert.equal(crashed.state, 'retrying');
        assert.match(crashed.message ?? '', /answer to GetOrdersByDate failed: the worker crashed \(scripted crash while reading an answer\). The poll is retried/);
        assert.equal(store.count(OrdersCollection), 0);

        assert.deepEqual(await pollWith(ordersResponse([ORDER_CREDIT_CARD])), { state: 'ok', message: undefined });
        assert.equal(store.count(OrdersCollection), 1);
    });

    it('fails the poll when a hostile answer exhausts the worker\'s memory limit, says so, and takes the orders in on the next poll', async () => {
        // Well within the 20 MB an answer may have, but 600,000 elements to hold.
        const exhausted = await pollWith(ordersResponse([`<Order><ID>1</ID>${'<a b="c"/>'.repeat(600_000)}</Order>`]));
        assert.equal(exhausted.state, 'retrying');
        assert.match(exhausted.message ?? '', new RegExp(`could not be read: the worker ran out of its ${SMALL_HEAP_MB} MB memory limit`));
        assert.match(exhausted.message ?? '', /broken or hostile/);

        assert.deepEqual(await pollWith(ordersResponse([ORDER_CREDIT_CARD])), { state: 'ok', message: undefined });
        assert.equal(store.count(OrdersCollection), 1);
    });
});
