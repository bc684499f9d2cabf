import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { PressworkError } from '@presswork/platform/lib/common';
import { shardOf } from '@presswork/platform/lib/node/store/file-document-store';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PrintersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { DocumentConflictError } from '@presswork/platform/lib/node/store/store-errors';
import type { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { workflowDocument } from '@presswork/platform/lib/node/store/test/sample-documents';
import { PrinterSchema, printerView } from '@presswork/platform/lib/common/printer-schema';
import { PrinterPools } from '../catalog/printer-pools';
import { PrinterRegistry } from './printer-registry';
import { OutputFixture, refusal } from './test/output-services';

describe('PrinterRegistry', () => {

    let fixture: OutputFixture;
    let temp: TempFolder;
    let store: DocumentStore;
    let registry: PrinterRegistry;
    let pools: PrinterPools;

    beforeEach(async () => {
        fixture = await OutputFixture.open('presswork-printers-');
        ({ temp, store } = fixture);
        ({ printers: registry, pools } = fixture.services);
    });

    afterEach(() => fixture.dispose());

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
        fixture.customActivities[`printerId=${printer.id}`] = ['custom activity Print proofs'];

        const refused = await refusal(registry.delete(printer.id, printer.version));
        assert.equal(refused.code, PressworkError.Refused.code);
        assert.match(refused.message, /workflow Digital, custom activity Print proofs/);

        await store.delete(WorkflowsCollection, workflow.id, workflow.version);
        fixture.customActivities = {};
        await registry.delete(printer.id, printer.version);
        assert.equal(registry.find(printer.id), undefined);
    });

    it('refuses to delete a printer that stands in a pool, naming the pool', async () => {
        const printer = await registry.create({ kind: 'raw-socket', name: 'Versant', enabled: true, host: 'a.example' });
        const pool = await pools.create({ name: 'Digital presses', printerIds: [printer.id] });

        const refused = await refusal(registry.delete(printer.id, printer.version));
        assert.equal(refused.code, PressworkError.Refused.code);
        assert.match(refused.message, /Versant is used by pool Digital presses/);

        await pools.delete(pool.id, pool.version);
        await registry.delete(printer.id, printer.version);
    });

    describe('IPP printers', () => {

        it('checks the URI: ipp or ipps, a host, an optional port, a path, no credentials', async () => {
            const printer = await registry.create({ kind: 'ipp', name: 'Versant IPP', enabled: true, uri: 'ipps://versant.print.local:631/ipp/print' });
            assert.equal(printer.kind === 'ipp' && printer.uri, 'ipps://versant.print.local:631/ipp/print');
            await registry.create({ kind: 'ipp', name: 'By address', enabled: true, uri: 'ipp://192.0.2.10/printers/indigo' });

            for (const [uri, words] of [
                ['http://versant.example/ipp/print', /ipp:\/\/ or ipps:\/\//],
                ['ipp://anna:secret@versant.example/ipp/print', /user name or password/],
                ['ipp://versant.example', /path/],
                ['ipp://bad host/ipp/print', /URI|host/],
                ['ipp://versant.example/ipp/print?x=1', /query/],
                ['versant.example/ipp/print', /URI/]
            ] as const) {
                const refused = await refusal(registry.create({ kind: 'ipp', name: `Bad ${uri}`, enabled: true, uri }));
                assert.equal(refused.code, PressworkError.InvalidInput.code, uri);
                assert.match(refused.message, words, uri);
            }
        });

        it('seals the password at rest, shows browsers only that one is set, and keeps it on an edit without one', async () => {
            const printer = await registry.create({ kind: 'ipp', name: 'Versant', enabled: true, uri: 'ipp://versant.example/ipp/print', userName: 'presswork', password: 'S3cret-IPP' });

            const onDisk = await fs.readFile(temp.join('data', PrintersCollection.name, shardOf(printer.id), `${printer.id}.json`), 'utf8');
            assert.match(onDisk, /"password":\{"iv"/);
            assert.doesNotMatch(onDisk, /S3cret-IPP/, 'the password is never stored in clear');
            assert.equal(registry.passwordOf(printer), 'S3cret-IPP');
            const view = printerView(printer);
            assert.equal('password' in view, false);
            assert.equal(view.passwordSet, true);
            assert.equal(view.kind === 'ipp' && view.userName, 'presswork');

            const renamed = await registry.update(printer.id, printer.version, { kind: 'ipp', name: 'Versant 180', enabled: true, uri: 'ipp://versant.example/ipp/print', userName: 'presswork' });
            assert.equal(registry.passwordOf(renamed), 'S3cret-IPP', 'an edit without a new password keeps the sealed one');

            const changed = await registry.update(printer.id, renamed.version, { kind: 'ipp', name: 'Versant 180', enabled: true, uri: 'ipp://versant.example/ipp/print', password: 'N3w-one' });
            assert.equal(registry.passwordOf(changed), 'N3w-one');
            assert.equal(changed.kind === 'ipp' && changed.userName, undefined);

            const cleared = await registry.update(printer.id, changed.version, { kind: 'ipp', name: 'Versant 180', enabled: true, uri: 'ipp://versant.example/ipp/print', clearPassword: true });
            assert.equal(printerView(cleared).passwordSet, false);
            assert.ok(PrinterSchema.safeParse(cleared).success);
        });
    });
});
