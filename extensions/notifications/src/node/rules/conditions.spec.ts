import * as assert from 'node:assert/strict';
import type { Comparison } from '../../common/notifications-protocol';
import { conditionHolds, conditionsHold } from './conditions';

const holds = (actual: unknown, comparison: Comparison, value: string): boolean => conditionHolds({ property: 'p', comparison, value }, actual);

describe('rule conditions', () => {

    it('compares text without regard to case', () => {
        assert.ok(holds('Error', 'equals', 'error'));
        assert.ok(holds('Error', 'not-equals', 'Printed'));
        assert.ok(holds('Printer A is out of paper', 'contains', 'OUT OF PAPER'));
        assert.ok(holds('media-jam', 'not-contains', 'media-empty'));
        assert.ok(!holds('Error', 'not-equals', 'ERROR'));
    });

    it('compares numbers as numbers and times as times when both sides are', () => {
        assert.ok(holds(30, 'greater-than', '9'), '30 > 9 as numbers, not as text');
        assert.ok(holds(30, 'equals', '30.0'));
        assert.ok(holds(5, 'less-than', '10'));
        assert.ok(holds('2026-12-05T17:00:00.000Z', 'less-than', '2026-12-06'));
        assert.ok(holds('2026-12-05T18:00:00+01:00', 'equals', '2026-12-05T17:00:00Z'));
        assert.ok(!holds('Printer A', 'greater-than', '3'), 'text is neither greater nor less');
    });

    it('treats a missing property as empty text', () => {
        assert.ok(holds(undefined, 'not-equals', 'x'));
        assert.ok(!holds(undefined, 'contains', 'x'));
        assert.ok(!holds(undefined, 'greater-than', '0'));
    });

    it('needs every condition to hold', () => {
        const conditions = [
            { property: 'state', comparison: 'equals' as const, value: 'error' },
            { property: 'reason', comparison: 'contains' as const, value: 'paper' }
        ];
        assert.ok(conditionsHold(conditions, { state: 'Error', reason: 'out of paper' }));
        assert.ok(!conditionsHold(conditions, { state: 'Error', reason: 'jam' }));
        assert.ok(conditionsHold([], { state: 'Printed' }));
    });
});
