import * as assert from 'node:assert/strict';
import { RankedQueue, WorkRank } from './ranked-queue';
import { dequeueFigures } from './work-queue-bench';

describe('RankedQueue', () => {

    /** Deterministic small numbers, so that ranks often tie. */
    function numbers(seed: number): (below: number) => number {
        let state = seed;
        return below => {
            state = (state * 48_271) % 2_147_483_647;
            return state % below;
        };
    }

    it('takes keys in the order a sort by priority, due (none last), arrival and first request gives, with keys moved meanwhile', () => {
        const random = numbers(7);
        const queue = new RankedQueue();
        const expected = new Map<string, WorkRank & { seq: number }>();
        for (let index = 0; index < 5000; index++) {
            // One put in four moves a key already waiting.
            const key = index > 100 && random(4) === 0 ? `k${random(index)}` : `k${index}`;
            const rank: WorkRank = { priority: 1 + random(10), due: random(3) === 0 ? undefined : random(20), receivedAt: random(20) };
            const first = expected.get(key)?.seq ?? index;
            expected.set(key, { ...rank, seq: first });
            queue.put(key, rank);
        }
        const sorted = [...expected].sort(([, a], [, b]) => a.priority - b.priority || (a.due ?? Infinity) - (b.due ?? Infinity) || a.receivedAt - b.receivedAt || a.seq - b.seq)
            .map(([key]) => key);
        const taken: string[] = [];
        for (let key = queue.take(); key !== undefined; key = queue.take()) {
            taken.push(key);
        }
        assert.equal(queue.size, 0);
        assert.deepEqual(taken, sorted);
    });

    it('holds a key once, and lets go of moved entries once it is empty', () => {
        const queue = new RankedQueue();
        for (let round = 0; round < 3000; round++) {
            queue.put('a', { priority: 1 + round % 10, receivedAt: 0 });
        }
        assert.equal(queue.size, 1);
        assert.ok((queue as unknown as { heap: unknown[] }).heap.length <= 1024 + 3, 'moved entries are dropped as they pile up');
        assert.equal(queue.take(), 'a');
        assert.equal(queue.take(), undefined);
        assert.equal((queue as unknown as { heap: unknown[] }).heap.length, 0);
    });

    it('measures a dequeue with the keys asked for waiting, beside a plain array', () => {
        const figures = dequeueFigures(2000, 200);
        assert.deepEqual([figures.queued, figures.samples], [2000, 200]);
        assert.ok(figures.p50Ms <= figures.p95Ms && figures.baselineP50Ms <= figures.baselineP95Ms, JSON.stringify(figures));
    });
});
