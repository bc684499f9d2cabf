import * as assert from 'node:assert/strict';
import type { Connection, Order } from '@presswork/platform/lib/common';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, OrdersCollection, ProductionTemplatesCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { fetched, receivedLineItems, receivedOrder } from '../test/received-orders';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { CONNECTIONS_COLLECTIONS } from '../connection-collections';
import { connectionDocument, template } from '../test/connection-documents';
import { jobIdOf, orderDocumentId } from './intake-ids';
import { NewLineItemJobsBuilder } from './new-line-item-jobs-builder';
import { OrderIntake } from './order-intake';
import { RejectedOrders } from './rejected-orders';

describe('NewLineItemJobsBuilder', () => {
    const NOW = new Date('2026-02-16T08:00:00.000Z');
    const [cards, letter, poster] = receivedLineItems('M-1');

    let temp: TempFolder;
    let store: DocumentStore;
    let connection: Connection;
    let builder: NewLineItemJobsBuilder;

    beforeEach(async () => {
        temp = await TempFolder.create();
        store = await openStore(temp.join('store'), CONNECTIONS_COLLECTIONS);
        connection = await store.create(ConnectionsCollection, connectionDocument('conn-1'));
        await store.create(ProductionTemplatesCollection, template('Cards', { productType: 'Versioned' }, { workflowId: 'wf-cards' }));
        builder = inject(new NewLineItemJobsBuilder(), { store });
    });

    afterEach(async () => {
        await store.close();
        await temp.remove();
    });

    async function takeIn(lines = [cards]): Promise<void> {
        const intake = inject(new OrderIntake(), { store, rejectedOrders: inject(new RejectedOrders(), { store }) });
        await intake.takeIn(connection, fetched([receivedOrder('M-1', { lineItems: lines })]), NOW);
    }

    function order(): Order {
        return store.get(OrdersCollection, orderDocumentId('conn-1', 'M-1'))!;
    }

    it('builds a line\'s job exactly as intake does: same id, template, state and properties', async () => {
        await takeIn();
        const stored = order();
        const [job] = builder.jobsFor({ ...stored, jobs: [] }, [cards], NOW);
        assert.equal(job.id, jobIdOf('conn-1', 'M-1', cards.id));
        assert.deepEqual(job, stored.jobs[0]);
    });

    it('never gives a new line the id of a job the order has', async () => {
        await takeIn();
        const stored = order();
        const [job] = builder.jobsFor(stored, [cards], NOW);
        assert.notEqual(job.id, stored.jobs[0].id);
        assert.equal(job.id, jobIdOf('conn-1', 'M-1', cards.id, 1));
    });

    it('matches the production templates as they are now', async () => {
        await takeIn();
        await store.create(ProductionTemplatesCollection, template('Letters', { productType: 'Variable' }, { workflowId: 'wf-letters' }));
        const [job] = builder.jobsFor(order(), [letter], NOW);
        assert.deepEqual([job.id, job.workflowId, job.state, job.phase, job.lineItemId], [jobIdOf('conn-1', 'M-1', letter.id), 'wf-letters', 'Waiting', 'Receive', letter.id]);
        assert.match(job.log[0].message, /production template "Letters"/);
    });

    it('holds the job of a line no template matches, saying what to match', async () => {
        await takeIn();
        const [job] = builder.jobsFor(order(), [poster], NOW);
        assert.equal(job.state, 'Held');
        assert.equal(job.workflowId, undefined);
        assert.equal(job.waitReason, 'No production template matches SKU POSTER-A2 (product P-POSTER, type JobDirect)');
    });
});
