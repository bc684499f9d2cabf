import * as assert from 'node:assert/strict';
import type { Order } from '../../../common/order-schema';
import type { DocumentChange } from '../../../common/store-protocol';
import { MAX_DOCUMENT_BYTES } from '../../../common/document-limits';
import type { DocumentCollection, DocumentStore } from '../document-store';
import { OrdersCollection, UsersCollection } from '../platform-collections';
import { DocumentConflictError, DocumentNotFoundError, DocumentTooLargeError, DocumentValidationError } from '../store-errors';
import { sampleOrder, sampleUser } from './sample-documents';

/**
 * What a store under the contract offers the tests: opening it (again) on the same data, and a
 * look at what it has made durable, past its memory (a file, a row).
 */
export interface StoreHarness {
    /** A store over the harness's data, open; closed by `dispose`. */
    open(): Promise<DocumentStore>;
    /** The document as it is durably stored, or undefined. */
    stored(collection: DocumentCollection, id: string): Promise<unknown>;
    /** Everything durably stored (files, rows), by some name: empty when nothing was written. */
    storedNames(): Promise<string[]>;
    dispose(): Promise<void>;
}

/** The error test of a conflict that names the current and the expected version. */
export function conflictBetween(current: number, expected: number): (error: unknown) => boolean {
    return error => {
        assert.ok(error instanceof DocumentConflictError, `expected a conflict, got ${error}`);
        assert.match(error.message, new RegExp(`version ${current}\\b.*version ${expected}\\b`));
        return true;
    };
}

export function invalidNaming(field: string): (error: unknown) => boolean {
    return error => {
        assert.ok(error instanceof DocumentValidationError, `expected a validation error, got ${error}`);
        assert.ok(error.message.includes(field), `"${error.message}" should name ${field}`);
        return true;
    };
}

export function recordChanges(store: DocumentStore): DocumentChange[] {
    const changes: DocumentChange[] = [];
    store.onDidChange(change => changes.push(change));
    return changes;
}

/** An order whose line items carry `options` finishing options of 2,000 characters each. */
export function orderWithFinishing(id: string, lines: number, options: number): Order {
    const order = sampleOrder(id, lines);
    for (const line of order.lineItems) {
        line.finishingOptions = Array.from({ length: options }, (_, index) => ({ name: `Option ${index}`, value: 'x'.repeat(2000) }));
    }
    return order;
}

/** An order whose JSON is a few bytes under the store's document limit. */
export function largestOrder(id: string): Order {
    const order = orderWithFinishing(id, 1000, 7);
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
    return order;
}

/**
 * The behaviour every `DocumentStore` shares (the embedded file store and the PostgreSQL store):
 * call inside a `describe`, with a fresh harness per test.
 */
export function documentStoreContract(createHarness: () => Promise<StoreHarness>): void {

    let harness: StoreHarness;
    let openStores: DocumentStore[];

    beforeEach(async () => {
        harness = await createHarness();
        openStores = [];
    });

    afterEach(async () => {
        await Promise.all(openStores.map(store => store.close()));
        await harness.dispose();
    });

    async function openStore(): Promise<DocumentStore> {
        const store = await harness.open();
        openStores.push(store);
        return store;
    }

    /** Closes the store and opens a new one on the same data, as a restart would. */
    async function reopen(store: DocumentStore): Promise<DocumentStore> {
        await store.close();
        return openStore();
    }

    describe('create', () => {

        it('stores a new document at version 1, durably, found again after a restart', async () => {
            const store = await openStore();

            const created = await store.create(OrdersCollection, sampleOrder('order-1'));

            assert.equal(created.version, 1);
            assert.deepEqual(await harness.stored(OrdersCollection, 'order-1'), created);
            const reopened = await reopen(store);
            assert.deepEqual(reopened.get(OrdersCollection, 'order-1'), created);
            assert.equal(reopened.count(OrdersCollection), 1);
        });

        it('refuses an id that exists already, keeping the first document', async () => {
            const store = await openStore();
            const first = await store.create(OrdersCollection, sampleOrder('order-1'));

            await assert.rejects(store.create(OrdersCollection, { ...sampleOrder('order-1'), description: 'a repeat' }), DocumentConflictError);

            assert.equal(store.count(OrdersCollection), 1);
            assert.deepEqual(await harness.stored(OrdersCollection, 'order-1'), first);
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
            assert.deepEqual(await harness.stored(OrdersCollection, 'order-1'), updated);
        });

        it('refuses a stale version, naming the current and the expected version, and leaves the stored document as it was', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            const updated = await store.update(OrdersCollection, { ...created, status: 'Shipped' });

            await assert.rejects(store.update(OrdersCollection, { ...created, status: 'Cancelled' }), conflictBetween(2, 1));

            assert.deepEqual(await harness.stored(OrdersCollection, 'order-1'), updated);
            assert.deepEqual(store.get(OrdersCollection, 'order-1'), updated);
        });

        it('refuses to update a document that does not exist, without creating it', async () => {
            const store = await openStore();

            await assert.rejects(store.update(OrdersCollection, sampleOrder('order-1')), /no longer exists/);

            assert.equal(await harness.stored(OrdersCollection, 'order-1'), undefined);
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
            assert.deepEqual(await harness.stored(OrdersCollection, 'order-1'), final);
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
            const stored = await harness.stored(OrdersCollection, 'order-1');
            const changes = recordChanges(store);

            const same = await store.modify(OrdersCollection, 'order-1', order => ({ ...order, jobs: order.jobs.map(job => ({ ...job })) }));

            assert.deepEqual([same.version, changes.length], [created.version, 0]);
            assert.deepEqual(await harness.stored(OrdersCollection, 'order-1'), stored);
            const changed = await store.modify(OrdersCollection, 'order-1', order => ({ ...order, status: 'Shipped' }));
            assert.deepEqual([changed.version, changes.length], [created.version + 1, 1], 'a real change is written as before');
        });
    });

    describe('revise', () => {

        it('writes the revision built around the current document, which it keeps where it is unchanged', async () => {
            const store = await openStore();
            await store.create(OrdersCollection, sampleOrder('order-1', 2));
            const before = store.get(OrdersCollection, 'order-1')!;

            const next = await store.revise(OrdersCollection, 'order-1', order => ({ ...order, jobs: order.jobs.with(1, { ...order.jobs[1], state: 'Held' }) }));

            assert.deepEqual([next.version, next.jobs[1].state], [2, 'Held']);
            assert.equal(next.jobs[0], before.jobs[0], 'the unchanged job is the stored one, not a copy');
            assert.equal(next.lineItems, before.lineItems);
            assert.deepEqual(await harness.stored(OrdersCollection, 'order-1'), next);
        });

        it('hands the revision a frozen document: an edit in place throws and changes nothing', async () => {
            const store = await openStore();
            await store.create(OrdersCollection, sampleOrder('order-1', 2));
            const changes = recordChanges(store);

            await assert.rejects(store.revise(OrdersCollection, 'order-1', order => {
                order.jobs[1].copies = 99;
                return order;
            }), TypeError);

            assert.equal(store.get(OrdersCollection, 'order-1')?.jobs[1].copies, sampleOrder('order-1', 2).jobs[1].copies);
            assert.equal(changes.length, 0);
        });

        it('applies 50 simultaneous revisions one after the other, losing none', async () => {
            const store = await openStore();
            await store.create(OrdersCollection, sampleOrder('order-1'));

            const addOneCopy = (order: Order): Order => ({ ...order, jobs: order.jobs.with(0, { ...order.jobs[0], copies: order.jobs[0].copies + 1 }) });
            await Promise.all(Array.from({ length: 50 }, () => store.revise(OrdersCollection, 'order-1', addOneCopy)));

            const final = store.get(OrdersCollection, 'order-1');
            assert.deepEqual([final?.version, final?.jobs[0].copies], [51, 51]);
            assert.deepEqual(await harness.stored(OrdersCollection, 'order-1'), final);
        });

        it('writes nothing and announces nothing for the current document again, and refuses one that does not exist', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            const changes = recordChanges(store);

            const same = await store.revise(OrdersCollection, 'order-1', order => ({ ...order, status: created.status }));

            assert.deepEqual([same.version, changes.length], [created.version, 0]);
            await assert.rejects(store.revise(OrdersCollection, 'order-2', order => order), DocumentNotFoundError);
        });

        it('refuses a revision its schema does not allow, and keeps the document', async () => {
            const store = await openStore();
            await store.create(OrdersCollection, sampleOrder('order-1'));

            await assert.rejects(store.revise(OrdersCollection, 'order-1', order => ({ ...order, jobs: order.jobs.with(0, { ...order.jobs[0], copies: -1 }) })), DocumentValidationError);

            assert.deepEqual([store.get(OrdersCollection, 'order-1')?.version, store.get(OrdersCollection, 'order-1')?.jobs[0].copies], [1, sampleOrder('order-1').jobs[0].copies]);
        });
    });

    describe('delete', () => {

        it('refuses a stale version and keeps the document', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));
            await store.update(OrdersCollection, { ...created, status: 'Shipped' });

            await assert.rejects(store.delete(OrdersCollection, 'order-1', 1), conflictBetween(2, 1));

            assert.equal(store.get(OrdersCollection, 'order-1')?.version, 2);
            assert.notEqual(await harness.stored(OrdersCollection, 'order-1'), undefined);
        });

        it('removes the document, for good', async () => {
            const store = await openStore();
            await store.create(OrdersCollection, sampleOrder('order-1'));

            await store.delete(OrdersCollection, 'order-1', 1);

            assert.equal(store.get(OrdersCollection, 'order-1'), undefined);
            assert.equal(await harness.stored(OrdersCollection, 'order-1'), undefined);
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
            assert.deepEqual(await harness.storedNames(), []);
        });

        it('refuses an update that breaks the schema and leaves the stored document as it was', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));

            const invalid = { ...created, paymentMethod: 'Cash' } as unknown as Order;
            await assert.rejects(store.update(OrdersCollection, invalid), invalidNaming('paymentMethod'));

            assert.deepEqual(store.get(OrdersCollection, 'order-1'), created);
            assert.deepEqual(await harness.stored(OrdersCollection, 'order-1'), created);
        });

        for (const id of ['../x', 'a/b', '', '..', '.hidden', 'a\\b', '/tmp/x']) {
            it(`refuses the id ${JSON.stringify(id)} for every kind of write, writing nothing anywhere`, async () => {
                const store = await openStore();

                await assert.rejects(store.create(OrdersCollection, sampleOrder(id)), DocumentValidationError);
                await assert.rejects(store.update(OrdersCollection, sampleOrder(id)), DocumentValidationError);
                await assert.rejects(store.modify(OrdersCollection, id, order => order), DocumentValidationError);
                await assert.rejects(store.delete(OrdersCollection, id, 1), DocumentValidationError);

                assert.deepEqual(await harness.storedNames(), []);
            });
        }
    });

    describe('size limits', () => {

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
            assert.deepEqual(await harness.storedNames(), []);
        });

        it('refuses a change that would grow a document past the limit, keeping the stored one durably and in memory', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, orderWithFinishing('growing', 1000, 1));

            await assert.rejects(store.modify(OrdersCollection, 'growing', () => orderWithFinishing('growing', 1000, 9)), tooLarge);

            assert.deepEqual(store.get(OrdersCollection, 'growing'), created);
            assert.deepEqual(await harness.stored(OrdersCollection, 'growing'), created);
        });

        it('reads back after a restart a document written just under the limit', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, largestOrder('largest'));

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
            await store.catchUp();

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
            await store.catchUp();

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

    describe('close', () => {

        it('refuses writes once closed, writing nothing', async () => {
            const store = await openStore();
            const created = await store.create(OrdersCollection, sampleOrder('order-1'));

            await store.close();

            await assert.rejects(store.create(OrdersCollection, sampleOrder('order-2')), /closed/);
            await assert.rejects(store.update(OrdersCollection, { ...created, status: 'Shipped' }), /closed/);
            assert.equal(await harness.stored(OrdersCollection, 'order-2'), undefined);
            assert.deepEqual(await harness.stored(OrdersCollection, 'order-1'), created);
        });
    });
}
