import * as assert from 'node:assert/strict';
import type { Order } from '@presswork/platform/lib/common';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ProductionTemplatesCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { receivedOrder } from '../test/received-orders';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { CONNECTIONS_COLLECTIONS } from '../connection-collections';
import { template } from '../test/connection-documents';
import { orderDocumentId } from './intake-ids';
import { buildJobs } from './job-builder';
import { TemplateReassignment } from './template-reassignment';

describe('TemplateReassignment', () => {
    const NOW = new Date('2026-02-16T08:00:00.000Z');
    let temp: TempFolder;
    let store: DocumentStore;
    let reassignment: TemplateReassignment;

    beforeEach(async () => {
        temp = await TempFolder.create();
        store = await openStore(temp.join('data'), CONNECTIONS_COLLECTIONS);
        reassignment = inject(new TemplateReassignment(), { store });
    });

    afterEach(async () => {
        await store.close();
        await temp.remove();
    });

    function heldOrder(): Order {
        const received = receivedOrder('M-2001');
        const order = { ...received, id: orderDocumentId('conn-1', received.marcomOrderId), connectionId: 'conn-1', receivedAt: NOW.toISOString(), closed: false, log: [] };
        return { ...order, version: 1, jobs: buildJobs(order, [], NOW) };
    }

    it('finds nothing while no template matches the held job', () => {
        const order = heldOrder();
        assert.equal(order.jobs[0].state, 'Held');
        assert.equal(reassignment.assign(order.jobs[0], order), undefined);
    });

    it('gives a held job the workflow and defaults of a template created since', async () => {
        const order = heldOrder();
        const [job] = order.jobs;
        const line = order.lineItems.find(candidate => candidate.id === job.lineItemId)!;
        await store.create(WorkflowsCollection, {
            id: 'wf-cards', name: 'Cards', description: '', enabled: true, jobDefaults: {}, jobOverrides: {},
            phases: { Receive: [{ id: 's1', activity: 'create-job', properties: {} }], Prepare: [], Print: [], Complete: [{ id: 's2', activity: 'retain', properties: {} }] },
            updatedAt: NOW.toISOString()
        });
        const { version: _version, ...cards } = template('Cards', { skuId: line.sku!.id }, { workflowId: 'wf-cards', defaults: { media: 'Cougar 350', properties: {} } });
        await store.create(ProductionTemplatesCollection, cards);
        const assignment = reassignment.assign(job, order);
        assert.equal(assignment?.workflowId, 'wf-cards');
        assert.equal(assignment?.properties.media, 'Cougar 350');
        assert.match(assignment!.note, /Cards/);
    });
});
