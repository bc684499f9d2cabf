import * as assert from 'node:assert/strict';
import { FakeWorkOwnership } from '../test/fake-work-ownership';
import { LeaderWork, whileLeader } from './while-leader';

const LEADER = { kind: 'leader' } as const;

function unexpected(error: unknown): void {
    assert.fail(`unexpected failure: ${String(error)}`);
}

/** Leader work that records its starts and stops, each taking a turn the test may hold. */
class RecordedWork implements LeaderWork {
    readonly calls: string[] = [];
    running = false;
    holdStop: Promise<void> | undefined;
    failStart = false;

    async start(): Promise<void> {
        this.calls.push('start');
        await Promise.resolve();
        if (this.failStart) {
            throw new Error('no printers today');
        }
        this.running = true;
    }

    async stop(): Promise<void> {
        this.calls.push('stop');
        await this.holdStop;
        this.running = false;
    }
}

describe('whileLeader', () => {

    it('starts the work when leadership is gained and stops it, awaited, when it is being lost', async () => {
        const ownership = new FakeWorkOwnership();
        const work = new RecordedWork();
        whileLeader(ownership, work, unexpected);

        ownership.gain(LEADER);
        await ownership.lose(LEADER);

        assert.deepEqual(work.calls, ['start', 'stop']);
        assert.equal(work.running, false);
    });

    it('starts at once when this server leads already', async () => {
        const ownership = new FakeWorkOwnership();
        ownership.gain(LEADER);
        const work = new RecordedWork();
        whileLeader(ownership, work, unexpected);
        await ownership.lose(LEADER);
        assert.deepEqual(work.calls, ['start', 'stop']);
    });

    it('runs the work again when leadership comes back while the work is still stopping (the database came back)', async () => {
        const ownership = new FakeWorkOwnership();
        const work = new RecordedWork();
        whileLeader(ownership, work, unexpected);
        ownership.gain(LEADER);
        let stopped!: () => void;
        work.holdStop = new Promise(resolve => stopped = resolve);

        const losing = ownership.lose(LEADER);
        await new Promise(resolve => setImmediate(resolve));
        ownership.gain(LEADER);
        stopped();
        await losing;
        await new Promise(resolve => setImmediate(resolve));

        assert.deepEqual(work.calls, ['start', 'stop', 'start']);
        assert.equal(work.running, true, 'the leader runs its work');
    });

    it('reports a failed start, does not stop what never started, and tries again at the next gain', async () => {
        const ownership = new FakeWorkOwnership();
        const work = new RecordedWork();
        const errors: unknown[] = [];
        whileLeader(ownership, work, error => errors.push(error));
        work.failStart = true;

        ownership.gain(LEADER);
        await ownership.lose(LEADER);
        work.failStart = false;
        ownership.gain(LEADER);
        await new Promise(resolve => setImmediate(resolve));

        assert.deepEqual(errors.map(error => String(error)), ['Error: no printers today']);
        assert.deepEqual(work.calls, ['start', 'start']);
        assert.equal(work.running, true);
    });
});
