import * as assert from 'node:assert/strict';
import { ApprovePropertiesSchema, PrepressCheckPropertiesSchema } from '../../common/supplied-activities';
import { ApproveActivityContribution } from './approve-activity';
import { PrepressCheckActivityContribution } from './prepress-check-activity';
import { activityContext } from '@presswork/platform/lib/node/test/activity-context';

describe('Approve and Prepress Check activities', () => {

    it('Approve waits for an operator with the instructions as the reason', async () => {
        const activity = new ApproveActivityContribution();

        assert.deepEqual(await activity.execute(activityContext(ApprovePropertiesSchema.parse({ instructions: ' Check the proof with the customer ' }), { jobFolder: '/x' })),
            { kind: 'wait', state: 'Waiting', reason: 'Waiting for approval: Check the proof with the customer' });
        assert.deepEqual(await activity.execute(activityContext(ApprovePropertiesSchema.parse({}), { jobFolder: '/x' })),
            { kind: 'wait', state: 'Waiting', reason: 'Waiting for approval' });
    });

    it('Prepress Check waits until an operator confirms, with its default instructions', async () => {
        const activity = new PrepressCheckActivityContribution();

        const outcome = await activity.execute(activityContext(PrepressCheckPropertiesSchema.parse({}), { jobFolder: '/x' }));

        assert.deepEqual(outcome, { kind: 'wait', state: 'Waiting', reason: 'Waiting for prepress check: Check the print file (bleed, fonts, colour) and confirm.' });
    });

    it('bounds a long reason to what a job can store', async () => {
        const outcome = await new ApproveActivityContribution().execute(activityContext({ instructions: 'x'.repeat(2000) }, { jobFolder: '/x' }));

        assert.ok(outcome.kind === 'wait' && outcome.reason.length === 1000);
    });
});
