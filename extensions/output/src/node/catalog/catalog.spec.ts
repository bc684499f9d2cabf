import * as assert from 'node:assert/strict';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { workflowDocument } from '@presswork/platform/lib/node/store/test/sample-documents';
import { OutputFixture, OutputServices, refusal } from '../printers/test/output-services';

describe('Printer pools and the media catalog', () => {

    let fixture: OutputFixture;
    let store: DocumentStore;
    let services: OutputServices;

    beforeEach(async () => {
        fixture = await OutputFixture.open('presswork-catalog-');
        ({ store, services } = fixture);
    });

    afterEach(() => fixture.dispose());

    async function printer(name: string): Promise<string> {
        return (await services.printers.create({ kind: 'raw-socket', name, enabled: true, host: `${name.toLowerCase()}.example` })).id;
    }

    it('keeps a pool\'s printers in their order, handing over after 5 minutes unless told otherwise', async () => {
        const [a, b] = [await printer('Alpha'), await printer('Beta')];

        const pool = await services.pools.create({ name: ' Digital ', printerIds: [b, a] });

        assert.deepEqual([pool.name, pool.printerIds, pool.handOverAfterMinutes, pool.version], ['Digital', [b, a], 5, 1]);
        const updated = await services.pools.update(pool.id, pool.version, { name: 'Digital', printerIds: [a], handOverAfterMinutes: 10 });
        assert.deepEqual([updated.printerIds, updated.handOverAfterMinutes, updated.version], [[a], 10, 2]);
        assert.deepEqual(services.pools.list().map(listed => listed.name), ['Digital']);
    });

    it('refuses a pool of a printer that does not exist, a printer twice, and a name taken', async () => {
        const a = await printer('Alpha');
        await services.pools.create({ name: 'Digital', printerIds: [a] });

        const missing = await refusal(services.pools.create({ name: 'Other', printerIds: [a, 'no-such-printer'] }));
        assert.equal(missing.code, PressworkError.InvalidInput.code);
        assert.match(missing.message, /no printer no-such-printer/);
        const twice = await refusal(services.pools.create({ name: 'Other', printerIds: [a, a] }));
        assert.match(twice.message, /only once/);
        const taken = await refusal(services.pools.create({ name: 'DIGITAL', printerIds: [] }));
        assert.match(taken.message, /a pool named Digital already/);
    });

    it('refuses to delete a pool or medium a workflow or custom activity uses, in words', async () => {
        const pool = await services.pools.create({ name: 'Digital', printerIds: [] });
        const medium = await services.media.create({ name: 'Letter 100 gsm', sizeName: 'na_letter_8.5x11in', weightGsm: 100 });
        const workflow = await store.create(WorkflowsCollection, workflowDocument('wf-1', {
            name: 'Cards',
            phases: {
                Receive: [{ id: 'r', activity: 'create-job', properties: {} }],
                Prepare: [],
                Print: [{ id: 'p', activity: 'print', properties: { poolId: pool.id, mediumId: medium.id } }],
                Complete: [{ id: 'c', activity: 'remove', properties: {} }]
            }
        }));
        fixture.customActivities[`mediumId=${medium.id}`] = ['custom activity Print proofs'];

        const poolRefused = await refusal(services.pools.delete(pool.id, pool.version));
        assert.equal(poolRefused.code, PressworkError.Refused.code);
        assert.match(poolRefused.message, /Digital is used by workflow Cards/);
        const mediumRefused = await refusal(services.media.delete(medium.id, medium.version));
        assert.match(mediumRefused.message, /Letter 100 gsm is used by workflow Cards, custom activity Print proofs/);

        await store.delete(WorkflowsCollection, workflow.id, workflow.version);
        fixture.customActivities = {};
        await services.pools.delete(pool.id, pool.version);
        await services.media.delete(medium.id, medium.version);
        assert.deepEqual([services.pools.list(), services.media.list()], [[], []]);
    });

    it('lists media by name and refuses a second medium of the same name or one without a size', async () => {
        await services.media.create({ name: 'Tabloid', sizeName: 'na_ledger_11x17in' });
        await services.media.create({ name: 'Letter', sizeName: 'na_letter_8.5x11in', type: 'stationery', color: 'white' });

        assert.deepEqual(services.media.list().map(medium => medium.name), ['Letter', 'Tabloid']);
        const taken = await refusal(services.media.create({ name: 'letter', sizeName: 'na_letter_8.5x11in' }));
        assert.match(taken.message, /a medium named Letter already/);
        const sizeless = await refusal(services.media.create({ name: 'No size', sizeName: ' ' }));
        assert.equal(sizeless.code, PressworkError.InvalidInput.code);
        assert.match(sizeless.message, /sizeName/);
    });
});
