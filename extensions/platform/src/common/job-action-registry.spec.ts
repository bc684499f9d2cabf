import * as assert from 'node:assert/strict';
import { JobActionContribution, JobActionGroups } from './job-action-contribution';
import { JobActionRegistry } from './job-action-registry';
import { registryOf } from './test/registry-of';

function action(id: string, label: string, group: string, order?: string): JobActionContribution {
    return { id, label, group, order, permission: 'jobs.act', enablement: () => true, run: async () => undefined };
}

describe('JobActionRegistry', () => {
    it('lists the actions in menu order: group, then order, then label, whatever the contribution order', () => {
        const registry = registryOf(JobActionRegistry, [
            action('presswork.closeout.closeout', 'Closeout order…', JobActionGroups.order, '2'),
            action('presswork.jobs.remove', 'Remove', JobActionGroups.remove),
            action('presswork.jobs.resume', 'Resume', JobActionGroups.flow, '2'),
            action('presswork.closeout.details', 'Order details…', JobActionGroups.order, '1'),
            action('presswork.jobs.hold', 'Hold', JobActionGroups.flow, '1'),
            action('presswork.jobs.log', 'Log…', JobActionGroups.inspect),
            action('presswork.jobs.edit', 'Edit…', JobActionGroups.inspect)
        ]);
        assert.deepEqual(registry.all().map(entry => entry.label), [
            'Hold', 'Resume', 'Edit…', 'Log…', 'Order details…', 'Closeout order…', 'Remove'
        ]);
    });

    it('offers one action per command id: the first contributed', () => {
        const registry = registryOf(JobActionRegistry, [
            action('presswork.jobs.hold', 'Hold', JobActionGroups.flow),
            action('presswork.jobs.hold', 'Hold (copy)', JobActionGroups.flow)
        ]);
        assert.deepEqual(registry.all().map(entry => entry.label), ['Hold']);
        assert.equal(registry.get('presswork.jobs.hold')?.label, 'Hold');
    });
});
