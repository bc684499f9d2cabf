import * as assert from 'node:assert/strict';
import { z } from 'zod';
import type { ActivityContribution } from './activity-contribution';
import { ActivityRegistry } from './activity-registry';
import type { ActivityUiContribution } from './activity-ui-contribution';
import { ActivityUiRegistry } from './activity-ui-registry';
import { registryOf } from './test/registry-of';

function definition(type: string, label: string): ActivityUiContribution {
    return { type, label, description: '', iconClass: 'codicon codicon-check', allowedPhases: ['Receive'], propertiesSchema: z.unknown(), fields: [] };
}

function activity(type: string, label: string): ActivityContribution {
    return { ...definition(type, label), execute: async () => ({ kind: 'continue' }) };
}

describe('ActivityRegistry', () => {
    it('finds an activity by its type and lists them in contribution order', () => {
        const registry = registryOf(ActivityRegistry, [activity('receive-files', 'Receive files'), activity('print', 'Print'), activity('closeout-order', 'Closeout Order')]);
        assert.equal(registry.get('print')?.label, 'Print');
        assert.equal(registry.get('not-installed'), undefined);
        assert.deepEqual(registry.all().map(entry => entry.type), ['receive-files', 'print', 'closeout-order']);
    });

    it('runs the first activity contributed under a type, never a later one of the same type', () => {
        const registry = registryOf(ActivityRegistry, [activity('print', 'Print'), activity('print', 'Print (other extension)')]);
        assert.equal(registry.get('print')?.label, 'Print');
        assert.equal(registry.all().length, 1);
    });
});

describe('ActivityUiRegistry', () => {
    it('gives the palette one entry per activity type, in contribution order', () => {
        const registry = registryOf(ActivityUiRegistry, [definition('print', 'Print'), definition('retain', 'Retain'), definition('print', 'Print again')]);
        assert.deepEqual(registry.all().map(entry => entry.label), ['Print', 'Retain']);
        assert.equal(registry.get('retain')?.label, 'Retain');
    });
});
