import * as assert from 'node:assert/strict';
import { PerKeyLimit } from './per-key-limit';

describe('PerKeyLimit', () => {

    function deferred(): { promise: Promise<void>; resolve: () => void } {
        let resolve!: () => void;
        const promise = new Promise<void>(done => resolve = done);
        return { promise, resolve };
    }

    it('runs at most `limit` pieces of work for a key, the others in the order they asked', async () => {
        const limit = new PerKeyLimit(2);
        const gates = Array.from({ length: 5 }, deferred);
        const started: number[] = [];
        const runs = gates.map((gate, index) => limit.run('a', async () => {
            started.push(index);
            await gate.promise;
            return index;
        }));
        await new Promise(resolve => setImmediate(resolve));
        assert.deepEqual(started, [0, 1]);
        assert.equal(limit.running('a'), 2);
        assert.equal(limit.waiting('a'), 3);

        gates[1].resolve();
        await runs[1];
        await new Promise(resolve => setImmediate(resolve));
        assert.deepEqual(started, [0, 1, 2]);
        gates.forEach(gate => gate.resolve());
        assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3, 4]);
        assert.equal(limit.running('a'), 0);
        assert.equal(limit.waiting('a'), 0);
    });

    it('lets each key use its own slots', async () => {
        const limit = new PerKeyLimit(1);
        const held = deferred();
        const first = limit.run('a', () => held.promise);

        assert.equal(await limit.run('b', async () => 'b ran'), 'b ran');
        assert.equal(limit.running('a'), 1);
        held.resolve();
        await first;
    });

    it('frees the slot of work that fails, and passes the failure on', async () => {
        const limit = new PerKeyLimit(1);
        await assert.rejects(limit.run('a', async () => {
            throw new Error('download failed');
        }), /download failed/);
        assert.equal(await limit.run('a', async () => 'next'), 'next');
    });

    it('says when work has its slot, with its outcome still to come', async () => {
        const limit = new PerKeyLimit(1);
        const held = deferred();
        const first = await limit.started('a', async () => {
            await held.promise;
            return 'first';
        });
        let secondHasSlot = false;
        const second = limit.started('a', async () => 'second').then(started => {
            secondHasSlot = true;
            return started;
        });
        await new Promise(resolve => setImmediate(resolve));
        assert.equal(secondHasSlot, false, 'the slot is still held by the first');

        held.resolve();
        assert.equal(await first.outcome, 'first');
        assert.equal(await (await second).outcome, 'second');
        await assert.rejects((await limit.started('a', async () => { throw new Error('write failed'); })).outcome, /write failed/);
    });

    it('refuses a limit below one', () => {
        assert.throws(() => new PerKeyLimit(0), /at least 1/);
    });
});
