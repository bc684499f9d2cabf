import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { Coalescer } from './coalescer';

describe('Coalescer', () => {
    let clock: sinon.SinonFakeTimers;
    let runs: number[];
    let coalescer: Coalescer;

    beforeEach(() => {
        clock = sinon.useFakeTimers({ now: 1_000_000 });
        runs = [];
        coalescer = new Coalescer(() => runs.push(Date.now() - 1_000_000), 250);
    });

    afterEach(() => {
        coalescer.dispose();
        clock.restore();
    });

    it('runs an idle request at once', () => {
        coalescer.request();
        assert.deepEqual(runs, [0]);
        assert.equal(clock.countTimers(), 0);
    });

    it('runs a burst of requests at most once per interval, the last one included', () => {
        for (let at = 0; at < 1_000; at += 10) {
            coalescer.request();
            clock.tick(10);
        }
        clock.tick(250);
        assert.deepEqual(runs, [0, 250, 500, 750, 1000]);
        assert.equal(clock.countTimers(), 0, 'nothing waits once the burst is out');
    });

    it('runs a request that comes after a quiet interval at once again', () => {
        coalescer.request();
        clock.tick(100);
        coalescer.request();
        clock.tick(150);
        assert.deepEqual(runs, [0, 250]);
        clock.tick(5_000);
        coalescer.request();
        assert.deepEqual(runs, [0, 250, 5250]);
    });

    it('stops its timer and never runs again once disposed', () => {
        coalescer.request();
        coalescer.request();
        assert.equal(clock.countTimers(), 1);
        coalescer.dispose();
        assert.equal(clock.countTimers(), 0);
        clock.tick(1_000);
        coalescer.request();
        assert.deepEqual(runs, [0]);
    });
});
