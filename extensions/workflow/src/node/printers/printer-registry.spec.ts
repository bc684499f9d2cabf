import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { PressworkError } from '@presswork/platform/lib/common';
import type { FileDocumentStore } from '@presswork/platform/lib/node/store/file-document-store';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { DocumentConflictError } from '@presswork/platform/lib/node/store/store-errors';
import { CustomActivitiesCollection } from '../workflow-collections';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { workflowDocument } from '@presswork/platform/lib/node/store/test/sample-documents';
import { WORKFLOW_COLLECTIONS } from '../workflow-collections';
import { PrinterRegistry } from './printer-registry';

describe('PrinterRegistry', () => {

    let temp: TempFolder;
    let store: FileDocumentStore;
    let registry: PrinterRegistry;

    beforeEach(async () => {
        temp = await TempFolder.create('presswork-printers-');
        store = await openStore(temp.join('data'), WORKFLOW_COLLECTIONS);
        registry = inject(new PrinterRegistry(), { store });
    });

    afterEach(async () => {
        await store.close();
        await temp.remove();
    });

    async function refusal(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
        const error = await promise.then(() => undefined, caught => caught);
        assert.ok(error, 'it was refused');
        return error as { code: number; message: string };
    }

    it('creates a hot-folder printer, creating and normalising its folder', async () => {
        const printer = await registry.create({ kind: 'hot-folder', name: ' Indigo ', enabled: true, folder: `${temp.join('dfe', 'in')}/../in/` });

        assert.equal(printer.name, 'Indigo');
        assert.equal(printer.kind === 'hot-folder' && printer.folder, temp.join('dfe', 'in'));
        assert.ok((await fs.stat(temp.join('dfe', 'in'))).isDirectory());
        assert.deepEqual(registry.get(printer.id), printer);
        assert.equal(printer.version, 1);
    });

    it('refuses a relative hot folder and one that is a file', async () => {
        const relative = await refusal(registry.create({ kind: 'hot-folder', name: 'A', enabled: true, folder: 'dfe/in' }));
        assert.equal(relative.code, PressworkError.InvalidInput.code);
        assert.match(relative.message, /absolute path/);

        await fs.writeFile(temp.join('a-file'), '');
        const file = await refusal(registry.create({ kind: 'hot-folder', name: 'B', enabled: true, folder: temp.join('a-file') }));
        assert.equal(file.code, PressworkError.InvalidInput.code);
        assert.match(file.message, /cannot be used as a hot folder/);
    });

    it('creates a raw-socket printer on port 9100 unless told otherwise, and checks the host', async () => {
        const printer = await registry.create({ kind: 'raw-socket', name: 'Versant', enabled: true, host: 'versant-180.print.local' });
        assert.equal(printer.kind === 'raw-socket' && printer.port, 9100);
        await registry.create({ kind: 'raw-socket', name: 'By address', enabled: true, host: '192.0.2.10', port: 9101 });

        for (const host of ['bad host', 'a..b', '-leading.example', 'x'.repeat(64)]) {
            const refused = await refusal(registry.create({ kind: 'raw-socket', name: `Bad ${host}`, enabled: true, host }));
            assert.equal(refused.code, PressworkError.InvalidInput.code, host);
        }
        const badPort = await refusal(registry.create({ kind: 'raw-socket', name: 'Bad port', enabled: true, host: 'a.example', port: 70_000 }));
        assert.equal(badPort.code, PressworkError.InvalidInput.code);
    });

    it('refuses a second printer of the same name, whatever its case', async () => {
        await registry.create({ kind: 'raw-socket', name: 'Versant', enabled: true, host: 'a.example' });

        const refused = await refusal(registry.create({ kind: 'raw-socket', name: 'VERSANT', enabled: true, host: 'b.example' }));

        assert.equal(refused.code, PressworkError.InvalidInput.code);
        assert.match(refused.message, /named Versant already/);
    });

    it('lists printers by name', async () => {
        await registry.create({ kind: 'raw-socket', name: 'Zeta', enabled: true, host: 'z.example' });
        await registry.create({ kind: 'raw-socket', name: 'Alpha', enabled: true, host: 'a.example' });

        assert.deepEqual(registry.list().map(printer => printer.name), ['Alpha', 'Zeta']);
    });

    it('updates with the version it was based on, and refuses a stale one', async () => {
        const printer = await registry.create({ kind: 'raw-socket', name: 'Versant', enabled: true, host: 'a.example' });

        const updated = await registry.update(printer.id, 1, { kind: 'hot-folder', name: 'Versant', enabled: true, folder: temp.join('versant') });
        assert.equal(updated.version, 2);
        assert.equal(updated.kind, 'hot-folder');
        assert.equal('host' in updated, false);

        await assert.rejects(registry.update(printer.id, 1, { kind: 'raw-socket', name: 'Versant', enabled: true, host: 'b.example' }), DocumentConflictError);
    });

    it('lets operators switch a printer off and on', async () => {
        const printer = await registry.create({ kind: 'raw-socket', name: 'Versant', enabled: true, host: 'a.example' });

        assert.equal((await registry.setEnabled(printer.id, false)).enabled, false);
        assert.equal(registry.get(printer.id).enabled, false);
        assert.equal((await registry.setEnabled(printer.id, true)).enabled, true);
        const missing = await refusal(registry.setEnabled('no-such-printer', true));
        assert.equal(missing.code, PressworkError.NotFound.code);
    });

    it('refuses to delete a printer a workflow or custom activity prints to, and deletes it once unused', async () => {
        const printer = await registry.create({ kind: 'raw-socket', name: 'Versant', enabled: true, host: 'a.example' });
        const workflow = await store.create(WorkflowsCollection, workflowDocument('wf-1', {
            name: 'Digital',
            phases: {
                Receive: [{ id: 'r', activity: 'create-job', properties: {} }],
                Prepare: [],
                Print: [{ id: 'p', activity: 'print', properties: { printerId: printer.id } }],
                Complete: [{ id: 'c', activity: 'remove', properties: {} }]
            }
        }));
        await store.create(CustomActivitiesCollection, {
            id: 'custom-1', label: 'Print proofs', description: '', baseType: 'print', defaults: { printerId: printer.id }, updatedAt: '2026-01-01T00:00:00.000Z'
        });

        const refused = await refusal(registry.delete(printer.id, printer.version));
        assert.equal(refused.code, PressworkError.Refused.code);
        assert.match(refused.message, /workflow Digital, custom activity Print proofs/);

        await store.delete(WorkflowsCollection, workflow.id, workflow.version);
        await store.delete(CustomActivitiesCollection, 'custom-1', 1);
        await registry.delete(printer.id, printer.version);
        assert.equal(registry.find(printer.id), undefined);
    });
});
