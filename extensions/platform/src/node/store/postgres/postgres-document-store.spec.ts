import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { DocumentChange } from '../../../common/store-protocol';
import { PostgresTestServer, sharedPostgresTestServer } from '../../test/postgres-test-server';
import { freePort } from '../../test/free-port';
import type { DocumentCollection } from '../document-store';
import { OrdersCollection, PLATFORM_COLLECTIONS } from '../platform-collections';
import { DocumentConflictError, DocumentUnavailableError, StoreOutOfReachError } from '../store-errors';
import { documentStoreContract, recordChanges } from '../test/document-store-contract';
import { sampleOrder } from '../test/sample-documents';
import { PostgresDocumentStore, PostgresDocumentStoreOptions } from './postgres-document-store';

/** The database's name in a URL of the test server. */
function databaseOf(url: string): string {
    return new URL(url).pathname.slice(1);
}

async function storedRow(server: PostgresTestServer, url: string, collection: DocumentCollection, id: string): Promise<unknown> {
    return server.withClient(async client => {
        const { rows } = await client.query('SELECT version, body FROM documents WHERE collection = $1 AND id = $2', [collection.name, id]);
        return rows[0] ? { ...rows[0].body, version: rows[0].version } : undefined;
    }, databaseOf(url));
}

async function openPostgresStore(url: string, options: Partial<PostgresDocumentStoreOptions> = {}): Promise<PostgresDocumentStore> {
    const store = new PostgresDocumentStore({ url, collections: PLATFORM_COLLECTIONS, ...options });
    await store.ready;
    return store;
}

/** Waits until `condition` holds (the change tail is asynchronous), failing after `ms`. */
async function eventually(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
        if (Date.now() > deadline) {
            assert.fail(`not within ${ms} ms: ${what}`);
        }
        await new Promise(resolve => setTimeout(resolve, 20));
    }
}

describe('PostgresDocumentStore', function (): void {
    this.timeout(60_000);

    let server: PostgresTestServer;

    before(async () => {
        server = await sharedPostgresTestServer();
    });

    describe('the store contract', () => {
        documentStoreContract(async () => {
            const url = await server.createDatabase();
            return {
                open: () => openPostgresStore(url),
                stored: (collection, id) => storedRow(server, url, collection, id),
                storedNames: () => server.withClient(async client =>
                    (await client.query('SELECT collection || \'/\' || id AS name FROM documents ORDER BY 1')).rows.map(row => row.name), databaseOf(url)),
                dispose: () => server.dropDatabase(databaseOf(url))
            };
        });
    });

    describe('two servers on one database', () => {

        let url: string;
        let stores: PostgresDocumentStore[];

        beforeEach(async () => {
            url = await server.createDatabase();
            stores = [];
        });

        afterEach(async () => {
            sinon.restore();
            await Promise.all(stores.map(store => store.close()));
            await server.dropDatabase(databaseOf(url));
        });

        async function open(options: Partial<PostgresDocumentStoreOptions> = {}): Promise<PostgresDocumentStore> {
            const store = await openPostgresStore(url, options);
            stores.push(store);
            return store;
        }

        it('runs the migrations once when two servers open together', async () => {
            const [a, b] = await Promise.all([open(), open()]);

            const applied = await server.withClient(async client =>
                (await client.query('SELECT version FROM presswork_migrations ORDER BY version')).rows.map(row => row.version), databaseOf(url));
            assert.deepEqual(applied, [1, 2, 3]);
            assert.deepEqual([a.kind, b.kind], ['postgresql', 'postgresql']);
        });

        it('refuses a stale write from the other server, naming both versions, and keeps the winner', async () => {
            const [a, b] = await Promise.all([open(), open()]);
            const created = await a.create(OrdersCollection, sampleOrder('order-1'));
            await b.catchUp();
            const seenByB = b.get(OrdersCollection, 'order-1')!;

            const updated = await a.update(OrdersCollection, { ...created, status: 'Shipped' });
            await assert.rejects(b.update(OrdersCollection, { ...seenByB, status: 'Cancelled' }), (error: unknown) => {
                assert.ok(error instanceof DocumentConflictError, String(error));
                assert.match(error.message, /version 2\b.*version 1\b/);
                return true;
            });
            await assert.rejects(b.delete(OrdersCollection, 'order-1', 1), DocumentConflictError);
            await assert.rejects(b.create(OrdersCollection, sampleOrder('order-1')), DocumentConflictError);

            assert.deepEqual(await storedRow(server, url, OrdersCollection, 'order-1'), updated);
            assert.deepEqual(b.get(OrdersCollection, 'order-1'), updated, 'the refusal brought B up to date');
        });

        it('modifies the current document even when its memory is behind, on both servers at once, losing nothing', async () => {
            const [a, b] = await Promise.all([open({ pollMs: 60_000 }), open({ pollMs: 60_000 })]);
            await a.create(OrdersCollection, sampleOrder('order-1'));

            await Promise.all(Array.from({ length: 40 }, (_, index) => (index % 2 ? a : b).modify(OrdersCollection, 'order-1', order => {
                order.jobs[0].copies += 1;
                return order;
            })));

            const stored = await storedRow(server, url, OrdersCollection, 'order-1') as { version: number; jobs: { copies: number }[] };
            assert.deepEqual([stored.version, stored.jobs[0].copies], [41, 41]);
        });

        it('sees the other server\'s write after catchUp, announced as remote', async () => {
            const [a, b] = await Promise.all([open(), open({ pollMs: 60_000 })]);
            const changes = recordChanges(b);

            const created = await a.create(OrdersCollection, sampleOrder('order-1'));
            await b.catchUp();

            assert.deepEqual(b.get(OrdersCollection, 'order-1'), created);
            assert.deepEqual(changes, [{ collection: 'orders', kind: 'created', id: 'order-1', version: 1, document: created, remote: true }]);
        });

        it('feeds every change to the other server in order per document, and its own writes as local', async () => {
            const [a, b] = await Promise.all([open(), open()]);
            const onA = recordChanges(a);
            const onB = recordChanges(b);

            await Promise.all(['order-1', 'order-2', 'order-3'].map(async id => {
                const created = await a.create(OrdersCollection, sampleOrder(id));
                let current = created;
                for (let step = 0; step < 5; step++) {
                    current = await a.update(OrdersCollection, { ...current, description: `step ${step}` });
                }
                // A server that never held a document has no deletion of it to announce: B must
                // have read it before it goes (on a slow machine its tail may read only the end).
                await eventually(() => b.get(OrdersCollection, id) !== undefined, `B holds ${id}`);
                await a.delete(OrdersCollection, id, current.version);
            }));
            await eventually(() => onB.filter(change => change.kind === 'deleted').length === 3, 'B hears of the three deletions');

            assert.ok(onA.every(change => change.remote === undefined), 'A announces its own writes as local');
            assert.ok(onB.every(change => change.remote === true), 'B announces them as remote');
            for (const id of ['order-1', 'order-2', 'order-3']) {
                const versions = onB.filter(change => change.id === id).map(change => change.version);
                assert.deepEqual(versions, [...versions].sort((x, y) => x - y), `${id} in order: ${versions}`);
                assert.equal(onB.filter(change => change.id === id).at(-1)?.kind, 'deleted');
            }
            assert.equal(b.count(OrdersCollection), 0);
        });

        it('wakes only the other server, once for writes that commit together, which still hears every one', async () => {
            const [a, b] = await Promise.all([open({ pollMs: 60_000 }), open({ pollMs: 60_000 })]);
            const onA = recordChanges(a);
            const onB = recordChanges(b);
            // Without polls, only a pass after LISTEN brings the other's first write: both listen then.
            await Promise.all([a.create(OrdersCollection, sampleOrder('probe-a')), b.create(OrdersCollection, sampleOrder('probe-b'))]);
            await eventually(() => onA.some(change => change.remote) && onB.some(change => change.remote), 'both hear the other\'s probe');
            const statements = sinon.spy(a.pool, 'query');
            onB.length = 0;

            const ids = Array.from({ length: 30 }, (_, index) => `order-${index}`);
            await Promise.all(ids.map(id => a.create(OrdersCollection, sampleOrder(id))));
            await eventually(() => onB.length === ids.length, 'B hears of all 30 writes through wake-ups (its poll is a minute)');
            await new Promise(resolve => setTimeout(resolve, 200));

            const named = statements.getCalls().map(call => (call.args[0] as { name?: string }).name);
            const wakeUps = named.filter(name => name === 'presswork-wake-up').length;
            assert.ok(wakeUps >= 1 && wakeUps < ids.length / 2, `${wakeUps} wake-ups for ${ids.length} writes`);
            assert.equal(named.filter(name => name === 'presswork-changes-after').length, 0, 'A\'s tail reads nothing on its own wake-ups');
            assert.deepEqual(onB.map(change => change.id).sort(), [...ids].sort());
            assert.ok(onB.every(change => change.remote && change.kind === 'created'));
        });

        it('misses nothing written while the other server restarts', async () => {
            const a = await open();
            let b = await open();
            await a.create(OrdersCollection, sampleOrder('before'));
            await b.catchUp();
            await b.close();

            await a.create(OrdersCollection, sampleOrder('while-down'));
            b = await open();
            const onB = recordChanges(b);
            await a.create(OrdersCollection, sampleOrder('after'));
            await eventually(() => onB.length === 1, 'B hears of the write after its restart');

            assert.deepEqual([...b.all(OrdersCollection)].map(order => order.id).sort(), ['after', 'before', 'while-down']);
        });
    });

    describe('the database restarting', () => {

        let own: PostgresTestServer;
        let stores: PostgresDocumentStore[];

        beforeEach(async () => {
            own = await PostgresTestServer.start();
            stores = [];
        });

        afterEach(async () => {
            await Promise.all(stores.map(store => store.close()));
            await own.stop();
        });

        it('resumes the change feed on both servers without a gap, with writes before and after the restart', async () => {
            const url = await own.createDatabase();
            const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
            stores.push(a, b);
            const onB: DocumentChange[] = recordChanges(b);
            for (let index = 0; index < 10; index++) {
                await a.create(OrdersCollection, sampleOrder(`before-${index}`));
            }

            await own.restart(300);
            const written: string[] = [];
            for (let index = 0; index < 10; index++) {
                // The first writes may meet connections the restart cut: the caller retries, as callers do.
                for (let attempt = 0; ; attempt++) {
                    try {
                        await a.create(OrdersCollection, sampleOrder(`after-${index}`));
                        break;
                    } catch (error) {
                        if (error instanceof DocumentConflictError) {
                            break;
                        }
                        assert.ok(attempt < 20 && error instanceof StoreOutOfReachError && /cannot reach its database|lost its database/.test(error.message), String(error));
                        await new Promise(resolve => setTimeout(resolve, 100));
                    }
                }
                written.push(`after-${index}`);
            }

            await eventually(() => b.count(OrdersCollection) === 20, 'B holds all twenty orders', 10_000);
            assert.equal(new Set(onB.map(change => change.id)).size, 20);
            assert.equal(onB.length, 20, 'each change announced once');
            await b.catchUp();
            assert.equal(a.count(OrdersCollection), 20);
        });

        it('settles writes whose connection the restart cut: each made once, none lost, none twice', async () => {
            const url = await own.createDatabase();
            const store = await openPostgresStore(url);
            stores.push(store);
            const counted = sampleOrder('counted');
            await store.create(OrdersCollection, { ...counted, customer: { ...counted.customer, firstName: '0' } });
            const increment = (): Promise<unknown> => store.modify(OrdersCollection, 'counted', order => ({ ...order, customer: { ...order.customer, firstName: String(Number(order.customer.firstName ?? '0') + 1) } }));
            let made = 0;
            const writers = Array.from({ length: 8 }, async () => {
                for (let index = 0; index < 25; index++) {
                    try {
                        await increment();
                        made++;
                    } catch (error) {
                        // Only a database that stayed away longer than a write waits may fail a write, and says so.
                        assert.ok(error instanceof StoreOutOfReachError, String(error));
                        assert.match(error.message, /cannot reach its database/);
                    }
                }
            });
            await new Promise(resolve => setTimeout(resolve, 50));
            await own.restart(500);
            await Promise.all(writers);

            const reopened = await openPostgresStore(url);
            stores.push(reopened);
            assert.equal(Number(reopened.get(OrdersCollection, 'counted')!.customer.firstName ?? '0'), made, 'every increment that resolved is there once');
            assert.ok(made > 150, `most increments went through (${made} of 200)`);
        });
    });

    describe('opening', () => {

        it('says which database it cannot reach, without the password, and writes nothing', async () => {
            const port = await freePort();
            const store = new PostgresDocumentStore({ url: `postgres://presswork:s3cret-word@127.0.0.1:${port}/shop`, collections: PLATFORM_COLLECTIONS, connectTimeoutMs: 2000 });

            await assert.rejects(store.ready, (error: unknown) => {
                assert.match(String(error), new RegExp(`Presswork cannot reach its database at 127\\.0\\.0\\.1:${port}/shop \\(`));
                assert.doesNotMatch(String(error), /s3cret-word/);
                return true;
            });
            await store.close();
        });

        it('reports a row that fails its schema as a problem, opens the others and refuses to overwrite it', async () => {
            const url = await server.createDatabase();
            const first = await openPostgresStore(url);
            await first.create(OrdersCollection, sampleOrder('good'));
            await first.close();
            const invalid = sampleOrder('invalid');
            invalid.jobs[0].copies = -3;
            await server.withClient(client => client.query(
                `INSERT INTO documents (collection, id, version, revision, body) VALUES ('orders', 'invalid', 1, nextval('change_position'), $1)`,
                [JSON.stringify(invalid)]), databaseOf(url));

            const store = await openPostgresStore(url);
            try {
                assert.deepEqual(store.problems.map(problem => [problem.collection, problem.id]), [['orders', 'invalid']]);
                assert.match(store.problems[0].reason, /jobs\.0\.copies/);
                assert.equal(store.count(OrdersCollection), 1);
                await assert.rejects(store.update(OrdersCollection, sampleOrder('invalid')), DocumentUnavailableError);
                await assert.rejects(store.modify(OrdersCollection, 'invalid', order => order), DocumentUnavailableError);
                assert.deepEqual(await storedRow(server, url, OrdersCollection, 'invalid'), invalid);
            } finally {
                await store.close();
                await server.dropDatabase(databaseOf(url));
            }
        });
    });
});
