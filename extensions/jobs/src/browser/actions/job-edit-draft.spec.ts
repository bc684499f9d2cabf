import * as assert from 'node:assert/strict';
import { JobEditSchema } from '../../common/jobs-protocol';
import { JobDraft, draftOf, editOf, fromLocalInput, toLocalInput } from './job-edit-draft';

describe('job properties edit', () => {

    const loaded = {
        name: 'Flyer',
        copies: 100,
        due: '2025-06-01T15:30:00.000Z',
        properties: { paper: 'Gloss 170', duplex: true, weight: 170 }
    };
    const draft = (change: Partial<JobDraft> = {}): JobDraft => ({ ...draftOf(loaded), ...change });

    it('shows the loaded values, properties by name with their kind', () => {
        const shown = draftOf(loaded);
        assert.equal(shown.name, 'Flyer');
        assert.equal(shown.copies, '100');
        assert.equal(fromLocalInput(shown.due), loaded.due);
        assert.deepEqual(shown.properties, [
            { key: 'duplex', value: 'true', kind: 'boolean' },
            { key: 'paper', value: 'Gloss 170', kind: 'text' },
            { key: 'weight', value: '170', kind: 'number' }
        ]);
    });

    it('finds nothing to save when nothing changed', () => {
        assert.deepEqual(editOf(loaded, draft()), { unchanged: true });
    });

    it('sends only the changes, with everything loaded as the base', () => {
        const result = editOf(loaded, draft({
            name: ' Flyer A5 ',
            copies: '250',
            properties: [
                { key: 'duplex', value: 'false', kind: 'boolean' },
                { key: 'weight', value: '170', kind: 'number' },
                { key: 'finish', value: 'matt', kind: 'text' }
            ]
        }));
        assert.ok('edit' in result);
        assert.deepEqual(result.edit, {
            base: { name: 'Flyer', copies: 100, due: loaded.due, properties: loaded.properties },
            changes: { name: 'Flyer A5', copies: 250, properties: { duplex: false, finish: 'matt' }, removedProperties: ['paper'] }
        });
        assert.ok(JobEditSchema.safeParse(result.edit).success);
    });

    it('clears the due date with null and sets a new one as an ISO time', () => {
        const cleared = editOf(loaded, draft({ due: '' }));
        assert.ok('edit' in cleared);
        assert.equal(cleared.edit.changes.due, null);
        const moved = editOf(loaded, draft({ due: '2025-07-01T09:00' }));
        assert.ok('edit' in moved);
        assert.equal(moved.edit.changes.due, new Date('2025-07-01T09:00').toISOString());
        assert.equal(toLocalInput(moved.edit.changes.due ?? undefined), '2025-07-01T09:00');
    });

    it('refuses a form it cannot send, saying what is wrong', () => {
        assert.deepEqual(editOf(loaded, draft({ copies: '0' })), { problem: 'Copies must be a whole number of at least 1' });
        assert.deepEqual(editOf(loaded, draft({ copies: '2.5' })), { problem: 'Copies must be a whole number of at least 1' });
        assert.deepEqual(editOf(loaded, draft({ name: '   ' })), { problem: 'Name is required' });
        assert.deepEqual(editOf(loaded, draft({ properties: [{ key: 'weight', value: 'heavy', kind: 'number' }] })), { problem: 'weight must be a number' });
        assert.deepEqual(editOf(loaded, draft({ properties: [{ key: ' ', value: 'x', kind: 'text' }] })), { problem: 'Every property needs a name' });
        assert.deepEqual(editOf(loaded, draft({ properties: [{ key: 'a', value: '1', kind: 'text' }, { key: 'a ', value: '2', kind: 'text' }] })),
            { problem: 'The property a is listed twice' });
    });

    describe('with the facts of the order among the properties', () => {
        const arrived = {
            ...loaded,
            properties: { ...loaded.properties, customerEmail: 'ada@example.com', marcomOrderId: '88001', shipTo: '1 Analytical Way, London' }
        };

        it('leaves the order facts out of the form, so they are neither edited nor removed', () => {
            assert.deepEqual(draftOf(arrived).properties.map(property => property.key), ['duplex', 'paper', 'weight']);
            assert.deepEqual(editOf(arrived, { ...draftOf(arrived) }), { unchanged: true });
            const result = editOf(arrived, { ...draftOf(arrived), properties: [] });
            assert.ok('edit' in result);
            assert.deepEqual(result.edit.changes.removedProperties, ['paper', 'duplex', 'weight']);
        });

        it('refuses a new property named like an order fact, in words', () => {
            assert.deepEqual(editOf(arrived, { ...draftOf(arrived), properties: [{ key: 'shipTo', value: 'elsewhere', kind: 'text' }] }),
                { problem: 'Ship to comes from the MarcomCentral order; choose another name for this property' });
        });

        it('names ticket properties by their label in its problems', () => {
            assert.deepEqual(editOf(arrived, { ...draftOf(arrived), properties: [{ key: 'colorMode', value: 'high', kind: 'number' }] }),
                { problem: 'Colour must be a number' });
        });
    });

    describe('priority', () => {

        const prioritised = { ...loaded, properties: { ...loaded.properties, priority: 3 } };

        it('shows the priority in a field of its own, not among the properties', () => {
            const shown = draftOf(prioritised);
            assert.equal(shown.priority, '3');
            assert.ok(!shown.properties.some(property => property.key === 'priority'));
            assert.equal(draftOf(loaded).priority, '');
            assert.deepEqual(editOf(prioritised, draftOf(prioritised)), { unchanged: true });
        });

        it('sets, changes and clears it', () => {
            const set = editOf(loaded, draft({ priority: ' 1 ' }));
            assert.ok('edit' in set);
            assert.deepEqual(set.edit.changes, { properties: { priority: 1 }, removedProperties: [] });
            const changed = editOf(prioritised, { ...draftOf(prioritised), priority: '10' });
            assert.ok('edit' in changed);
            assert.deepEqual(changed.edit.changes.properties, { priority: 10 });
            const cleared = editOf(prioritised, { ...draftOf(prioritised), priority: '' });
            assert.ok('edit' in cleared);
            assert.deepEqual(cleared.edit.changes.removedProperties, ['priority']);
        });

        it('refuses anything but a whole number from 1 to 10, in words', () => {
            for (const priority of ['0', '11', '2.5', 'high', '-1']) {
                assert.deepEqual(editOf(loaded, draft({ priority })), { problem: 'Priority must be a whole number from 1 (taken first) to 10 (taken last)' }, priority);
            }
            assert.deepEqual(editOf(loaded, draft({ properties: [{ key: 'priority', value: '2', kind: 'number' }] })),
                { problem: 'Priority has a field of its own above; remove this property' });
        });
    });

    it('treats a property named like an Object member as an ordinary one', () => {
        const result = editOf({ ...loaded, properties: {} }, draft({ properties: [{ key: 'constructor', value: 'x', kind: 'text' }] }));
        assert.ok('edit' in result);
        assert.deepEqual(result.edit.changes.properties, { constructor: 'x' });
        assert.deepEqual(result.edit.changes.removedProperties, []);
    });
});
