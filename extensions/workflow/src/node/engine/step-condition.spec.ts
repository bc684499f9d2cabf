import * as assert from 'node:assert/strict';
import type { StepCondition } from '@presswork/platform/lib/common/workflow-schema';
import { conditionHolds } from './step-condition';
import { jobDocument } from './test/engine-fixture';

describe('conditionHolds', () => {

    const job = jobDocument('j1', 'o1', {
        name: 'Business cards',
        copies: 500,
        due: '2025-03-10T12:00:00.000Z',
        properties: { paper: 'Matt 350gsm', sides: 2, rush: true, weight: '350', empty: '' }
    });
    const holds = (property: string, comparison: StepCondition['comparison'], value: StepCondition['value']): boolean =>
        conditionHolds({ property, comparison, value }, job);

    it('holds when there is no condition', () => {
        assert.equal(conditionHolds(undefined, job), true);
    });

    it('compares text for equality without regard to case or surrounding spaces', () => {
        assert.equal(holds('paper', 'equals', 'matt 350GSM '), true);
        assert.equal(holds('paper', 'equals', 'Silk'), false);
        assert.equal(holds('paper', 'not-equals', 'Silk'), true);
        assert.equal(holds('paper', 'not-equals', 'MATT 350gsm'), false);
    });

    it('finds text within text', () => {
        assert.equal(holds('paper', 'contains', 'matt'), true);
        assert.equal(holds('paper', 'contains', 'gloss'), false);
        assert.equal(holds('name', 'contains', 'CARDS'), true);
    });

    it('compares numbers as numbers, also numbers kept as text', () => {
        assert.equal(holds('copies', 'greater-than', 100), true);
        assert.equal(holds('copies', 'greater-than', 500), false);
        assert.equal(holds('copies', 'less-than', 1000), true);
        assert.equal(holds('copies', 'equals', '500'), true);
        assert.equal(holds('weight', 'greater-than', 90), true);
        assert.equal(holds('weight', 'less-than', '1000'), true);
        assert.equal(holds('sides', 'equals', 2), true);
    });

    it('compares timestamps as times', () => {
        assert.equal(holds('due', 'less-than', '2025-03-11'), true);
        assert.equal(holds('due', 'greater-than', '2025-03-11T00:00:00Z'), false);
    });

    it('compares booleans with their text', () => {
        assert.equal(holds('rush', 'equals', true), true);
        assert.equal(holds('rush', 'equals', 'true'), true);
        assert.equal(holds('rush', 'not-equals', false), true);
    });

    it('is false for a missing property, whatever the comparison', () => {
        for (const comparison of ['equals', 'not-equals', 'contains', 'greater-than', 'less-than'] as const) {
            assert.equal(holds('lamination', comparison, 'gloss'), false, comparison);
        }
    });

    it('is false when values cannot be ordered', () => {
        assert.equal(holds('paper', 'greater-than', 3), false);
        assert.equal(holds('paper', 'less-than', 3), false);
        assert.equal(holds('rush', 'greater-than', 0), false);
    });

    it('reads job fields by name, and not other job fields', () => {
        assert.equal(holds('orderNumber', 'equals', 'PW-o1'), true);
        assert.equal(holds('state', 'equals', 'Received'), true);
        assert.equal(holds('id', 'equals', 'j1'), false);
    });
});
