import * as assert from 'node:assert/strict';
import { TurnQueue } from './turn-queue';

function nextTurn(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}

describe('TurnQueue', () => {

    it('runs a piece queued while nothing waits at once', () => {
        const queue = new TurnQueue(2);
        let ran = false;
        queue.push(() => ran = true);
        assert.equal(ran, true);
    });

    it('runs a heap of pieces a few a turn, in order, urgent ones first', async () => {
        const queue = new TurnQueue(3);
        const runs: { readonly name: string; readonly turn: number }[] = [];
        // The pushes' own turn, when the first piece runs at once.
        let turn = -1;
        const piece = (name: string) => () => runs.push({ name, turn });
        for (let index = 0; index < 7; index++) {
            queue.push(piece(`background-${index}`));
        }
        queue.push(piece('urgent-0'), true);
        queue.push(piece('urgent-1'), true);
        for (turn = 0; queue.length > 0 && turn < 10; turn++) {
            await nextTurn();
        }
        assert.deepEqual(runs.map(run => run.name), [
            'background-0', 'urgent-0', 'urgent-1', 'background-1', 'background-2', 'background-3', 'background-4', 'background-5', 'background-6'
        ]);
        const perTurn = new Map<number, number>();
        runs.forEach(run => perTurn.set(run.turn, (perTurn.get(run.turn) ?? 0) + 1));
        assert.ok(Math.max(...perTurn.values()) <= 3, `pieces per turn: ${[...perTurn.values()]}`);
    });

    it('refuses a turn of no pieces', () => {
        assert.throws(() => new TurnQueue(0), /at least 1/);
    });
});
