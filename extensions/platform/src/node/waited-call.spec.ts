import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { WaitedCall, answeringCall, currentCall } from './waited-call';

describe('answeringCall', () => {

    it('is seen by the work and all it awaits, as waited for until it answers', async () => {
        assert.equal(currentCall(), undefined);
        const seen: { before?: WaitedCall; after?: WaitedCall; answered?: boolean } = {};
        const answer = await answeringCall(async () => {
            seen.before = currentCall();
            await delay(1);
            seen.after = currentCall();
            seen.answered = seen.after?.answered;
            return 42;
        });
        assert.equal(answer, 42);
        assert.ok(seen.before);
        assert.equal(seen.after, seen.before, 'the same call after an await');
        assert.equal(seen.answered, false);
        assert.equal(seen.before.answered, true);
        assert.equal(currentCall(), undefined, 'nothing leaks to the caller');
    });

    it('counts work the call set off and left running as waited for only until the call answered', async () => {
        const left = { call: undefined as WaitedCall | undefined, answered: undefined as boolean | undefined };
        let finished!: Promise<void>;
        await answeringCall(() => {
            finished = delay(5).then(() => {
                left.call = currentCall();
                left.answered = left.call?.answered;
            });
        });
        await finished;
        assert.ok(left.call, 'the work set off still carries the call');
        assert.equal(left.answered, true);
    });

    it('keeps concurrent calls apart and passes a failure through, answered', async () => {
        const calls: (WaitedCall | undefined)[] = [];
        const failing = answeringCall(async () => {
            calls.push(currentCall());
            await delay(2);
            throw new Error('refused');
        });
        const other = answeringCall(async () => {
            calls.push(currentCall());
            await delay(1);
            return currentCall();
        });
        await assert.rejects(failing, /refused/);
        assert.equal(await other, calls[1]);
        assert.notEqual(calls[0], calls[1]);
        assert.equal(calls[0]?.answered, true);
    });
});
