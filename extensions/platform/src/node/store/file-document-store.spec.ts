import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
// The module object itself (not a compiled import wrapper), so that sinon can replace its functions.
import { promises as fsModule } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import type { Order } from '../../common/order-schema';
import type { DocumentChange } from '../../common/store-protocol';
import type { DocumentCollection } from './document-store';
import { FileDocumentStore, shardOf } from './file-document-store';
import { OrdersCollection, PLATFORM_COLLECTIONS, UsersCollection } from './platform-collections';
import { DocumentConflictError, DocumentNotFoundError, DocumentTooLargeError, DocumentUnavailableError, DocumentValidationError } from './store-errors';
import { MAX_DOCUMENT_BYTES } from '../../common/document-limits';
import { sampleOrder, sampleUser } from './test/sample-documents';

describe('FileDocumentStore', () => {

    let root: string;
    let dataFolder: string;
    let openStores: FileDocumentStore[];

    beforeEach(async () => {
        root = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-store-'));
        dataFolder = path.join(root, 'data');
        openStores = [];
    });

    afterEach(async () => {
        sinon.restore();
        await Promise.all(openStores.map(store => store.close()));
        await fs.rm(root, { recursive: true, force: true });
    });

    async function openStore(): Promise<FileDocumentStore> {
        const store = new FileDocumentStore({ folder: dataFolder, collections: PLATFORM_COLLECTIONS });
        openStores.push(store);
        await store.ready;
        return store;
    }

    /** Closes the store and opens a new one on the same folder, as a restart would. */
    async function reopen(store: FileDocumentStore): Promise<FileDocumentStore> {
        await store.close();
        return openStore();
    }

    function fileOf(collection: DocumentCollection, id: string): string {
        return path.join(dataFolder, collection.name, shardOf(id), `${id}.json`);
    }

    async function readDocumentFile(collection: DocumentCollection, id: string): Promise<unknown> {
        return JSON.parse(await fs.readFile(fileOf(collection, id), 'utf8'));
    }

    async function exists(file: string): Promise<boolean> {
        return fs.access(file).then(() => true, () => false);
    }

    /** Every file (not folder) under `folder`, relative to it. */
    async function filesUnder(folder: string): Promise<string[]> {
        const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
        return entries.filter(entry => entry.isFile()).map(entry => path.relative(folder, path.join(entry.parentPath, entry.name))).sort();
    }

    function recordChanges(store: FileDocumentStore): DocumentChange[] {
        const changes: DocumentChange[] = [];
        store.onDidChange(change => changes.push(change));
        return changes;
    }

    function conflictBetween(current: number, expected: number): (error: unknown) => boolean {
        return error => {
            assert.ok(error instanceof DocumentConflictError, `expected a conflict, got ${error}`);
            assert.match(error.message, new RegExp(`version ${current}\\b.*version ${expected}\\b`));
            return true;
        };
    }

    function invalidNaming(field: string): (error: unknown) => boolean {
        return error => {
            assert.ok(error instanceof DocumentValidationError, `expected a validation error, got ${error}`);
            assert.ok(error.message.includes(field), `"${error.message}" should name ${field}`);
            return true;
        };
    }

    describe('create', () => {

        it('stores a new document at version 1 in its own JSON file, found again after a restart', async () => {
            const store = await openStore();

            const created = await store.create(OrdersCollection, sampleOrder('order-1'));

            assert.equal(created.version, 1);
            assert.deepEqual(await readDocumentFile(OrdersCollection, 'order-1'), created);
            const reopened = await reopen(store);
            assert.deepEqual(reopened.get(OrdersCollection, 'order-1'), created);
            assert.equal(reopened.count(OrdersCollection), 1);
        });

        it('refuses an id that exists already, keeping the first document', async () => {
            const store = await openStore();
            const first = await store.create(OrdersCollection, sampleOrder('order-1'));

            await assert.rejects(store.create(OrdersCollection, { ...sampleOrder('order-1'), description: 'a repeat' }), DocumentConflictError);

            assert.equal(store.count(OrdersCollection), 1);
            assert.deepEqual(await readDocumentFile(OrdersCollection, 'order-1'), first);
        });

        it('lets only one of two simultaneous creates of the same id through', async () => {
            const store = await openStore();

            const results = await Promise.allSettled([
                store.create(OrdersCollection, sampleOrder('order-1')),
                store.create(OrdersCollection, sampleOrder('order-1'))
            ]);

            assert.deepEqual(results.map(result => result.status).sort(), ['fulfilled', 'rejected']);
            assert.equal(store.count(OrdersCollection), 1);
        });
    });

    describe('update', () => {

        it('replaces the document at the current version and bumps the version', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));

            const updated = await store.update(OrdersCollection, { ...created, status: 'Shipped' });

            assert.equal(updated.version, 2);
            assert.equal(store.get(OrdersCollection, 'order-1')?.status, 'Shipped');
            assert.deepEqual(await readDocumentFile(OrdersCollection, 'order-1'), updated);
        });

        it('refuses a stale version, naming the current and the expected version, and leaves the file as it was', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            const updated = await store.update(OrdersCollection, { ...created, status: 'Shipped' });
            const bytesBefore = await fs.readFile(fileOf(OrdersCollection, 'order-1'));

            await assert.rejects(store.update(OrdersCollection, { ...created, status: 'Cancelled' }), conflictBetween(2, 1));

            assert.deepEqual(await fs.readFile(fileOf(OrdersCollection, 'order-1')), bytesBefore);
            assert.deepEqual(store.get(OrdersCollection, 'order-1'), updated);
        });

        it('refuses to update a document that does not exist, without creating it', async () => {
            const store = await openStore();

            await assert.rejects(store.update(OrdersCollection, sampleOrder('order-1')), /no longer exists/);

            assert.equal(await exists(fileOf(OrdersCollection, 'order-1')), false);
        });
    });

    describe('modify', () => {

        it('applies 50 simultaneous changes one after the other, losing none', async () => {
            const store = await openStore();
            await store.create(OrdersCollection, sampleOrder('order-1'));

            const addOneCopy = (order: Order): Order => {
                order.jobs[0].copies += 1;
                return order;
            };
            const results = await Promise.all(Array.from({ length: 50 }, () => store.modify(OrdersCollection, 'order-1', addOneCopy)));

            assert.deepEqual(results.map(order => order.version), Array.from({ length: 50 }, (_, index) => index + 2));
            const final = store.get(OrdersCollection, 'order-1');
            assert.equal(final?.jobs[0].copies, 51);
            assert.deepEqual(await readDocumentFile(OrdersCollection, 'order-1'), final);
        });

        it('refuses a document that does not exist', async () => {
            const store = await openStore();

            await assert.rejects(store.modify(OrdersCollection, 'order-1', order => order), DocumentNotFoundError);
        });

        it('writes nothing when the change throws, and later changes still run', async () => {
            const store = await openStore();
            await store.create(OrdersCollection, sampleOrder('order-1'));

            await assert.rejects(store.modify(OrdersCollection, 'order-1', () => { throw new Error('changed my mind'); }), /changed my mind/);
            const next = await store.modify(OrdersCollection, 'order-1', order => ({ ...order, status: 'Shipped' }));

            assert.equal(next.version, 2);
        });

        it('writes nothing, keeps the version and announces nothing when the change leaves the document as it is', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            const file = await readDocumentFile(OrdersCollection, 'order-1');
            const changes: unknown[] = [];
            store.onDidChange(change => changes.push(change));

            const same = await store.modify(OrdersCollection, 'order-1', order => ({ ...order, jobs: order.jobs.map(job => ({ ...job })) }));

            assert.deepEqual([same.version, changes.length], [created.version, 0]);
            assert.deepEqual(await readDocumentFile(OrdersCollection, 'order-1'), file);
            const changed = await store.modify(OrdersCollection, 'order-1', order => ({ ...order, status: 'Shipped' }));
            assert.deepEqual([changed.version, changes.length], [created.version + 1, 1], 'a real change is written as before');
        });
    });

    describe('delete', () => {

        it('refuses a stale version and keeps the document', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            await store.update(OrdersCollection, { ...created, status: 'Shipped' });

            await assert.rejects(store.delete(OrdersCollection, 'order-1', 1), conflictBetween(2, 1));

            assert.equal(store.get(OrdersCollection, 'order-1')?.version, 2);
            assert.equal(await exists(fileOf(OrdersCollection, 'order-1')), true);
        });

        it('removes the file and the document, for good', async () => {
            const store = await openStore();
            await store.create(OrdersCollection, sampleOrder('order-1'));

            await store.delete(OrdersCollection, 'order-1', 1);

            assert.equal(store.get(OrdersCollection, 'order-1'), undefined);
            assert.equal(await exists(fileOf(OrdersCollection, 'order-1')), false);
            const reopened = await reopen(store);
            assert.equal(reopened.get(OrdersCollection, 'order-1'), undefined);
        });
    });

    describe('validation', () => {

        it('refuses a new document that breaks the schema, naming the field, and writes nothing', async () => {
            const store = await openStore();
            const order = sampleOrder('order-1');
            order.jobs[0].copies = 0;

            await assert.rejects(store.create(OrdersCollection, order), invalidNaming('jobs.0.copies'));

            assert.equal(store.count(OrdersCollection), 0);
            assert.deepEqual(await filesUnder(dataFolder), []);
        });

        it('refuses an update that breaks the schema and leaves the stored document as it was', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));

            const invalid = { ...created, paymentMethod: 'Cash' } as unknown as Order;
            await assert.rejects(store.update(OrdersCollection, invalid), invalidNaming('paymentMethod'));

            assert.deepEqual(store.get(OrdersCollection, 'order-1'), created);
            assert.deepEqual(await readDocumentFile(OrdersCollection, 'order-1'), created);
        });

        for (const id of ['../x', 'a/b', '', '..', '.hidden', 'a\\b', '/tmp/x']) {
            it(`refuses the id ${JSON.stringify(id)} for every kind of write, writing nothing anywhere`, async () => {
                const store = await openStore();

                await assert.rejects(store.create(OrdersCollection, sampleOrder(id)), DocumentValidationError);
                await assert.rejects(store.update(OrdersCollection, sampleOrder(id)), DocumentValidationError);
                await assert.rejects(store.modify(OrdersCollection, id, order => order), DocumentValidationError);
                await assert.rejects(store.delete(OrdersCollection, id, 1), DocumentValidationError);

                // The data folder sits inside `root`: a path escape would leave a file in either.
                assert.deepEqual(await filesUnder(root), []);
            });
        }
    });

    describe('size limits', () => {

        /** An order whose line items carry `options` finishing options of 2,000 characters each. */
        function orderWithFinishing(id: string, lines: number, options: number): Order {
            const order = sampleOrder(id, lines);
            for (const line of order.lineItems) {
                line.finishingOptions = Array.from({ length: options }, (_, index) => ({ name: `Option ${index}`, value: 'x'.repeat(2000) }));
            }
            return order;
        }

        function tooLarge(error: unknown): boolean {
            assert.ok(error instanceof DocumentTooLargeError, `expected a too-large refusal, got ${error}`);
            assert.match(error.message, /would be 1\d\.\d MB stored, more than the 16\.8 MB a document may have/);
            return true;
        }

        it('refuses, before writing anything, a new document bigger than the store reads back', async () => {
            const store = await openStore();
            const changes = recordChanges(store);

            await assert.rejects(store.create(OrdersCollection, orderWithFinishing('huge', 1000, 9)), tooLarge);

            assert.equal(store.count(OrdersCollection), 0);
            assert.deepEqual(changes, []);
            assert.deepEqual((await filesUnder(dataFolder)).filter(file => file.endsWith('.json') || file.endsWith('.tmp')), []);
        });

        it('refuses a change that would grow a document past the limit, keeping the stored one on disk and in memory', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, orderWithFinishing('growing', 1000, 1));

            await assert.rejects(store.modify(OrdersCollection, 'growing', () => orderWithFinishing('growing', 1000, 9)), tooLarge);

            assert.deepEqual(store.get(OrdersCollection, 'growing'), created);
            assert.deepEqual(await readDocumentFile(OrdersCollection, 'growing'), created);
        });

        it('reads back after a restart a document written just under the limit', async () => {
            const store = await openStore();
            const order = orderWithFinishing('largest', 1000, 7);
            // Fill with more options up to a few bytes below the limit (the stored copy adds its version digit).
            const size = (): number => Buffer.byteLength(JSON.stringify(order));
            const more = { name: 'More', value: 'x'.repeat(2000) };
            const optionBytes = Buffer.byteLength(JSON.stringify(more)) + 1;
            const fill = Math.floor((MAX_DOCUMENT_BYTES - size() - 2100) / optionBytes);
            for (let line = 0; line < fill; line++) {
                order.lineItems[line].finishingOptions.push(more);
            }
            for (let left = MAX_DOCUMENT_BYTES - size() - 40; left > 40; left = MAX_DOCUMENT_BYTES - size() - 40) {
                order.lineItems[999].finishingOptions.push({ name: 'Last', value: 'x'.repeat(Math.min(2000, left - 30)) });
            }
            const created = await store.create(OrdersCollection, order);
            const bytes = (await fs.stat(fileOf(OrdersCollection, 'largest'))).size;
            assert.ok(bytes > MAX_DOCUMENT_BYTES - 100 && bytes <= MAX_DOCUMENT_BYTES, `${bytes} bytes`);

            const reopened = await reopen(store);

            assert.deepEqual(reopened.problems, []);
            assert.deepEqual(reopened.get(OrdersCollection, 'largest'), created);
        });

        it('refuses a job with more properties than a job may have, naming the job', async () => {
            const store = await openStore();
            const order = sampleOrder('many-properties');
            order.jobs[0].properties = Object.fromEntries(Array.from({ length: 15_000 }, (_, index) => [`p${index}`, index]));

            await assert.rejects(store.create(OrdersCollection, order), invalidNaming('jobs.0.properties'));
            assert.equal(store.count(OrdersCollection), 0);
        });
    });

    describe('ids within an order', () => {

        it('refuses two line items with the same id, naming the second', async () => {
            const store = await openStore();
            const order = sampleOrder('twins', 2);
            order.lineItems[1].id = order.lineItems[0].id;

            await assert.rejects(store.create(OrdersCollection, order), invalidNaming('lineItems.1.id'));
        });

        it('refuses two jobs with the same id, naming the second', async () => {
            const store = await openStore();
            const order = sampleOrder('twins', 2);
            order.jobs[1].id = order.jobs[0].id;

            await assert.rejects(store.create(OrdersCollection, order), invalidNaming('jobs.1.id'));
        });
    });

    describe('change events', () => {

        it('announces each committed change once, with its kind, version and document', async () => {
            const store = await openStore();
            const changes = recordChanges(store);

            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            const updated = await store.update(OrdersCollection, { ...created, status: 'Shipped' });
            const modified = await store.modify(OrdersCollection, 'order-1', order => ({ ...order, status: 'Invoiced' }));
            await store.delete(OrdersCollection, 'order-1', 3);

            assert.deepEqual(changes, [
                { collection: 'orders', kind: 'created', id: 'order-1', version: 1, document: created },
                { collection: 'orders', kind: 'updated', id: 'order-1', version: 2, document: updated },
                { collection: 'orders', kind: 'updated', id: 'order-1', version: 3, document: modified },
                { collection: 'orders', kind: 'deleted', id: 'order-1', version: 3 }
            ]);
        });

        it('announces nothing for refused writes', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            const changes = recordChanges(store);
            const invalid = sampleOrder('order-2');
            invalid.lineItems = [];

            await Promise.allSettled([
                store.create(OrdersCollection, sampleOrder('order-1')),
                store.create(OrdersCollection, invalid),
                store.create(OrdersCollection, sampleOrder('../order-3')),
                store.update(OrdersCollection, { ...created, version: 7 }),
                store.modify(OrdersCollection, 'missing', order => order),
                store.delete(OrdersCollection, 'order-1', 2)
            ]);

            assert.deepEqual(changes, []);
        });
    });

    describe('secondary indexes', () => {

        it('finds orders by order number and job id, following updates and deletes', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1', 2));
            await store.create(OrdersCollection, sampleOrder('order-2'));

            assert.deepEqual(store.findBy(OrdersCollection, 'orderNumber', 'PW-order-1'), [created]);
            assert.deepEqual(store.findBy(OrdersCollection, 'job', 'order-1-job-2').map(order => order.id), ['order-1']);

            const renumbered = await store.update(OrdersCollection, { ...created, orderNumber: 'PW-renumbered' });
            assert.deepEqual(store.findBy(OrdersCollection, 'orderNumber', 'PW-order-1'), []);
            assert.deepEqual(store.findBy(OrdersCollection, 'orderNumber', 'PW-renumbered'), [renumbered]);

            await store.delete(OrdersCollection, 'order-1', 2);
            assert.deepEqual(store.findBy(OrdersCollection, 'orderNumber', 'PW-renumbered'), []);
            assert.deepEqual(store.findBy(OrdersCollection, 'job', 'order-1-job-2'), []);
            assert.equal(store.findBy(OrdersCollection, 'orderNumber', 'PW-order-2').length, 1);
        });

        it('finds users by name, following renames and deletes, and rebuilds the index at open', async () => {
            const store = await openStore();
            const alice = await store.create(UsersCollection, sampleUser('user-1', 'alice'));
            await store.create(UsersCollection, sampleUser('user-2', 'Alice'));

            const renamed = await store.update(UsersCollection, { ...alice, name: 'alice.smith' });
            assert.deepEqual(store.findBy(UsersCollection, 'name', 'alice'), []);
            assert.deepEqual(store.findBy(UsersCollection, 'name', 'alice.smith'), [renamed]);

            const reopened = await reopen(store);
            assert.deepEqual(reopened.findBy(UsersCollection, 'name', 'alice.smith'), [renamed]);
            assert.deepEqual(reopened.findBy(UsersCollection, 'name', 'Alice').map(user => user.id), ['user-2']);

            await reopened.delete(UsersCollection, 'user-1', 2);
            assert.deepEqual(reopened.findBy(UsersCollection, 'name', 'alice.smith'), []);
        });

        it('refuses an index the collection does not have', async () => {
            const store = await openStore();

            assert.throws(() => store.findBy(UsersCollection, 'email', 'x'), /users has no index named email/);
        });
    });

    describe('opening after a crash', () => {

        it('removes a half-written temporary file and keeps the document it would have replaced', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            await store.close();
            const file = fileOf(OrdersCollection, 'order-1');
            const leftover = `${file}.0123456789ab.tmp`;
            await fs.writeFile(leftover, '{"id":"order-1","vers');

            const reopened = await openStore();

            assert.equal(await exists(leftover), false);
            assert.deepEqual(reopened.get(OrdersCollection, 'order-1'), created);
            assert.deepEqual(reopened.problems, []);
        });
    });

    describe('corrupt files', () => {

        /** Writes one good order through the store, then a truncated and a schema-invalid file beside it. */
        async function storeWithCorruptFiles(): Promise<{ truncated: Buffer; invalid: Buffer }> {
            const store = await openStore();
            await store.create(OrdersCollection, sampleOrder('good'));
            await store.close();
            const truncated = Buffer.from(JSON.stringify(sampleOrder('truncated')).slice(0, 150));
            const invalidOrder = sampleOrder('invalid');
            invalidOrder.jobs[0].copies = -3;
            const invalid = Buffer.from(JSON.stringify(invalidOrder));
            for (const [id, bytes] of [['truncated', truncated], ['invalid', invalid]] as const) {
                await fs.mkdir(path.dirname(fileOf(OrdersCollection, id)), { recursive: true });
                await fs.writeFile(fileOf(OrdersCollection, id), bytes);
            }
            return { truncated, invalid };
        }

        it('reports each unreadable document with its file and reason, and opens the others', async () => {
            await storeWithCorruptFiles();

            const store = await openStore();

            const problems = [...store.problems].sort((a, b) => a.id.localeCompare(b.id));
            assert.equal(problems.length, 2);
            assert.deepEqual(problems.map(({ collection, id, file }) => ({ collection, id, file })), [
                { collection: 'orders', id: 'invalid', file: fileOf(OrdersCollection, 'invalid') },
                { collection: 'orders', id: 'truncated', file: fileOf(OrdersCollection, 'truncated') }
            ]);
            assert.match(problems[0].reason, /jobs\.0\.copies/);
            assert.match(problems[1].reason, /JSON/);
            assert.equal(store.get(OrdersCollection, 'good')?.version, 1);
            assert.equal(store.get(OrdersCollection, 'invalid'), undefined);
            assert.equal(store.count(OrdersCollection), 1);
        });

        it('refuses every write to an unreadable document and never overwrites its file', async () => {
            const original = await storeWithCorruptFiles();
            const store = await openStore();
            const changes = recordChanges(store);

            for (const id of ['truncated', 'invalid'] as const) {
                const unavailable = (error: unknown): boolean => {
                    assert.ok(error instanceof DocumentUnavailableError, `expected unavailable, got ${error}`);
                    assert.ok(error.message.includes(fileOf(OrdersCollection, id)));
                    return true;
                };
                await assert.rejects(store.create(OrdersCollection, sampleOrder(id)), unavailable);
                await assert.rejects(store.update(OrdersCollection, sampleOrder(id)), unavailable);
                await assert.rejects(store.modify(OrdersCollection, id, () => sampleOrder(id)), unavailable);
                await assert.rejects(store.delete(OrdersCollection, id, 1), unavailable);
                assert.deepEqual(await fs.readFile(fileOf(OrdersCollection, id)), original[id]);
            }
            assert.deepEqual(changes, []);
        });

        it('reports a file that holds another document than its name says', async () => {
            await openStore().then(store => store.close());
            const file = fileOf(OrdersCollection, 'order-1');
            await fs.mkdir(path.dirname(file), { recursive: true });
            await fs.writeFile(file, JSON.stringify(sampleOrder('order-2')));

            const store = await openStore();

            assert.equal(store.problems.length, 1);
            assert.match(store.problems[0].reason, /order-2/);
            assert.equal(store.get(OrdersCollection, 'order-2'), undefined);
        });
    });

    describe('a write that fails midway', () => {

        async function fileHandlePrototype(): Promise<fs.FileHandle> {
            const handle = await fs.open(root, 'r');
            await handle.close();
            return Object.getPrototypeOf(handle);
        }

        it('keeps the old document on disk and in memory when flushing to the disk fails', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            const changes = recordChanges(store);
            sinon.stub(await fileHandlePrototype(), 'sync').rejects(new Error('EIO: simulated disk failure'));

            await assert.rejects(store.update(OrdersCollection, { ...created, status: 'Shipped' }), /simulated disk failure/);

            assert.deepEqual(store.get(OrdersCollection, 'order-1'), created);
            assert.deepEqual(changes, []);
            assert.deepEqual(await filesUnder(dataFolder), [path.relative(dataFolder, fileOf(OrdersCollection, 'order-1'))]);
            sinon.restore();
            const reopened = await reopen(store);
            assert.deepEqual(reopened.get(OrdersCollection, 'order-1'), created);
        });

        it('keeps the old document when the process stops between writing the new one and putting it in place', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            // A rename that never happens is what a crash right after the flush looks like on disk.
            sinon.stub(fsModule, 'rename').rejects(new Error('simulated crash before rename'));

            await assert.rejects(store.update(OrdersCollection, { ...created, status: 'Shipped' }), /simulated crash/);

            assert.deepEqual(store.get(OrdersCollection, 'order-1'), created);
            sinon.restore();
            const reopened = await reopen(store);
            assert.deepEqual(reopened.get(OrdersCollection, 'order-1'), created);
            assert.deepEqual(await readDocumentFile(OrdersCollection, 'order-1'), created);
            assert.deepEqual(await filesUnder(dataFolder), [path.relative(dataFolder, fileOf(OrdersCollection, 'order-1'))]);
        });
    });

    describe('close', () => {

        it('refuses writes once closed, writing nothing', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));

            await store.close();

            await assert.rejects(store.create(OrdersCollection, sampleOrder('order-2')), /closed/);
            await assert.rejects(store.update(OrdersCollection, { ...created, status: 'Shipped' }), /closed/);
            assert.equal(await exists(fileOf(OrdersCollection, 'order-2')), false);
            assert.deepEqual(await readDocumentFile(OrdersCollection, 'order-1'), created);
        });
    });
});
