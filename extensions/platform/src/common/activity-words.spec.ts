import * as assert from 'node:assert/strict';
import { activityLabelOf, isAtActivityType } from './activity-words';

describe('activity words', () => {
    const installed = { get: (type: string) => type === 'prepress-check' ? { label: 'Prepress Check' } : undefined };

    it('names an installed activity by its label', () => {
        assert.equal(activityLabelOf('prepress-check', installed), 'Prepress Check');
    });

    it('makes the id of an activity that is not installed readable rather than show it raw', () => {
        assert.equal(activityLabelOf('closeout-order', installed), 'Closeout order');
        assert.equal(activityLabelOf('custom:print-proofs', undefined), 'Print proofs');
    });

    it('tells a row at an activity by its type, or by its label when the row has no type', () => {
        assert.equal(isAtActivityType({ currentActivity: 'Prepress Check', currentActivityType: 'prepress-check' }, 'prepress-check'), true);
        assert.equal(isAtActivityType({ currentActivity: 'Check proofs', currentActivityType: 'prepress-check' }, 'prepress-check'), true);
        assert.equal(isAtActivityType({ currentActivity: 'Prepress Check' }, 'prepress-check'), true);
        assert.equal(isAtActivityType({ currentActivity: 'Approve', currentActivityType: 'approve' }, 'prepress-check'), false);
        assert.equal(isAtActivityType({}, 'prepress-check'), false);
    });
});
