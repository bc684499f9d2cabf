import * as assert from 'node:assert/strict';
import type { JobColumnContribution } from './job-column-contribution';
import { JobColumnRegistry } from './job-column-registry';
import { registryOf } from './test/registry-of';

function column(id: string, label: string): JobColumnContribution {
    return { id, label, field: id, defaultWidth: 120, visibleByDefault: true };
}

describe('JobColumnRegistry', () => {
    it('keeps the contribution order, which is the pod\'s default column order', () => {
        const registry = registryOf(JobColumnRegistry, [column('name', 'Name'), column('state', 'State'), column('due', 'Due'), column('copies', 'Copies')]);
        assert.deepEqual(registry.all().map(entry => entry.id), ['name', 'state', 'due', 'copies']);
    });

    it('keeps the first column of an id where it stood, so a second extension cannot replace or move it', () => {
        const registry = registryOf(JobColumnRegistry, [column('name', 'Name'), column('orderNumber', 'Order number'), column('name', 'Job name')]);
        assert.deepEqual(registry.all().map(entry => entry.label), ['Name', 'Order number']);
        assert.equal(registry.get('name')?.label, 'Name');
    });
});
