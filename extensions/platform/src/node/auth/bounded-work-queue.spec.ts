import * as assert from 'node:assert/strict';
import { setTimeout } from 'node:timers/promises';
import { PressworkError } from '../../common/errors';
import { BoundedWorkQueue } from './bounded-work-queue';
import { passwordWork, verifyPassword, hashPassword } from './password-hasher';

describe('BoundedWorkQueue (issue 18, fault 6)', () => {

    it('runs at most its concurrency at once, and refuses at once what the full queue cannot hold', async () => {
        const queue = new BoundedWorkQueue(2, 3);
        let running = 0;
        let most = 0;
        const work = async () => {
            running++;
            most = Math.max(most, running);
            await setTimeout(20);
            running--;
            return 'done';
        };
        const flood = Array.from({ length: 400 }, () => queue.run(work).then(result => result, error => error));
        const outcomes = await Promise.all(flood);
        assert.equal(most, 2);
        assert.equal(outcomes.filter(outcome => outcome === 'done').length, 5);
        const refused = outcomes.filter(outcome => outcome !== 'done');
        assert.equal(refused.length, 395);
        assert.ok(refused.every(error => PressworkError.Busy.is(error)));
    });

    it('frees its slot when the work fails', async () => {
        const queue = new BoundedWorkQueue(1, 0);
        await assert.rejects(queue.run(() => Promise.reject(new Error('scrypt failed'))), /scrypt failed/);
        assert.equal(await queue.run(async () => 'next'), 'next');
    });

    it('bounds scrypt below libuv\'s pool of four threads: a flood of password checks is refused, not queued without end', async function () {
        // The checks that get a place still run: a few seconds of scrypt on a busy machine.
        this.timeout(60_000);
        assert.ok(passwordWork.concurrency < 4);
        const hash = await hashPassword('Correct#horse1');
        const outcomes = await Promise.all(Array.from({ length: 100 }, () => verifyPassword('Wrong#guess12', hash).then(matches => matches, error => error)));
        assert.ok(outcomes.filter(outcome => PressworkError.Busy.is(outcome)).length >= 100 - passwordWork.concurrency - passwordWork.maxWaiting);
        // A refused check is an error, never a "no match" an attacker could not tell from a wrong password.
        assert.ok(outcomes.every(outcome => outcome === false || PressworkError.Busy.is(outcome)));
        assert.equal(await verifyPassword('Correct#horse1', hash), true);
    });
});
