import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { User } from '@presswork/platform/lib/common/user-schema';
import { ChangeFeedHub } from '@presswork/platform/lib/node/change-feed/change-feed-hub';
import type { ChangeFeedSubscriber } from '@presswork/platform/lib/node/change-feed/change-feed-hub';
import { ConnectionsCollection, OrdersCollection } from '@presswork/platform/lib/node/store';
import { CHANGE_FEED_INTERVAL_MS } from '@presswork/platform/lib/common/change-feed-protocol';
import type { DocumentDelta } from '@presswork/platform/lib/common/change-feed-protocol';
import type { Authority } from '@presswork/platform/lib/common/authority';
import { sampleOrder, sampleUser } from '@presswork/platform/lib/node/store/test/sample-documents';
import type { OrderRowsDelta } from '../../common/jobs-protocol';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { JobsStoreFixture, createJobsStoreFixture } from '../test/jobs-store-fixture';
import { JobQueryServiceImpl } from './job-query-service-impl';
import { OrderRowsProjection } from './order-rows-projection';

describe('JobQueryServiceImpl and the orders projection', () => {

    let fixture: JobsStoreFixture;
    let service: JobQueryServiceImpl;
    let projection: OrderRowsProjection;

    beforeEach(async () => {
        fixture = await createJobsStoreFixture();
        service = new JobQueryServiceImpl();
        Object.assign(service, { index: fixture.index, store: fixture.store });
        projection = new OrderRowsProjection();
        Object.assign(projection, { index: fixture.index });
    });

    afterEach(async () => {
        sinon.restore();
        await fixture.dispose();
    });

    it('offers workflows and connections by name only, never a token', async () => {
        await fixture.addWorkflow('wf-2', 'Posters');
        await fixture.addWorkflow('wf-1', 'Business cards');
        await fixture.store.create(ConnectionsCollection, {
            id: 'connection-1', name: 'Main store', description: '', type: 'MarcomCentral', endpointUrl: 'https://store.example.com/api',
            orderToken: { iv: 'AAAAAAAAAAAAAAAAAAAAAA==', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', data: 'c2VjcmV0' },
            timeZone: 'UTC', pollingIntervalSeconds: 300, firstLookBackHours: 24, enabled: true, demo: false
        });
        const choices = await service.facetChoices();
        assert.deepEqual(choices, {
            workflows: [{ id: 'wf-1', name: 'Business cards' }, { id: 'wf-2', name: 'Posters' }],
            connections: [{ id: 'connection-1', name: 'Main store' }]
        });
        assert.ok(!JSON.stringify(choices).includes('c2VjcmV0'));
    });

    it('counts jobs in Error and waiting for closeout, and summarizes an order', async () => {
        await fixture.addOrder('order-1', 4, (_job, at) => ({ state: (['Error', 'Waiting for order closeout', 'Complete', 'Printing'] as const)[at] }),
            { closeout: { closedBy: 'ada', closedAt: '2025-01-16T10:00:00.000Z' } });
        assert.deepEqual(await service.counts(), { error: 1, waitingForCloseout: 1, waitingForBatch: 0, atRisk: 0, closeOutInMarcomCentral: 0, all: 4 });
        const summary = await service.orderSummary('order-1');
        assert.equal(summary?.orderNumber, 'PW-order-1');
        assert.equal(summary?.customer, 'Ada Lovelace');
        assert.equal(summary?.readyForCloseout, 2, 'waiting for closeout and complete');
        assert.equal(summary?.closedBy, 'ada');
        assert.deepEqual(summary?.jobs.map(job => job.state), ['Error', 'Waiting for order closeout', 'Complete', 'Printing']);
        assert.equal(await service.orderSummary('order-none'), undefined);
    });

    it('flags an open order shipping to several addresses: the count, the summary and every job\'s wait reason', async () => {
        const elsewhere = { address1: '9 Other St', city: 'Austin', state: 'TX', zip: '73301', country: 'US' };
        const lineItems = sampleOrder('order-1', 2).lineItems.map((line, at) => at === 1 ? { ...line, shipping: { address: elsewhere } } : line);
        const order = await fixture.addOrder('order-1', 2, (_job, at) => ({ state: (['Retained', 'Queued'] as const)[at], ...(at === 0 ? { waitReason: 'Retained indefinitely' } : {}) }),
            { lineItems, shipsToSeveralAddresses: true });
        await fixture.addOrder('order-2', 1);
        assert.equal((await service.counts()).closeOutInMarcomCentral, 1);
        const summary = await service.orderSummary('order-1');
        assert.equal(summary?.closeOutInMarcomCentral, true);
        assert.deepEqual(summary?.jobs.map(job => job.waitReason), [
            'Retained indefinitely · Close out in MarcomCentral (ships to 2 addresses)', 'Close out in MarcomCentral (ships to 2 addresses)'
        ]);
        assert.equal((await service.orderSummary('order-2'))?.closeOutInMarcomCentral, false);

        // Closed (in MarcomCentral, seen on Refresh): nothing left to close out.
        await fixture.store.modify(OrdersCollection, order.id, current => ({ ...current, closed: true }));
        await fixture.index.whenReady();
        assert.equal((await service.counts()).closeOutInMarcomCentral, 0);
        assert.deepEqual((await service.orderSummary('order-1'))?.jobs.map(job => job.waitReason), ['Retained indefinitely', undefined]);
    });

    it('answers windows once the index is ready', async () => {
        await fixture.addOrder('order-1', 2);
        const window = await service.window({ query: { groupBy: 'orderNumber' }, offset: 0, limit: 2 });
        assert.deepEqual(window.items.map(item => item.kind), ['group', 'job']);
        assert.equal(window.total, 3);
        assert.equal(window.allJobs, 2);
    });

    it('tells which of the given jobs pass a filter, so the pod unselects the others', async () => {
        await fixture.addOrder('order-1', 3, (_job, at) => ({ state: (['Held', 'Waiting', 'Held'] as const)[at] }));
        const ids = fixture.index.rowsOfOrder('order-1').map(row => row.id);
        assert.deepEqual(await service.matchingJobIds({ facets: { state: ['Held'] } }, [...ids, 'job-gone']), [ids[0], ids[2]]);
        assert.deepEqual(await service.matchingJobIds({ text: 'no such text' }, ids), []);
        assert.deepEqual(await service.matchingJobIds({}, ids), ids);
    });

    it('projects an order as the rows of its jobs, nothing else of it', async () => {
        await fixture.addWorkflow('wf-1', 'Business cards');
        const order = await fixture.addOrder('order-1', 2, () => ({ workflowId: 'wf-1' }), {
            paymentMethod: 'CreditCard', creditCard: { authorizationNumber: 'AUTH-778899', cardType: 'Visa' }
        });
        const delta = projection.project(order);
        assert.deepEqual(Object.keys(delta), ['rows']);
        assert.deepEqual(delta.rows, fixture.index.rowsOfOrder('order-1'));
        assert.equal(delta.rows[0].workflowName, 'Business cards');
        assert.ok(!JSON.stringify(delta).includes('AUTH-778899'));
        assert.ok(!JSON.stringify(delta).includes('Press Lane'), 'no address');
        assert.equal(projection.project(order), delta, 'worked out once per document');
        assert.equal(projection.collection, 'orders');
        assert.equal(projection.permission, 'operations.view');
    });

    it('reaches Monitors through the change feed; a deletion comes without a document', async () => {
        const hub = new ChangeFeedHub();
        Object.assign(hub, { store: fixture.store, projectionProvider: { getContributions: () => [projection] }, logger: recordingLogger() });
        hub.initialize();
        const received: DocumentDelta[] = [];
        const monitor: ChangeFeedSubscriber = {
            caller: { user: () => ({ ...sampleUser('monitor-1', 'monitor'), authority: 'Monitor' as Authority }) as User, sessionId: 's' },
            client: { onDidCommit: deltas => received.push(...deltas) },
            collections: new Set(['orders'])
        };
        hub.add(monitor);
        const order = await fixture.addOrder('order-1', 1, () => ({ state: 'Held' }));
        await fixture.store.delete(OrdersCollection, order.id, order.version);
        // The deletion follows the creation within the feed's interval: it goes out when the interval is up.
        await new Promise(resolve => setTimeout(resolve, CHANGE_FEED_INTERVAL_MS + 50));
        assert.deepEqual(received.map(delta => [delta.kind, delta.id]), [['created', 'order-1'], ['deleted', 'order-1']]);
        assert.equal((received[0].document as OrderRowsDelta).rows[0].state, 'Held');
        assert.equal(received[1].document, undefined);
    });
});
