import * as assert from 'node:assert/strict';
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import { WRITES_STARTED_PER_TURN, WindowWrites } from './window-writes';

describe('WindowWrites', () => {

    /** Writes that end when told, recording when each started and how many ran at once. */
    class HeldWrites {
        readonly started: number[] = [];
        readonly written: number[] = [];
        running = 0;
        mostAtOnce = 0;
        protected readonly release = new Map<number, (error?: Error) => void>();

        readonly write = (item: number): Promise<void> => {
            this.started.push(item);
            this.running++;
            this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
            return new Promise<void>((resolve, reject) => this.release.set(item, error => {
                this.running--;
                if (error) {
                    reject(error);
                } else {
                    this.written.push(item);
                    resolve();
                }
            }));
        };

        end(item: number, error?: Error): void {
            const release = this.release.get(item)!;
            this.release.delete(item);
            release(error);
        }

        endAll(): void {
            [...this.release.keys()].forEach(item => this.end(item));
        }
    }

    async function allWritten(writes: WindowWrites<number>, held: HeldWrites): Promise<void> {
        let ended = false;
        const end = writes.end().then(() => ended = true);
        while (!ended) {
            held.endAll();
            await nextTurn();
        }
        await end;
    }

    it('writes every item added in parts, in the order added, at most `limit` at once', async () => {
        const held = new HeldWrites();
        const writes = new WindowWrites(3, held.write);
        writes.add([1, 2, 3, 4]);
        await nextTurn();
        assert.deepEqual(held.started, [1, 2, 3], 'the fourth waits for a free lane');
        held.end(2);
        await delay(1);
        assert.deepEqual(held.started, [1, 2, 3, 4]);
        writes.add([5, 6]);
        await allWritten(writes, held);
        assert.deepEqual(held.started, [1, 2, 3, 4, 5, 6]);
        assert.deepEqual([...held.written].sort(), [1, 2, 3, 4, 5, 6]);
        assert.equal(held.mostAtOnce, 3);
    });

    it(`starts at most ${WRITES_STARTED_PER_TURN} writes in one turn of the event loop`, async () => {
        const held = new HeldWrites();
        const writes = new WindowWrites(100, held.write);
        writes.add(Array.from({ length: 30 }, (_, index) => index));
        assert.equal(held.started.length, WRITES_STARTED_PER_TURN);
        await nextTurn();
        await nextTurn();
        assert.ok(held.started.length > WRITES_STARTED_PER_TURN && held.started.length <= 3 * WRITES_STARTED_PER_TURN, `${held.started.length} started`);
        await allWritten(writes, held);
        assert.equal(held.written.length, 30);
    });

    it('resolves at once when nothing was added', async () => {
        await new WindowWrites(4, () => Promise.reject(new Error('never called'))).end();
    });

    it('takes nothing more after a failure, and rejects with it once the writes under way have ended', async () => {
        const held = new HeldWrites();
        const writes = new WindowWrites(2, held.write);
        writes.add([1, 2, 3]);
        await nextTurn();
        held.end(1, new Error('the disk is full'));
        let settled = false;
        const end = writes.end().catch((error: Error) => {
            settled = true;
            return error;
        });
        await delay(5);
        assert.equal(settled, false, 'the write of 2 is still under way');
        assert.deepEqual(held.started, [1, 2], 'item 3 is not taken after the failure');
        writes.add([4]);
        held.end(2);
        assert.match(((await end) as Error).message, /the disk is full/);
        assert.deepEqual(held.started, [1, 2]);
    });

    it('takes nothing added after the end', async () => {
        const held = new HeldWrites();
        const writes = new WindowWrites(2, held.write);
        writes.add([1]);
        const end = allWritten(writes, held);
        writes.add([2]);
        await end;
        assert.deepEqual(held.started, [1]);
    });
});
