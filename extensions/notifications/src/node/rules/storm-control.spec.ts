import * as assert from 'node:assert/strict';
import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import { NotificationRuleSchema, type NotificationRule } from '../../common/notifications-protocol';
import { StormControl, type StormState } from './storm-control';
import { at, draft, ruleInput } from './test/rules-fixture';

const MINUTE = 60_000;

const rule = (quietMinutes: number, digestAbove: number): NotificationRule => NotificationRuleSchema.parse({
    ...ruleInput({ storm: { quietMinutes, digestAbove } }), id: 'rule-1', version: 1, createdAt: at(0), updatedAt: at(0)
});

let seq = 0;
const event = (subject: string, ms: number): PressworkEvent => ({ ...draft('job.error', subject, at(ms)), seq: ++seq });

describe('storm control', () => {

    it('takes the same decisions again from the same state (what dispatching again after a crash relies on)', () => {
        const state: StormState = { quiet: {}, minutes: {} };
        const decide = (control: StormControl, ms: number) => control.plan(rule(15, 10), event('job:1', ms), true, () => false);
        const first = new StormControl(state);
        const decisions = [0, MINUTE, 2 * MINUTE].map(ms => { const { decision, commit } = decide(first, ms); commit(); return decision; });
        assert.deepEqual(decisions, [
            { kind: 'single' },
            { kind: 'held', scope: 'job:1', slot: at(15 * MINUTE), count: 1 },
            { kind: 'held', scope: 'job:1', slot: at(15 * MINUTE), count: 2 }
        ]);
        assert.deepEqual(decide(new StormControl(structuredClone(state)), 3 * MINUTE).decision, { kind: 'held', scope: 'job:1', slot: at(15 * MINUTE), count: 3 });
    });

    it('goes on into the next minute\'s digest once a minute\'s digest has gone, and into the next quiet period likewise', () => {
        const control = new StormControl({ quiet: {}, minutes: {} });
        const stormy = rule(15, 1);
        control.plan(stormy, event('job:1', 0), true, () => false).commit();
        const gone = new Set([`digest ${at(MINUTE)}`]);
        assert.deepEqual(control.plan(stormy, event('job:2', 1000), true, (scope, slot) => gone.has(`${scope} ${slot}`)).decision,
            { kind: 'held', scope: 'digest', slot: at(2 * MINUTE), count: 1 });

        const quiet = new StormControl({ quiet: {}, minutes: {} });
        quiet.plan(rule(15, 100), event('job:1', 0), true, () => false).commit();
        assert.deepEqual(quiet.plan(rule(15, 100), event('job:1', MINUTE), true, (_scope, slot) => slot === at(15 * MINUTE)).decision,
            { kind: 'held', scope: 'job:1', slot: at(30 * MINUTE), count: 1 });
    });

    it('forgets quiet periods a day old and minutes gone by', () => {
        const state: StormState = { quiet: {}, minutes: {} };
        const control = new StormControl(state);
        control.plan(rule(15, 10), event('job:1', 0), true, () => false).commit();
        control.forget(Date.parse(at(2 * MINUTE)));
        assert.deepEqual([Object.keys(state.quiet).length, Object.keys(state.minutes).length], [1, 0]);
        control.forget(Date.parse(at(25 * 60 * MINUTE)));
        assert.deepEqual(state.quiet, {});
    });
});
