import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
// The module object itself (not a compiled import wrapper), so that sinon can replace its functions.
import { promises as fsModule } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import type { DocumentCollection } from './document-store';
import { InProcessBatchWriter } from './batch-writers';
import { FileDocumentStore, shardOf } from './file-document-store';
import { GroupCommit } from './group-commit';
import { OrdersCollection, PLATFORM_COLLECTIONS } from './platform-collections';
import { DocumentUnavailableError } from './store-errors';
import { MAX_DOCUMENT_BYTES } from '../../common/document-limits';
import { sampleOrder } from './test/sample-documents';
import { documentStoreContract, largestOrder, recordChanges } from './test/document-store-contract';

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

    async function openStore(groupCommit?: GroupCommit): Promise<FileDocumentStore> {
        const store = new FileDocumentStore({ folder: dataFolder, collections: PLATFORM_COLLECTIONS, groupCommit });
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

    describe('the store contract', () => {
        documentStoreContract(async () => {
            const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-store-'));
            const data = path.join(folder, 'data');
            return {
                open: async () => {
                    const store = new FileDocumentStore({ folder: data, collections: PLATFORM_COLLECTIONS });
                    await store.ready;
                    return store;
                },
                stored: async (collection, id) => {
                    const file = path.join(data, collection.name, shardOf(id), `${id}.json`);
                    return (await exists(file)) ? JSON.parse(await fs.readFile(file, 'utf8')) : undefined;
                },
                // The data folder sits inside `folder`: a path escape would leave a file in either.
                storedNames: () => filesUnder(folder),
                dispose: () => fs.rm(folder, { recursive: true, force: true })
            };
        });
    });

    describe('files', () => {

        it('writes a document just under the limit to a file of at most the limit', async () => {
            const store = await openStore();

            await store.create(OrdersCollection, largestOrder('largest'));

            const bytes = (await fs.stat(fileOf(OrdersCollection, 'largest'))).size;
            assert.ok(bytes > MAX_DOCUMENT_BYTES - 100 && bytes <= MAX_DOCUMENT_BYTES, `${bytes} bytes`);
        });
    });

    describe('shard folders', () => {

        function orderIn(shard: string, from: number): string {
            for (let number = from; ; number++) {
                if (shardOf(`order-${number}`) === shard) {
                    return `order-${number}`;
                }
            }
        }

        it('makes a shard folder once, not on every create, even for creates that arrive together', async () => {
            const store = await openStore();
            const mkdir = sinon.spy(fsModule, 'mkdir');
            const first = orderIn('00', 0);
            const second = orderIn('00', Number(first.slice(6)) + 1);
            await Promise.all([store.create(OrdersCollection, sampleOrder(first)), store.create(OrdersCollection, sampleOrder(second))]);
            await store.create(OrdersCollection, sampleOrder(orderIn('00', Number(second.slice(6)) + 1)));
            assert.equal(mkdir.callCount, 1);
        });

        it('does not make again a folder it found at open', async () => {
            const first = orderIn('a1', 0);
            const before = await openStore();
            await before.create(OrdersCollection, sampleOrder(first));
            const store = await reopen(before);
            const mkdir = sinon.spy(fsModule, 'mkdir');
            await store.create(OrdersCollection, sampleOrder(orderIn('a1', Number(first.slice(6)) + 1)));
            assert.equal(mkdir.callCount, 0);
        });

        it('makes a folder removed underneath again, and the document is written', async () => {
            const store = await openStore();
            const first = orderIn('5c', 0);
            await store.create(OrdersCollection, sampleOrder(first));
            await fs.rm(path.dirname(fileOf(OrdersCollection, first)), { recursive: true });
            const second = orderIn('5c', Number(first.slice(6)) + 1);
            await store.create(OrdersCollection, sampleOrder(second));
            assert.equal((await readDocumentFile(OrdersCollection, second) as { id: string }).id, second);
            assert.equal((await reopen(store)).get(OrdersCollection, second)?.version, 1, 'it is there after a restart');
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

        /** Writes on this thread, where the stubs below reach (the default writer is a worker thread). */
        const onThisThread = (): GroupCommit => new GroupCommit({ writer: new InProcessBatchWriter() });

        async function fileHandlePrototype(): Promise<fs.FileHandle> {
            const handle = await fs.open(root, 'r');
            await handle.close();
            return Object.getPrototypeOf(handle);
        }

        it('keeps the old document on disk and in memory when flushing to the disk fails', async () => {
            const store = await openStore(onThisThread());
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
            const store = await openStore(onThisThread());
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
});
