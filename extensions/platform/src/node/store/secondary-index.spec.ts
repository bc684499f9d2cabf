import * as assert from 'node:assert/strict';
import type { StoredDocument } from '../../common/store-protocol';
import { SecondaryIndex } from './secondary-index';

interface Tagged extends StoredDocument {
    readonly tags: readonly string[];
}

function tagged(id: string, ...tags: string[]): Tagged {
    return { id, version: 1, tags };
}

describe('SecondaryIndex', () => {

    const byTags = (): SecondaryIndex => new SecondaryIndex(document => (document as Tagged).tags);

    it('finds every document under each of its keys', () => {
        const index = byTags();

        index.update(tagged('a', 'red', 'blue'), undefined);
        index.update(tagged('b', 'blue'), undefined);

        assert.deepEqual(index.idsFor('red'), ['a']);
        assert.deepEqual(index.idsFor('blue').sort(), ['a', 'b']);
        assert.deepEqual(index.idsFor('green'), []);
    });

    it('moves a document to its new keys when it changes', () => {
        const index = byTags();
        const before = tagged('a', 'red', 'blue');
        index.update(before, undefined);

        index.update(tagged('a', 'blue', 'green'), before);

        assert.deepEqual(index.idsFor('red'), []);
        assert.deepEqual(index.idsFor('blue'), ['a']);
        assert.deepEqual(index.idsFor('green'), ['a']);
    });

    it('forgets a removed document under all its keys and keeps the others', () => {
        const index = byTags();
        const removed = tagged('a', 'red', 'blue');
        index.update(removed, undefined);
        index.update(tagged('b', 'blue'), undefined);

        index.remove(removed);

        assert.deepEqual(index.idsFor('red'), []);
        assert.deepEqual(index.idsFor('blue'), ['b']);
    });

    it('accepts a single key or no key at all', () => {
        const index = new SecondaryIndex(document => document.id === 'none' ? undefined : `key-${document.id}`);

        index.update({ id: 'one', version: 1 }, undefined);
        index.update({ id: 'none', version: 1 }, undefined);

        assert.deepEqual(index.idsFor('key-one'), ['one']);
        assert.deepEqual(index.idsFor('key-none'), []);
    });

    it('hands out a copy, so callers cannot change the index', () => {
        const index = byTags();
        index.update(tagged('a', 'red'), undefined);

        index.idsFor('red').push('intruder');

        assert.deepEqual(index.idsFor('red'), ['a']);
    });
});
