import * as assert from 'node:assert/strict';
import { WorkQueue } from './work-queue';
import { gate } from './test/engine-fixture';

describe('WorkQueue', () => {

    const tick = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

    it('runs at most its concurrency at once, first come first served', async () => {
        const started: string[] = [];
        const gates = new Map<string, ReturnType<typeof gate<void>>>();
        const queue = new WorkQueue(2, async key => {
            started.push(key);
            const opened = gate<void>();
            gates.set(key, opened);
            await opened.promise;
        }, () => undefined);
        ['a', 'b', 'c', 'd'].forEach(key => queue.schedule(key));
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

    it('holds a key once while it waits, and runs it once more when asked while it runs', async () => {
        const runs: string[] = [];
        const first = gate();
        const queue = new WorkQueue(1, async key => {
            runs.push(key);
            if (runs.length === 1) {
                await first.promise;
            }
        }, () => undefined);
        queue.schedule('a');
        queue.schedule('b');
        queue.schedule('b');
        await tick();
        assert.equal(queue.isRunning('a'), true);
        queue.schedule('a');
        queue.schedule('a');
        first.open();
        await queue.idle();
        assert.deepEqual(runs, ['a', 'b', 'a']);
    });

    it('reports failed work and goes on', async () => {
        const failures: string[] = [];
        const queue = new WorkQueue(1, async key => {
            if (key === 'bad') {
                throw new Error('boom');
            }
        }, (key, error) => failures.push(`${key}: ${(error as Error).message}`));
        queue.schedule('bad');
        queue.schedule('good');
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
            queue.schedule(`job-${index}`);
        }
        await queue.idle();
        assert.equal(done, 10_000);
        assert.equal(most, 8);
        const internals = queue as unknown as { waiting: string[]; head: number; queued: Set<string>; running: Set<string>; again: Set<string> };
        assert.equal(internals.waiting.length - internals.head, 0);
        assert.ok(internals.waiting.length <= 1024, `the consumed part of the backlog is dropped (${internals.waiting.length} left)`);
        assert.deepEqual([internals.queued.size, internals.running.size, internals.again.size], [0, 0, 0]);
    });

    it('drops what waits when stopped, and lets what runs end', async () => {
        const started: string[] = [];
        const running = gate();
        const queue = new WorkQueue(1, async key => {
            started.push(key);
            await running.promise;
        }, () => undefined);
        queue.schedule('a');
        queue.schedule('b');
        await tick();
        queue.stop();
        queue.schedule('c');
        running.open();
        await queue.idle();
        assert.deepEqual(started, ['a']);
    });

    it('refuses a concurrency below one', () => {
        assert.throws(() => new WorkQueue(0, async () => undefined, () => undefined), /at least 1/);
    });
});
