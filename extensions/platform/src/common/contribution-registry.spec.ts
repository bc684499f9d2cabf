import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { Container } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { MockLogger } from '@theia/core/lib/common/test/mock-logger';
import { JobColumnContribution } from './job-column-contribution';
import { JobColumnRegistry } from './job-column-registry';
import { bindContributionPoint, collectContributions } from './contribution-registry';
import { registryOf } from './test/registry-of';

function column(id: string, label = id): JobColumnContribution {
    return { id, label, field: id, defaultWidth: 100, visibleByDefault: true };
}

describe('ContributionRegistry', () => {
    it('keeps the first contribution of an id and names each repeated id once', () => {
        const first = column('state', 'State');
        const collected = collectContributions([first, column('name'), column('state', 'Again'), column('state', 'Third')], contribution => contribution.id);
        assert.equal(collected.byId.get('state'), first);
        assert.deepEqual([...collected.byId.keys()], ['state', 'name']);
        assert.deepEqual(collected.duplicateIds, ['state']);
    });

    it('asks the provider once, however often it is asked', () => {
        const getContributions = sinon.stub().returns([column('a'), column('b')]);
        const registry = Object.assign(new JobColumnRegistry(), { provider: { getContributions }, logger: new MockLogger() });
        registry.all();
        registry.get('a');
        registry.has('b');
        assert.equal(getContributions.callCount, 1);
    });

    it('reports a duplicate id as an error naming the point and the id, and lists the first only', () => {
        const logger = new MockLogger();
        const error = sinon.spy(logger, 'error');
        const registry = registryOf(JobColumnRegistry, [column('due', 'Due'), column('due', 'Due (other extension)')], logger);
        assert.deepEqual(registry.all().map(entry => entry.label), ['Due']);
        assert.equal(error.callCount, 1);
        assert.match(String(error.firstCall.args[0]), /JobColumnContribution "due" is contributed more than once/);
    });

    it('answers by id, and undefined for an id nobody contributes', () => {
        const registry = registryOf(JobColumnRegistry, [column('copies')]);
        assert.equal(registry.get('copies')?.id, 'copies');
        assert.equal(registry.get('missing'), undefined);
        assert.equal(registry.has('missing'), false);
    });

    it('bindContributionPoint: one registry beside the point collects what every module binds', () => {
        const container = new Container();
        container.bind(ILogger).toConstantValue(new MockLogger());
        bindContributionPoint(container.bind.bind(container), JobColumnContribution, JobColumnRegistry);
        container.bind(JobColumnContribution).toConstantValue(column('id'));
        container.bind(JobColumnContribution).toConstantValue(column('name'));
        const registry = container.get(JobColumnRegistry);
        assert.equal(container.get(JobColumnRegistry), registry, 'a singleton');
        assert.deepEqual(registry.all().map(entry => entry.id), ['id', 'name']);
    });
});
