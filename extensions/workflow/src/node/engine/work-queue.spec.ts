import * as assert from 'node:assert/strict';
import { WorkQueue, WorkRank } from './work-queue';
import { gate } from './test/engine-fixture';

describe('WorkQueue', () => {

    const tick = (): Promise<void> => new Promise(resolve => setImmediate(resolve));
    /** Every key at the same rank: the queue is first come, first served. */
    const SAME: WorkRank = { priority: 5, receivedAt: 0 };
    const HOUR = 3_600_000;

    /** A queue of one slot, its first key held running until `open`: what is scheduled meanwhile is ranked. */
    function blockedQueue(): { queue: WorkQueue; started: string[]; open: () => void } {
        const started: string[] = [];
        const first = gate();
        const queue = new WorkQueue(1, async key => {
            started.push(key);
            if (started.length === 1) {
                await first.promise;
            }
        }, () => undefined);
        queue.schedule('blocker', SAME);
        return { queue, started, open: () => first.open() };
    }

    async function takenOrder(schedule: (queue: WorkQueue) => void): Promise<string[]> {
        const { queue, started, open } = blockedQueue();
        await tick();
        schedule(queue);
        open();
        await queue.idle();
        return started.slice(1);
    }

    it('takes work by priority, then due time (none last), then arrival', async () => {
        const taken = await takenOrder(queue => {
            queue.schedule('low-due-soon', { priority: 9, due: 1 * HOUR, receivedAt: 0 });
            queue.schedule('normal-no-due-first-in', { priority: 5, receivedAt: 0 });
            queue.schedule('normal-due-late', { priority: 5, due: 5 * HOUR, receivedAt: 2 });
            queue.schedule('normal-due-soon-late-in', { priority: 5, due: 2 * HOUR, receivedAt: 9 });
            queue.schedule('normal-due-soon-early-in', { priority: 5, due: 2 * HOUR, receivedAt: 3 });
            queue.schedule('urgent-last-in', { priority: 1, receivedAt: 99 });
        });
        assert.deepEqual(taken, [
            'urgent-last-in',
            'normal-due-soon-early-in',
            'normal-due-soon-late-in',
            'normal-due-late',
            'normal-no-due-first-in',
            'low-due-soon'
        ]);
    });

    it('takes equal ranks first come, first served, also at scale', async () => {
        const keys = Array.from({ length: 2000 }, (_, index) => `job-${index}`);
        const taken = await takenOrder(queue => keys.forEach(key => queue.schedule(key, { priority: 3, due: HOUR, receivedAt: 7 })));
        assert.deepEqual(taken, keys);
    });

    it('ranks every key scheduled in one go before it fills a free slot', async () => {
        const started: string[] = [];
        const queue = new WorkQueue(2, async key => {
            started.push(key);
        }, () => undefined);
        queue.schedule('c', { priority: 7, receivedAt: 0 });
        queue.schedule('b', { priority: 5, receivedAt: 0 });
        queue.schedule('a', { priority: 1, receivedAt: 0 });
        await queue.idle();
        assert.deepEqual(started, ['a', 'b', 'c']);
    });

    it('moves a waiting key to the rank it is scheduled with again, keeping its place among equals', async () => {
        const taken = await takenOrder(queue => {
            queue.schedule('a', { priority: 5, receivedAt: 0 });
            queue.schedule('b', { priority: 5, receivedAt: 0 });
            queue.schedule('c', { priority: 5, receivedAt: 0 });
            queue.schedule('c', { priority: 2, receivedAt: 0 });
            queue.schedule('a', { priority: 8, receivedAt: 0 });
            queue.schedule('a', { priority: 5, receivedAt: 0 });
        });
        assert.deepEqual(taken, ['c', 'a', 'b']);
    });

    it('runs at most its concurrency at once, first come first served', async () => {
        const started: string[] = [];
        const gates = new Map<string, ReturnType<typeof gate<void>>>();
        const queue = new WorkQueue(2, async key => {
            started.push(key);
            const opened = gate<void>();
            gates.set(key, opened);
            await opened.promise;
        }, () => undefined);
        ['a', 'b', 'c', 'd'].forEach(key => queue.schedule(key, SAME));
        await tick();
        assert.deepEqual(started, ['a', 'b']);
        gates.get('b')!.open();
        await tick();
        assert.deepEqual(started, ['a', 'b', 'c']);
        gates.get('a')!.open();
        gates.get('c')!.open();
        await tick();
        gates.get('d')!.open();
        await queue.idle();
        assert.deepEqual(started, ['a', 'b', 'c', 'd']);
    });

    it('holds a key once while it waits, and runs it once more (at its latest rank) when asked while it runs', async () => {
        const { queue, started, open } = blockedQueue();
        queue.schedule('b', SAME);
        queue.schedule('b', SAME);
        await tick();
        assert.equal(queue.isRunning('blocker'), true);
        queue.schedule('blocker', SAME);
        queue.schedule('blocker', { priority: 1, receivedAt: 0 });
        open();
        await queue.idle();
        assert.deepEqual(started, ['blocker', 'blocker', 'b'], 'run once more, before b: asked last at priority 1');
    });

    it('reports failed work and goes on', async () => {
        const failures: string[] = [];
        const queue = new WorkQueue(1, async key => {
            if (key === 'bad') {
                throw new Error('boom');
            }
        }, (key, error) => failures.push(`${key}: ${(error as Error).message}`));
        queue.schedule('bad', SAME);
        queue.schedule('good', SAME);
        await queue.idle();
        assert.deepEqual(failures, ['bad: boom']);
    });

    it('takes a burst of 10,000 keys and keeps nothing of them afterwards', async () => {
        let running = 0;
        let most = 0;
        let done = 0;
        const queue = new WorkQueue(8, async () => {
            most = Math.max(most, ++running);
            await tick();
            running--;
            done++;
        }, () => undefined);
        for (let index = 0; index < 10_000; index++) {
            queue.schedule(`job-${index}`, { priority: 1 + index % 10, receivedAt: index });
        }
        await queue.idle();
        assert.equal(done, 10_000);
        assert.equal(most, 8);
        const internals = queue as unknown as { waiting: { heap: unknown[]; live: Map<string, unknown> }; running: Set<string>; again: Map<string, unknown> };
        assert.deepEqual([internals.waiting.heap.length, internals.waiting.live.size, internals.running.size, internals.again.size], [0, 0, 0, 0]);
    });

    it('drops what waits when stopped, and lets what runs end', async () => {
        const started: string[] = [];
        const running = gate();
        const queue = new WorkQueue(1, async key => {
            started.push(key);
            await running.promise;
        }, () => undefined);
        queue.schedule('a', SAME);
        queue.schedule('b', SAME);
        await tick();
        queue.stop();
        queue.schedule('c', SAME);
        running.open();
        await queue.idle();
        assert.deepEqual(started, ['a']);
    });

    it('refuses a concurrency below one', () => {
        assert.throws(() => new WorkQueue(0, async () => undefined, () => undefined), /at least 1/);
    });
});
