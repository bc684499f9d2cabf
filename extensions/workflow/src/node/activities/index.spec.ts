import * as assert from 'node:assert/strict';
import { Container } from '@theia/core/shared/inversify';
import { ActivityContribution } from '@presswork/platform/lib/common';
import { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { SUPPLIED_ACTIVITIES } from '../../common/supplied-activities';
import { bindSuppliedActivities } from './index';

describe('bindSuppliedActivities', () => {

    it('binds an executor for every supplied activity, carrying the shared definition itself', () => {
        const container = new Container();
        container.bind(DocumentStore).toConstantValue({});
        container.bind(PressworkConfig).toConstantValue({ dataFolder: '/tmp/presswork', demo: false });
        bindSuppliedActivities(container.bind.bind(container));

        const contributions = container.getAll<ActivityContribution>(ActivityContribution);

        assert.deepEqual(contributions.map(contribution => contribution.type), SUPPLIED_ACTIVITIES.map(definition => definition.type));
        for (const [index, definition] of SUPPLIED_ACTIVITIES.entries()) {
            const contribution = contributions[index];
            assert.equal(contribution.propertiesSchema, definition.propertiesSchema, 'the very same schema');
            assert.deepEqual({ ...contribution }, { ...definition, ...ownFieldsBeyond(contribution, definition) });
            assert.equal(typeof contribution.execute, 'function');
        }
        assert.equal(container.getAll(ActivityContribution)[0], contributions[0], 'one instance each');
    });
});

/** The executor's own settings (timeouts and limits) beside the definition's fields. */
function ownFieldsBeyond(contribution: object, definition: object): Record<string, unknown> {
    return Object.fromEntries(Object.entries(contribution).filter(([key]) => !(key in definition)));
}
