import * as assert from 'node:assert/strict';
import { PressworkError } from '@presswork/platform/lib/common';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, ProductionTemplatesCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { DocumentConflictError } from '@presswork/platform/lib/node/store/store-errors';
import type { TemplateInput } from '../../common/connections-protocol';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { workflowDocument } from '@presswork/platform/lib/node/store/test/sample-documents';
import { CONNECTIONS_COLLECTIONS } from '../connection-collections';
import { connectionDocument } from '../test/connection-documents';
import { ProductionTemplates } from './production-templates';

describe('ProductionTemplates', () => {

    let temp: TempFolder;
    let store: DocumentStore;
    let templates: ProductionTemplates;

    beforeEach(async () => {
        temp = await TempFolder.create();
        store = await openStore(temp.join('data'), CONNECTIONS_COLLECTIONS);
        templates = inject(new ProductionTemplates(), { store });
        await store.create(WorkflowsCollection, workflowDocument('wf-digital', { name: 'Digital print' }));
        await store.create(WorkflowsCollection, { ...workflowDocument('wf-offset', { name: 'Offset' }), enabled: false });
        await store.create(ConnectionsCollection, connectionDocument('conn-1'));
    });

    afterEach(async () => {
        await store.close();
        await temp.remove();
    });

    function input(overrides: Partial<TemplateInput> = {}): TemplateInput {
        return { name: 'Business cards', match: { skuId: 'BC-STD' }, workflowId: 'wf-digital', ...overrides };
    }

    it('creates a template with the defaults filled in', async () => {
        const created = await templates.create(input({ defaults: { media: 'Cougar 350', dueInHours: 48 } }));
        assert.equal(created.version, 1);
        assert.equal(created.enabled, true);
        assert.equal(created.description, '');
        assert.deepEqual(created.defaults, { media: 'Cougar 350', dueInHours: 48, properties: {} });
        assert.equal(store.get(ProductionTemplatesCollection, created.id)?.name, 'Business cards');
    });

    it('refuses a workflow that does not exist', async () => {
        await assert.rejects(templates.create(input({ workflowId: 'wf-gone' })), error => {
            assert.ok(PressworkError.InvalidInput.is(error as object), String(error));
            assert.equal((error as Error).message, 'The chosen workflow does not exist');
            return true;
        });
        assert.equal(store.count(ProductionTemplatesCollection), 0);
    });

    it('refuses a connection that does not exist', async () => {
        await assert.rejects(templates.create(input({ connectionId: 'conn-gone' })), /The chosen connection does not exist/);
        const own = await templates.create(input({ connectionId: 'conn-1' }));
        assert.equal(own.connectionId, 'conn-1');
    });

    it('refuses a template that matches nothing', async () => {
        await assert.rejects(templates.create(input({ match: {} })), /a template must match a SKU, a product or a product type/);
        await assert.rejects(templates.create(input({ match: { skuId: '' } })));
        assert.equal(store.count(ProductionTemplatesCollection), 0);
    });

    it('keeps the at-risk hours and priority, refusing them out of range or at-risk hours as long as the turnaround', async () => {
        const created = await templates.create(input({ defaults: { priority: 1, dueInHours: 48, atRiskHours: 8 } }));
        assert.deepEqual(created.defaults, { priority: 1, dueInHours: 48, atRiskHours: 8, properties: {} });

        await assert.rejects(templates.create(input({ defaults: { dueInHours: 24, atRiskHours: 24 } })),
            error => {
                assert.ok(PressworkError.InvalidInput.is(error as object), String(error));
                assert.equal((error as Error).message, 'The production template is not valid: defaults.atRiskHours: '
                    + 'At risk must be fewer hours than Due in hours, or every job would be at risk as soon as it arrives');
                return true;
            });
        await assert.rejects(templates.create(input({ defaults: { atRiskHours: 0 } })), /At risk is a whole number of hours from 1 to 720/);
        await assert.rejects(templates.create(input({ defaults: { atRiskHours: 2.5 } })), /atRiskHours/);
        await assert.rejects(templates.create(input({ defaults: { priority: 11 } })), /priority/);
        await assert.rejects(templates.update(created.id, created.version, input({ defaults: { dueInHours: 4, atRiskHours: 8 } })), /fewer hours/);
        assert.equal(store.count(ProductionTemplatesCollection), 1);
        assert.equal(store.get(ProductionTemplatesCollection, created.id)?.defaults.atRiskHours, 8, 'a refused update changes nothing');

        const lineDated = await templates.create(input({ name: 'Dated', defaults: { atRiskHours: 12 } }));
        assert.equal(lineDated.defaults.atRiskHours, 12, 'without a turnaround the hours count back from the line\'s ship date');
    });

    it('refuses a template without a name', async () => {
        await assert.rejects(templates.create(input({ name: '   ' })), /Name is required/);
    });

    it('updates a template at its current version', async () => {
        const created = await templates.create(input());
        const updated = await templates.update(created.id, created.version, input({ name: 'Cards', match: { productType: 'Versioned' } }));
        assert.equal(updated.version, 2);
        assert.equal(updated.id, created.id);
        assert.deepEqual(updated.match, { productType: 'Versioned' });
    });

    it('refuses an update made on a stale version, keeping the newer edit', async () => {
        const created = await templates.create(input());
        await templates.update(created.id, 1, input({ name: 'First edit' }));

        await assert.rejects(templates.update(created.id, 1, input({ name: 'Stale edit' })), DocumentConflictError);
        assert.equal(store.get(ProductionTemplatesCollection, created.id)?.name, 'First edit');
    });

    it('refuses to update a template that is gone, or to point it at a missing workflow', async () => {
        await assert.rejects(templates.update('tpl-gone', 1, input()), error => PressworkError.NotFound.is(error as object));
        const created = await templates.create(input());
        await assert.rejects(templates.update(created.id, 1, input({ workflowId: 'wf-gone' })), /workflow does not exist/);
        assert.equal(store.get(ProductionTemplatesCollection, created.id)?.workflowId, 'wf-digital');
    });

    it('deletes only at the current version', async () => {
        const created = await templates.create(input());
        await templates.update(created.id, 1, input({ name: 'Edited' }));
        await assert.rejects(templates.delete(created.id, 1), DocumentConflictError);
        await templates.delete(created.id, 2);
        assert.equal(store.get(ProductionTemplatesCollection, created.id), undefined);
    });

    it('lists templates and workflow choices by name', async () => {
        await templates.create(input({ name: 'Posters', match: { productType: 'JobDirect' } }));
        await templates.create(input({ name: 'Business cards' }));
        assert.deepEqual(templates.list().map(each => each.name), ['Business cards', 'Posters']);
        assert.deepEqual(templates.workflowChoices(), [
            { id: 'wf-digital', name: 'Digital print', enabled: true },
            { id: 'wf-offset', name: 'Offset', enabled: false }
        ]);
    });
});
