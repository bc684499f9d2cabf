import * as assert from 'node:assert/strict';
import { changedDocument, deepFrozen, revisedDocument, sameContent } from './document-content';
import { sampleOrder } from './test/sample-documents';

describe('document content', () => {

    it('gives the change made to a copy, leaving the current document as it was', () => {
        const current = sampleOrder('order-1', 2);
        const before = structuredClone(current);

        const next = changedDocument(current, order => {
            order.jobs[1].state = 'Held';
            order.jobs[1].log.push({ at: '2025-01-15T09:31:00.000Z', level: 'info', message: 'Held' });
            return order;
        });

        assert.equal(next?.jobs[1].state, 'Held');
        assert.deepEqual(current, before);
        assert.notEqual(next?.jobs[0], current.jobs[0], 'a copy all the way down');
    });

    it('keeps the id and version, whatever the change returns', () => {
        const current = sampleOrder('order-1');

        const next = changedDocument(current, order => ({ ...order, id: 'order-2', version: 9, status: 'Shipped' }));

        assert.deepEqual([next?.id, next?.version, next?.status], ['order-1', 1, 'Shipped']);
    });

    it('gives nothing when the change leaves the content as it was', () => {
        const current = sampleOrder('order-1', 2);

        assert.equal(changedDocument(current, order => { order.jobs.reverse().reverse(); return order; }), undefined);
    });

    it('gives a revision without copying: the current document frozen, its unchanged parts kept', () => {
        const current = sampleOrder('order-1', 2);

        const next = revisedDocument(current, order => ({ ...order, id: 'order-2', jobs: order.jobs.with(1, { ...order.jobs[1], state: 'Held' }) }));

        assert.deepEqual([next?.id, next?.version, next?.jobs[1].state, current.jobs[1].state], ['order-1', 1, 'Held', 'Received']);
        assert.equal(next?.jobs[0], current.jobs[0]);
        assert.ok(Object.isFrozen(current.jobs[1].log), 'frozen all the way down');
        assert.throws(() => revisedDocument(current, order => { order.jobs[0].copies = 7; return order; }), TypeError);
        assert.equal(revisedDocument(current, order => ({ ...order })), undefined, 'the same content: nothing to write');
    });

    it('freezes only what is not frozen yet, and leaves values that are not objects as they are', () => {
        const shared = deepFrozen({ list: [{ a: 1 }] });
        const document = { shared, fresh: { b: [2] }, text: 'x', nothing: null };

        deepFrozen(document);

        assert.ok(Object.isFrozen(document) && Object.isFrozen(document.fresh.b));
        assert.equal(document.shared, shared);
        assert.equal(deepFrozen('text'), 'text');
    });

    it('tells apart values of other types, a list from an object, a field set to undefined from one left out', () => {
        assert.ok(sameContent({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }));
        assert.ok(!sameContent({ a: 1, b: undefined }, { a: 1 }));
        assert.ok(!sameContent({ list: { 0: 'x' } }, { list: ['x'] }));
        assert.ok(!sameContent({ a: '1' }, { a: 1 }));
    });
});
