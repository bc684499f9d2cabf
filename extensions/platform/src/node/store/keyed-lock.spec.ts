import * as assert from 'node:assert/strict';
import { KeyedLock } from './keyed-lock';

/** A promise with its resolve function, to hold work open until a test lets it go. */
function gate(): { opened: Promise<void>; open: () => void } {
    let open!: () => void;
    const opened = new Promise<void>(resolve => open = resolve);
    return { opened, open };
}

describe('KeyedLock', () => {

    it('runs work for one key one at a time, in the order it was asked for', async () => {
        const lock = new KeyedLock();
        const log: string[] = [];
        const first = gate();

        const runs = [
            lock.run('a', async () => { log.push('1 start'); await first.opened; log.push('1 end'); }),
            lock.run('a', async () => { log.push('2 start'); log.push('2 end'); }),
            lock.run('a', async () => { log.push('3 start'); log.push('3 end'); })
        ];
        await new Promise(resolve => setImmediate(resolve));
        assert.deepEqual(log, ['1 start']);
        first.open();
        await Promise.all(runs);

        assert.deepEqual(log, ['1 start', '1 end', '2 start', '2 end', '3 start', '3 end']);
    });

    it('runs work for different keys side by side', async () => {
        const lock = new KeyedLock();
        const blocked = gate();

        const slow = lock.run('a', () => blocked.opened);
        const other = await lock.run('b', async () => 'b done');

        assert.equal(other, 'b done');
        blocked.open();
        await slow;
    });

    it('passes a failure to its caller only, and runs the next work anyway', async () => {
        const lock = new KeyedLock();

        const failing = lock.run('a', async () => { throw new Error('boom'); });
        const next = lock.run('a', async () => 42);

        await assert.rejects(failing, /boom/);
        assert.equal(await next, 42);
    });

    it('is idle once all work asked for has ended, including work queued while waiting', async () => {
        const lock = new KeyedLock();
        const done: string[] = [];
        const first = gate();

        lock.run('a', async () => { await first.opened; done.push('a'); });
        const idle = lock.idle().then(() => done.push('idle'));
        lock.run('b', async () => { done.push('b'); });
        first.open();
        await idle;

        assert.deepEqual(done, ['b', 'a', 'idle']);
    });
});
