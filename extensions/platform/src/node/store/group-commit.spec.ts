import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import type { Order } from '../../common/order-schema';
import type { DocumentChange } from '../../common/store-protocol';
import { syncFolder } from '../files/durable-file';
import { eventually } from '../test/eventually';
import { FileDocumentStore, shardOf } from './file-document-store';
import { InProcessBatchWriter } from './batch-writers';
import { CALLERS_RESOLVED_PER_TURN, GroupCommit, GroupCommitError } from './group-commit';
import { OrdersCollection, PLATFORM_COLLECTIONS } from './platform-collections';
import { answeringCall } from '../waited-call';
import { sampleOrder } from './test/sample-documents';

/** A promise with its resolve at hand. */
function gate(): { promise: Promise<void>; open: () => void } {
    let open!: () => void;
    const promise = new Promise<void>(resolve => open = resolve);
    return { promise, open };
}

/**
 * Real fsyncs, counted and recorded in order (`file:<temporary>`, `folder:<folder>`), with a hook
 * that may hold or fail a folder's flush.
 */
class CountingSync {
    readonly events: string[] = [];
    fileSyncs = 0;
    folderSyncs = 0;
    beforeFolderSync: (folder: string, call: number) => Promise<void> = async () => undefined;

    readonly syncFile = async (handle: fs.FileHandle): Promise<void> => {
        this.fileSyncs++;
        await handle.sync();
        this.events.push('file');
    };

    readonly syncFolder = async (folder: string): Promise<void> => {
        this.folderSyncs++;
        await this.beforeFolderSync(folder, this.folderSyncs);
        await syncFolder(folder);
        this.events.push(`folder:${folder}`);
    };
}

describe('GroupCommit', () => {

    let root: string;
    let stores: FileDocumentStore[];
    let sync: CountingSync;
    let group: GroupCommit;

    beforeEach(async () => {
        root = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-group-commit-'));
        stores = [];
        sync = new CountingSync();
        group = new GroupCommit({ writer: new InProcessBatchWriter({ syncFile: sync.syncFile, syncFolder: sync.syncFolder }) });
    });

    afterEach(async () => {
        sinon.restore();
        await Promise.all(stores.map(store => store.close()));
        await fs.rm(root, { recursive: true, force: true });
    });

    async function openStore(options: { durability?: 'grouped' | 'each'; groupCommit?: GroupCommit } = { groupCommit: group }): Promise<FileDocumentStore> {
        const store = new FileDocumentStore({ folder: path.join(root, 'store'), collections: PLATFORM_COLLECTIONS, ...options });
        stores.push(store);
        await store.ready;
        return store;
    }

    function recordChanges(store: FileDocumentStore): DocumentChange[] {
        const changes: DocumentChange[] = [];
        store.onDidChange(change => changes.push(change));
        return changes;
    }

    function orderIds(count: number, prefix = 'order'): string[] {
        return Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);
    }

    function folderOf(id: string): string {
        return path.join(root, 'store', OrdersCollection.name, shardOf(id));
    }

    /** Every file under the store's folder, relative to it: no temporary file may be left. */
    async function filesUnder(folder: string): Promise<string[]> {
        const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
        return entries.filter(entry => entry.isFile()).map(entry => entry.name).sort();
    }

    /**
     * Holds the first batch's folder flush until `count` further writes wait, so that they all meet
     * in the next batch whatever the machine's speed.
     */
    function holdFirstBatchUntilWaiting(count: number): void {
        sync.beforeFolderSync = async (_folder, call) => {
            if (call === 1) {
                await eventually(() => group.waiting >= count, 5_000, `${count} writes waiting for the next batch`);
            }
        };
    }

    it('makes 64 concurrent writes durable in far fewer fsync rounds than one a write', async () => {
        const store = await openStore();
        const ids = orderIds(64);
        holdFirstBatchUntilWaiting(63);

        const created = await Promise.all(ids.map(id => store.create(OrdersCollection, sampleOrder(id))));

        assert.deepEqual(created.map(order => order.version), ids.map(() => 1));
        assert.equal(group.statistics.batches, 2, 'one round for the first write, one for the 63 that came while it was committed');
        assert.equal(group.statistics.largestBatch, 63);
        assert.equal(sync.fileSyncs, 64, 'every document\'s content is flushed');
        const folders = new Set(ids.map(folderOf));
        assert.ok(sync.folderSyncs <= folders.size + 1, `each affected folder flushed once a round (${sync.folderSyncs} flushes, ${folders.size} folders)`);
        assert.ok(sync.folderSyncs < 64);
    });

    it('resolves each writer only once its own document is flushed, renamed and its folder flushed', async () => {
        const store = await openStore();
        const first = gate();
        sync.beforeFolderSync = async () => first.promise;
        const resolved: string[] = [];

        const writes = orderIds(8).map(id => store.create(OrdersCollection, sampleOrder(id)).then(() => resolved.push(id)));
        await eventually(() => sync.folderSyncs >= 1 && group.waiting === 7, 5_000, 'the first batch flushing its folder, the others waiting');

        assert.deepEqual(resolved, [], 'no writer resolves before its folder is flushed');
        assert.equal(sync.fileSyncs, 1, 'the waiting writes are flushed by the next batch');
        assert.equal(store.get(OrdersCollection, 'order-2'), undefined, 'nothing is visible before it is durable');
        first.open();
        await Promise.all(writes);

        for (const id of orderIds(8)) {
            const file = path.join(folderOf(id), `${id}.json`);
            assert.deepEqual(JSON.parse(await fs.readFile(file, 'utf8')), store.get(OrdersCollection, id), `${id} is in place`);
        }
        const lastFolderFlush = sync.events.lastIndexOf(`folder:${folderOf('order-8')}`);
        assert.ok(lastFolderFlush > sync.events.lastIndexOf('file'), 'the folder is flushed after the content');
    });

    it('announces each document only after its batch is durable, in the order of its versions', async () => {
        const store = await openStore();
        const order = await store.create(OrdersCollection, sampleOrder('order-1'));
        const changes = recordChanges(store);

        // 20 changes to one order and one change each to 20 others, all at once.
        const same = Array.from({ length: 20 }, (_, index) => store.modify(OrdersCollection, order.id, current => ({ ...current, status: `Step ${index + 1}` })));
        const others = orderIds(20, 'other').map(id => store.create(OrdersCollection, sampleOrder(id)));
        const results = await Promise.all(same);
        await Promise.all(others);

        assert.deepEqual(results.map(result => result.version), Array.from({ length: 20 }, (_, index) => index + 2));
        assert.deepEqual(results.map(result => result.status), Array.from({ length: 20 }, (_, index) => `Step ${index + 1}`));
        const ofOrder = changes.filter(change => change.id === order.id);
        assert.deepEqual(ofOrder.map(change => change.version), Array.from({ length: 20 }, (_, index) => index + 2), 'one event a version, in order');
        assert.equal(changes.length, 40);
        assert.equal(store.get(OrdersCollection, order.id)!.version, 21);
        const onDisk = JSON.parse(await fs.readFile(path.join(folderOf(order.id), `${order.id}.json`), 'utf8')) as Order;
        assert.equal(onDisk.version, 21);
        assert.equal(onDisk.status, 'Step 20');
        assert.ok(group.statistics.batches < 40, `fewer rounds than writes (${group.statistics.batches})`);
    });

    it('keeps the optimistic version check: a stale update in the same batch is refused', async () => {
        const store = await openStore();
        const order = await store.create(OrdersCollection, sampleOrder('order-1'));

        const outcomes = await Promise.allSettled([
            store.update(OrdersCollection, { ...order, status: 'First' }),
            store.update(OrdersCollection, { ...order, status: 'Second' })
        ]);

        assert.equal(outcomes[0].status, 'fulfilled');
        assert.equal(outcomes[1].status, 'rejected');
        assert.match(String((outcomes[1] as PromiseRejectedResult).reason), /it is at version 2, you had version 1/);
        assert.equal(store.get(OrdersCollection, 'order-1')!.status, 'First');
    });

    it('fails only the callers of the batch whose folder flush failed, with a clear error, and stays consistent', async () => {
        const store = await openStore();
        const existing = await store.create(OrdersCollection, sampleOrder('existing'));
        const changes = recordChanges(store);
        // Round 2 commits a change to the existing order and is held until seven creates wait; round 3 holds those, and fails.
        sync.beforeFolderSync = async (_folder, call) => {
            if (call === 2) {
                await eventually(() => group.waiting >= 7, 5_000, 'seven writes waiting');
            }
            if (call === 3) {
                throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
            }
        };
        const batchSize = (): number => group.statistics.largestBatch;

        const change = store.modify(OrdersCollection, 'existing', order => ({ ...order, status: 'Changed' }));
        await eventually(() => sync.folderSyncs === 2, 5_000, 'the change being committed');
        const outcomes = await Promise.allSettled([change, ...orderIds(7).map(id => store.create(OrdersCollection, sampleOrder(id)))]);

        assert.equal(batchSize(), 7);
        assert.equal(outcomes[0].status, 'fulfilled', 'the first batch is committed');
        for (const outcome of outcomes.slice(1)) {
            assert.equal(outcome.status, 'rejected');
            const error = (outcome as PromiseRejectedResult).reason;
            assert.ok(error instanceof GroupCommitError);
            assert.match(error.message, /could not be flushed to the disk \(EIO: i\/o error, fsync\); the 7 writes committed with it may not survive a crash/);
        }
        assert.deepEqual(changes.map(change => change.id), ['existing'], 'no event for a write that failed');
        assert.equal(store.count(OrdersCollection), 1, 'memory holds only what was committed');
        assert.equal(store.get(OrdersCollection, 'existing')!.version, existing.version + 1);

        // The next batches commit as usual: the failed writes can be made again.
        sync.beforeFolderSync = async () => undefined;
        const again = await Promise.all(orderIds(7).map(id => store.create(OrdersCollection, sampleOrder(id))));
        assert.deepEqual(again.map(order => order.version), orderIds(7).map(() => 1));
        await store.close();
        const reopened = await openStore();
        assert.deepEqual(reopened.problems, []);
        assert.equal(reopened.count(OrdersCollection), 8);
        assert.ok((await filesUnder(path.join(root, 'store'))).every(name => name.endsWith('.json')), 'no temporary file is left');
    });

    it('fails the whole batch, and only it, when one document\'s content cannot be flushed; nothing of it is put in place', async () => {
        // Fails the flush of order-3's temporary file (Linux names an open file in /proc), once.
        let failed = false;
        const flushFailures = new GroupCommit({ writer: new InProcessBatchWriter({
            syncFile: async handle => {
                if (!failed && path.basename(await fs.readlink(`/proc/self/fd/${handle.fd}`)).startsWith('order-3.json.')) {
                    failed = true;
                    throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
                }
                await handle.sync();
            },
            syncFolder: async folder => {
                // Holds the first batch (order-1 alone) until the four others wait, so they share the next.
                if (flushFailures.statistics.batches === 1) {
                    await eventually(() => flushFailures.waiting >= 4, 5_000, 'four writes waiting');
                }
                await syncFolder(folder);
            }
        }) });
        const store = await openStore({ groupCommit: flushFailures });
        const changes = recordChanges(store);

        const first = store.create(OrdersCollection, sampleOrder('order-1'));
        await eventually(() => flushFailures.statistics.batches === 1, 5_000, 'the first batch under way');
        const outcomes = await Promise.allSettled([first, ...['order-2', 'order-3', 'order-4', 'order-5'].map(id => store.create(OrdersCollection, sampleOrder(id)))]);

        assert.deepEqual(outcomes.map(outcome => outcome.status), ['fulfilled', 'rejected', 'rejected', 'rejected', 'rejected']);
        for (const outcome of outcomes.slice(1)) {
            const error = (outcome as PromiseRejectedResult).reason;
            assert.ok(error instanceof GroupCommitError);
            assert.match(error.message, /order-3\.json could not be written durably \(EIO: i\/o error, fsync\); none of the 4 writes committed with it was made/);
        }
        assert.deepEqual(changes.map(change => change.id), ['order-1']);
        assert.equal(store.count(OrdersCollection), 1);
        assert.deepEqual(await filesUnder(path.join(root, 'store')), ['order-1.json'], 'nothing of the failed batch is on disk, no temporary file left');

        // The next batch commits as usual.
        await Promise.all(['order-2', 'order-3', 'order-4', 'order-5'].map(id => store.create(OrdersCollection, sampleOrder(id))));
        assert.equal(store.count(OrdersCollection), 5);
        assert.equal((await filesUnder(path.join(root, 'store'))).length, 5);
    });

    it('writes one document at a time through the old path when asked to (the benchmarks\' baseline)', async () => {
        const store = await openStore({ durability: 'each', groupCommit: group });

        await Promise.all(orderIds(8).map(id => store.create(OrdersCollection, sampleOrder(id))));

        assert.equal(group.statistics.batches, 0, 'the group commit is not used');
        assert.equal(store.count(OrdersCollection), 8);
        await store.close();
        stores = [];
        const reopened = await openStore();
        assert.equal(reopened.count(OrdersCollection), 8);
    });

    it('resolves a few callers a turn, however many batches come back at once, in the order they were written', async () => {
        // Batches of up to four that commit at once: all of them come back before the first turn ends.
        const instant = new GroupCommit({ maxBatch: 4, writer: { write: async () => ({ committed: true }) } });
        let turn = 0;
        let ticking = true;
        const tick = (): void => {
            turn++;
            if (ticking) {
                setImmediate(tick);
            }
        };
        setImmediate(tick);
        const resolved: { readonly index: number; readonly turn: number }[] = [];
        await Promise.all(Array.from({ length: 20 }, (_, index) =>
            instant.write(path.join(root, `file-${index}.json`), Buffer.from('x')).then(() => resolved.push({ index, turn }))));
        ticking = false;

        assert.ok(instant.statistics.batches >= 5, `${instant.statistics.batches} batches`);
        assert.deepEqual(resolved.map(entry => entry.index), Array.from({ length: 20 }, (_, index) => index));
        const perTurn = new Map<number, number>();
        resolved.forEach(entry => perTurn.set(entry.turn, (perTurn.get(entry.turn) ?? 0) + 1));
        assert.ok(Math.max(...perTurn.values()) <= CALLERS_RESOLVED_PER_TURN, `callers resolved in one turn: ${[...perTurn.values()]}`);
    });

    it('resolves the writes of a call someone waits for ahead of earlier writes', async () => {
        const instant = new GroupCommit({ maxBatch: 4, writer: { write: async () => ({ committed: true }) } });
        const resolved: string[] = [];
        const written = (name: string) => instant.write(path.join(root, `${name}.json`), Buffer.from('x')).then(() => resolved.push(name));
        const background = Array.from({ length: 20 }, (_, index) => written(`background-${index}`));
        // A click: its write is asked for after twenty others, and its caller waits for the answer.
        const clicked = answeringCall(() => written('clicked'));
        await Promise.all([...background, clicked]);

        // Only the first batch's callers, resolved as it came back, went before the click's (not 20).
        assert.ok(resolved.indexOf('clicked') <= CALLERS_RESOLVED_PER_TURN, resolved.join(', '));
        assert.deepEqual(resolved.filter(name => name.startsWith('background')), Array.from({ length: 20 }, (_, index) => `background-${index}`));
    });

    it('commits the writes of a call someone waits for beside the background\'s batch under way', async () => {
        const held = gate();
        const batches: string[][] = [];
        const lanes = new GroupCommit({
            writer: {
                write: async writes => {
                    const names = writes.map(write => path.basename(write.file));
                    batches.push(names);
                    if (names.includes('background.json')) {
                        await held.promise;
                    }
                    return { committed: true };
                }
            }
        });
        const background = lanes.write(path.join(root, 'background.json'), Buffer.from('x'));
        const queued = lanes.write(path.join(root, 'queued.json'), Buffer.from('x'));
        await answeringCall(() => lanes.write(path.join(root, 'clicked.json'), Buffer.from('x')));
        assert.deepEqual(batches, [['background.json'], ['clicked.json']], 'the click did not wait for the batch under way');

        // A second write of a file still in the background lane joins that lane, behind the first.
        const again = answeringCall(() => lanes.write(path.join(root, 'background.json'), Buffer.from('y')));
        await new Promise(resolve => setImmediate(resolve));
        assert.equal(batches.length, 2, 'nothing more is committed while the background batch is under way');
        held.open();
        await Promise.all([background, queued, again]);
        assert.deepEqual(batches.slice(2), [['queued.json', 'background.json']]);
    });

    it('resolves its callers on the event loop\'s own turns while a test fakes the timers', async () => {
        const instant = new GroupCommit({ maxBatch: 4, writer: { write: async () => ({ committed: true }) } });
        const clock = sinon.useFakeTimers();
        try {
            await Promise.all(Array.from({ length: 12 }, (_, index) => instant.write(path.join(root, `faked-${index}.json`), Buffer.from('x'))));
        } finally {
            clock.restore();
        }
        // And the queue, shared by every store in the process, drains as usual afterwards.
        await Promise.all(Array.from({ length: 12 }, (_, index) => instant.write(path.join(root, `real-${index}.json`), Buffer.from('x'))));
    });

    it('never lets two writes of one file share a batch, so the later one lands last', async () => {
        const folder = path.join(root, 'plain');
        await fs.mkdir(folder);
        const file = path.join(folder, 'a.json');
        const held = gate();
        sync.beforeFolderSync = async (_folder, call) => call === 1 ? held.promise : undefined;

        const first = group.write(path.join(folder, 'first.json'), Buffer.from('1'));
        await eventually(() => sync.folderSyncs === 1, 5_000, 'the first batch flushing');
        // Both wait while the first batch is held; the queue holds them in the order asked for.
        const older = group.write(file, Buffer.from('older'));
        await eventually(() => group.waiting === 1, 5_000, 'the older write waiting');
        const newer = group.write(file, Buffer.from('newer'));
        await eventually(() => group.waiting === 2, 5_000, 'the newer write waiting');
        held.open();
        await Promise.all([first, older, newer]);

        assert.equal(await fs.readFile(file, 'utf8'), 'newer');
        assert.equal(group.statistics.batches, 3, 'the two writes of a.json went in separate batches');
        assert.deepEqual(await filesUnder(folder), ['a.json', 'first.json']);
    });
});
