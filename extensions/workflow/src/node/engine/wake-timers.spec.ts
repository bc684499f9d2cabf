import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { WakeTimers } from './wake-timers';

describe('WakeTimers', () => {

    let clock: sinon.SinonFakeTimers;
    let woken: string[];
    let timers: WakeTimers;

    beforeEach(() => {
        clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        woken = [];
        timers = new WakeTimers(key => woken.push(key));
    });

    afterEach(() => {
        timers.clear();
        clock.restore();
    });

    it('wakes each key at its time, earliest first, with one timer', () => {
        timers.schedule('late', Date.now() + 300);
        timers.schedule('early', Date.now() + 100);
        timers.schedule('middle', Date.now() + 200);
        assert.equal(clock.countTimers(), 1);
        clock.tick(150);
        assert.deepEqual(woken, ['early']);
        clock.tick(200);
        assert.deepEqual(woken, ['early', 'middle', 'late']);
        assert.equal(timers.size, 0);
        assert.equal(clock.countTimers(), 0);
    });

    it('wakes at once for a time already past', () => {
        timers.schedule('overdue', Date.now() - 5000);
        clock.tick(0);
        assert.deepEqual(woken, ['overdue']);
    });

    it('replaces a key\'s earlier time, and forgets a cancelled key', () => {
        timers.schedule('a', Date.now() + 100);
        timers.schedule('a', Date.now() + 500);
        timers.schedule('b', Date.now() + 200);
        timers.cancel('b');
        clock.tick(300);
        assert.deepEqual(woken, []);
        clock.tick(300);
        assert.deepEqual(woken, ['a']);
    });

    it('waits longer than a single timer can, in several', () => {
        const month = 40 * 24 * 3_600_000;
        timers.schedule('retained', Date.now() + month);
        clock.tick(month - 1);
        assert.deepEqual(woken, []);
        clock.tick(1);
        assert.deepEqual(woken, ['retained']);
    });

    it('keeps its heap bounded when keys are re-scheduled over and over', () => {
        for (let round = 0; round < 5000; round++) {
            timers.schedule('busy', Date.now() + 1000 + round);
        }
        assert.ok((timers as unknown as { heap: unknown[] }).heap.length <= 1026);
        clock.tick(10_000);
        assert.deepEqual(woken, ['busy']);
    });
});
