import { RejectedOrders } from './intake/rejected-orders';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as sinon from 'sinon';
import { PressworkError } from '@presswork/platform/lib/common';
import { shardOf } from '@presswork/platform/lib/node/store/file-document-store';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { DocumentConflictError } from '@presswork/platform/lib/node/store/store-errors';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import type { ConnectionInput } from '../common/connection-input';
import { ConnectionLogsCollection, ConnectionStatesCollection } from './connection-collections';
import { ConnectionRegistry } from './connection-registry';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { RecordingLogger, recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { CONNECTIONS_COLLECTIONS } from './connection-collections';

describe('ConnectionRegistry', () => {

    const ORDER_TOKEN = 'order-token-7f3a9c51e2';
    const CLOSEOUT_TOKEN = 'closeout-token-b8d4e60f17';

    let temp: TempFolder;
    let store: DocumentStore;
    let secrets: SecretBox;
    let logger: RecordingLogger;
    let registry: ConnectionRegistry;

    beforeEach(async () => {
        temp = await TempFolder.create();
        store = await openStore(temp.join('data'), CONNECTIONS_COLLECTIONS);
        secrets = new SecretBox(temp.join('data', 'keys', 'secrets.key'));
        logger = recordingLogger();
        const rejectedOrders = inject(new RejectedOrders(), { store });
        registry = inject(new ConnectionRegistry(), { store, secrets, logger, rejectedOrders });
    });

    afterEach(async () => {
        sinon.restore();
        await store.close();
        await temp.remove();
    });

    function input(overrides: Partial<ConnectionInput> = {}): ConnectionInput {
        return {
            name: 'Acme store',
            description: 'The Acme brand store',
            endpointUrl: 'https://acme.marcomcentral.example.com/services',
            orderToken: ORDER_TOKEN,
            closeoutToken: CLOSEOUT_TOKEN,
            timeZone: 'America/New_York',
            pollingIntervalSeconds: 600,
            firstLookBackHours: 48,
            enabled: true,
            ...overrides
        };
    }

    async function storedFile(id: string): Promise<string> {
        return fs.readFile(temp.join('data', ConnectionsCollection.name, shardOf(id), `${id}.json`), 'utf8');
    }

    it('seals the tokens: neither the document, its file nor the view holds their text', async () => {
        const created = await registry.create(input());

        const stored = store.get(ConnectionsCollection, created.id)!;
        for (const text of [JSON.stringify(stored), await storedFile(created.id), JSON.stringify(registry.view(stored))]) {
            assert.equal(text.includes(ORDER_TOKEN), false);
            assert.equal(text.includes(CLOSEOUT_TOKEN), false);
        }
        assert.equal(secrets.open(stored.orderToken!), ORDER_TOKEN);
        assert.equal(secrets.open(stored.closeoutToken!), CLOSEOUT_TOKEN);

        const view = registry.view(stored);
        assert.equal(view.orderTokenSet, true);
        assert.equal(view.closeoutTokenSet, true);
        assert.equal('orderToken' in view, false);
        assert.equal('closeoutToken' in view, false);
        assert.equal(JSON.stringify(view).includes(stored.orderToken!.data), false, 'not even the sealed token leaves');
        assert.equal(view.name, 'Acme store');
        assert.equal(view.timeZone, 'America/New_York');
        assert.equal(view.demo, false);
        assert.deepEqual(view.status, { state: 'idle' });
        sinon.assert.calledWithMatch(logger.info, /Acme store created/);
    });

    it('says a token is not set when none was given', async () => {
        const created = await registry.create(input({ orderToken: undefined, closeoutToken: undefined }));
        const view = registry.view(created);
        assert.equal(view.orderTokenSet, false);
        assert.equal(view.closeoutTokenSet, false);
        assert.equal(created.orderToken, undefined);
    });

    it('refuses a connection with a blank token or a non-http endpoint', async () => {
        await assert.rejects(registry.create(input({ orderToken: '   ' })), /a token may not be empty/);
        await assert.rejects(registry.create(input({ endpointUrl: 'file:///etc/passwd' })), /must be an http or https URL/);
        assert.equal(store.count(ConnectionsCollection), 0);
    });

    it('keeps the print file hosts an administrator lists, lower-cased, and refuses anything but host names and addresses', async () => {
        const created = await registry.create(input({ printFileHosts: ['Files.Acme.example.com', '203.0.113.7'] }));
        assert.deepEqual(store.get(ConnectionsCollection, created.id)?.printFileHosts, ['files.acme.example.com', '203.0.113.7']);
        assert.deepEqual(created.printFileHosts, ['files.acme.example.com', '203.0.113.7']);
        for (const host of ['https://files.example.com/', 'files.example.com:8443', 'files example', '']) {
            await assert.rejects(registry.create(input({ printFileHosts: [host] })), /host name or IP address/, host);
        }
    });

    it('keeps the stored tokens when an update gives none', async () => {
        const created = await registry.create(input());
        const updated = await registry.update(created.id, created.version, input({ orderToken: undefined, closeoutToken: undefined, name: 'Acme (renamed)' }));

        assert.equal(updated.version, 2);
        assert.equal(updated.name, 'Acme (renamed)');
        assert.deepEqual(updated.orderToken, created.orderToken);
        assert.deepEqual(updated.closeoutToken, created.closeoutToken);
        assert.equal(secrets.open(updated.orderToken!), ORDER_TOKEN);
    });

    it('replaces a token that is given again', async () => {
        const created = await registry.create(input());
        const updated = await registry.update(created.id, created.version, input({ orderToken: 'a-new-order-token', closeoutToken: undefined }));
        assert.equal(secrets.open(updated.orderToken!), 'a-new-order-token');
        assert.equal(secrets.open(updated.closeoutToken!), CLOSEOUT_TOKEN);
    });

    it('removes the closeout token on clearCloseoutToken, keeping the order token', async () => {
        const created = await registry.create(input());
        const updated = await registry.update(created.id, created.version, input({ orderToken: undefined, closeoutToken: undefined, clearCloseoutToken: true }));

        assert.equal(updated.closeoutToken, undefined);
        assert.equal(secrets.open(updated.orderToken!), ORDER_TOKEN);
        const view = registry.view(updated);
        assert.equal(view.closeoutTokenSet, false);
        assert.equal(view.orderTokenSet, true);
        assert.equal((await storedFile(created.id)).includes('closeoutToken'), false);
    });

    it('refuses an update made on a stale version, keeping the newer edit', async () => {
        const created = await registry.create(input());
        await registry.update(created.id, 1, input({ name: 'First edit' }));

        await assert.rejects(registry.update(created.id, 1, input({ name: 'Stale edit' })), DocumentConflictError);
        assert.equal(registry.get(created.id).name, 'First edit');
    });

    it('refuses to update or delete a connection that is gone', async () => {
        await assert.rejects(registry.update('gone', 1, input()), error => PressworkError.NotFound.is(error as object));
        await assert.rejects(registry.delete('gone', 1), error => PressworkError.NotFound.is(error as object));
    });

    it('copies a connection disabled, named "Copy of …", with its tokens kept on the server', async () => {
        const created = await registry.create(input());

        const copy = await registry.copy(created.id);
        const second = await registry.copy(created.id);

        assert.notEqual(copy.id, created.id);
        assert.equal(copy.name, 'Copy of Acme store');
        assert.equal(second.name, 'Copy of Acme store (2)');
        assert.equal(copy.enabled, false);
        assert.equal(copy.demo, false);
        assert.equal(copy.version, 1);
        assert.equal(copy.endpointUrl, created.endpointUrl);
        assert.equal(secrets.open(copy.orderToken!), ORDER_TOKEN);
        assert.equal(registry.view(copy).status.state, 'disabled');
        assert.equal(registry.get(created.id).enabled, true, 'the original is untouched');
    });

    it('exports connections without tokens and without ids', async () => {
        const acme = await registry.create(input());
        await registry.create(input({ name: 'Globex store', endpointUrl: 'https://globex.example.com/services' }));

        const json = registry.exportJson([acme.id]);
        const exported = JSON.parse(json);

        assert.equal(json.includes(ORDER_TOKEN), false);
        assert.equal(json.includes(CLOSEOUT_TOKEN), false);
        assert.equal(json.includes(acme.orderToken!.data), false);
        assert.equal(json.includes(acme.id), false);
        assert.equal(exported.format, 'presswork-connections');
        assert.equal(exported.version, 1);
        assert.deepEqual(exported.connections, [{
            name: 'Acme store',
            description: 'The Acme brand store',
            type: 'MarcomCentral',
            endpointUrl: 'https://acme.marcomcentral.example.com/services',
            timeZone: 'America/New_York',
            pollingIntervalSeconds: 600,
            firstLookBackHours: 48,
            printFileHosts: []
        }]);
        assert.equal(JSON.parse(registry.exportJson([])).connections.length, 2, 'no ids: every connection');
    });

    it('imports an export as new, disabled connections without tokens', async () => {
        const acme = await registry.create(input());
        const json = registry.exportJson([acme.id]);

        const imported = await registry.importJson(json);

        assert.equal(imported.length, 1);
        const [copy] = imported;
        assert.notEqual(copy.id, acme.id);
        assert.equal(copy.name, 'Acme store (2)', 'a name already taken gets a number');
        assert.equal(copy.enabled, false);
        assert.equal(copy.orderToken, undefined);
        assert.equal(copy.closeoutToken, undefined);
        assert.equal(copy.endpointUrl, acme.endpointUrl);
        assert.equal(copy.pollingIntervalSeconds, 600);
        assert.equal(copy.timeZone, 'America/New_York');
    });

    it('ignores tokens and "enabled" smuggled into an import', async () => {
        const json = JSON.stringify({
            format: 'presswork-connections', version: 1,
            connections: [{ name: 'Smuggled', endpointUrl: 'https://evil.example.com/', orderToken: 'planted-token', enabled: true, id: 'planted-id' }]
        });

        const [connection] = await registry.importJson(json);

        assert.equal(connection.enabled, false);
        assert.equal(connection.orderToken, undefined);
        assert.notEqual(connection.id, 'planted-id');
        assert.equal(JSON.stringify(store.get(ConnectionsCollection, connection.id)).includes('planted-token'), false);
    });

    it('refuses to import what is not an export, saying so', async () => {
        await assert.rejects(registry.importJson('not json at all'), error => {
            assert.ok(PressworkError.InvalidInput.is(error as object));
            assert.equal((error as Error).message, 'The file is not JSON');
            return true;
        });
        for (const json of [
            JSON.stringify({ connections: [] }),
            JSON.stringify({ format: 'presswork-connections', version: 2, connections: [] }),
            JSON.stringify([{ name: 'x', endpointUrl: 'https://x.example.com' }]),
            JSON.stringify({ format: 'presswork-connections', version: 1, connections: [{ name: '', endpointUrl: 'https://x.example.com' }] })
        ]) {
            await assert.rejects(registry.importJson(json), error => {
                assert.ok(PressworkError.InvalidInput.is(error as object), String(error));
                assert.match((error as Error).message, /^The file is not a Presswork connections export: /);
                return true;
            }, json);
        }
        assert.equal(store.count(ConnectionsCollection), 0, 'nothing half-imported');
    });

    it('deletes a connection with its state and log', async () => {
        const created = await registry.create(input());
        const other = await registry.create(input({ name: 'Other' }));
        for (const id of [created.id, other.id]) {
            await store.create(ConnectionStatesCollection, { id, watermark: '2026-02-16T08:00:00.000Z', consecutiveFailures: 0, status: { state: 'ok' } });
            await store.create(ConnectionLogsCollection, { id, entries: [] });
        }

        await registry.delete(created.id, created.version);

        assert.equal(store.get(ConnectionsCollection, created.id), undefined);
        assert.equal(store.get(ConnectionStatesCollection, created.id), undefined);
        assert.equal(store.get(ConnectionLogsCollection, created.id), undefined);
        assert.ok(store.get(ConnectionStatesCollection, other.id), 'another connection keeps its state');
        assert.ok(store.get(ConnectionLogsCollection, other.id));
    });

    it('deletes a connection that was never polled', async () => {
        const created = await registry.create(input());
        await registry.delete(created.id, created.version);
        assert.equal(store.count(ConnectionsCollection), 0);
    });

    it('refuses a delete made on a stale version', async () => {
        const created = await registry.create(input());
        await registry.setEnabled(created.id, false);
        await assert.rejects(registry.delete(created.id, created.version), DocumentConflictError);
        assert.ok(store.get(ConnectionsCollection, created.id));
    });

    it('shows a disabled connection as disabled, whatever its last poll said', async () => {
        const created = await registry.create(input());
        await store.create(ConnectionStatesCollection, {
            id: created.id, consecutiveFailures: 0, status: { state: 'ok', lastPollAt: '2026-02-16T08:00:00.000Z' }
        });
        assert.equal(registry.view(registry.get(created.id)).status.state, 'ok');

        await registry.setEnabled(created.id, false);

        assert.deepEqual(registry.view(registry.get(created.id)).status, { state: 'disabled', lastPollAt: '2026-02-16T08:00:00.000Z' });
        assert.deepEqual(registry.switches().map(({ name, enabled }) => ({ name, enabled })), [{ name: 'Acme store', enabled: false }]);
    });
});
