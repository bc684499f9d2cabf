import * as assert from 'node:assert/strict';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import type { Delivery } from '../../common/notifications-protocol';
import { DeliveriesCollection } from '../notifications-collections';
import { DeliveryRetention } from './delivery-retention';
import { retryDelayMs } from './delivery-sender';
import { at, clockedRules, draft } from './test/rules-fixture';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;

describe('the delivery sender', () => {

    const rules = clockedRules();
    const advance = rules.advance;

    beforeEach(async () => {
        await rules.fixture.rule({}, 'rule-1');
    });

    const only = (): Delivery => {
        const all = [...rules.fixture.store.all(DeliveriesCollection)];
        assert.equal(all.length, 1);
        return all[0];
    };

    it('backs off 10 s, 20 s, 40 s… at most an hour, each within 20 %', () => {
        assert.deepEqual([1, 2, 3, 4].map(failed => retryDelayMs(failed, 0.5)), [10_000, 20_000, 40_000, 80_000]);
        assert.equal(retryDelayMs(30, 0.5), HOUR);
        assert.deepEqual([retryDelayMs(1, 0), retryDelayMs(1, 1)], [8_000, 12_000]);
    });

    it('retries a retryable failure with back-off, recording every attempt, until it is delivered', async () => {
        let failures = 3;
        rules.fixture.email.outcome = () => failures-- > 0 ? { ok: false, retryable: true, reason: '421 try again later' } : { ok: true, detail: '250 OK' };

        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        assert.deepEqual([only().state, only().nextAttemptAt], ['pending', at(10 * SECOND)]);
        await advance(10 * SECOND);
        await advance(20 * SECOND);
        await advance(40 * SECOND);

        const delivery = only();
        assert.equal(delivery.state, 'delivered');
        assert.deepEqual(delivery.attempts.map(attempt => [attempt.at, attempt.ok, attempt.detail]), [
            [at(0), false, '421 try again later'],
            [at(10 * SECOND), false, '421 try again later'],
            [at(30 * SECOND), false, '421 try again later'],
            [at(70 * SECOND), true, '250 OK']
        ]);
        assert.deepEqual(rules.fixture.email.received.map(received => [received.id, received.attempt]), [1, 2, 3, 4].map(attempt => [delivery.id, attempt]));
    });

    it('expires a delivery that still fails 24 hours after it was made', async () => {
        rules.fixture.email.outcome = () => ({ ok: false, retryable: true, reason: 'connection refused' });

        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        for (let hour = 0; hour < 25; hour++) {
            await advance(HOUR);
        }

        const delivery = only();
        assert.equal(delivery.state, 'expired');
        assert.ok(delivery.attempts.length > 20 && delivery.attempts.length < 40, `${delivery.attempts.length} attempts`);
        assert.ok(Date.parse(delivery.attempts.at(-1)!.at) < Date.parse(delivery.expiresAt));
        assert.ok(rules.fixture.logger.warn.calledWithMatch(/expired: connection refused/));
    });

    it('fails at once when trying again cannot help', async () => {
        rules.fixture.email.outcome = () => ({ ok: false, retryable: false, reason: '550 no such user' });

        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        await advance(HOUR);

        assert.deepEqual([only().state, only().attempts.length, only().nextAttemptAt], ['failed', 1, undefined]);
    });

    it('counts a channel that throws as a failure to retry', async () => {
        let thrown = false;
        rules.fixture.email.outcome = () => {
            if (!thrown) {
                thrown = true;
                throw new Error('socket hang up');
            }
            return { ok: true, detail: '250 OK' };
        };

        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        await advance(10 * SECOND);

        assert.deepEqual(only().attempts.map(attempt => attempt.detail), ['socket hang up', '250 OK']);
    });

    it('takes up every pending delivery at start', async () => {
        rules.fixture.email.outcome = () => ({ ok: false, retryable: true, reason: 'down' });
        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)), draft('job.error', 'job:j-2', at(0)));
        rules.fixture.email.received.length = 0;

        await rules.fixture.restart();
        rules.fixture.email.outcome = () => ({ ok: true, detail: '250 OK' });
        await advance(10 * SECOND);

        assert.deepEqual([...rules.fixture.store.all(DeliveriesCollection)].map(delivery => delivery.state), ['delivered', 'delivered']);
        assert.equal(rules.fixture.email.received.length, 2, 'sent after the restart without dispatching again');
    });

    it('redelivers a delivered or failed delivery as one more attempt with the same id, and refuses a pending one', async () => {
        rules.fixture.email.outcome = () => ({ ok: false, retryable: false, reason: '554 refused' });
        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        rules.fixture.email.outcome = () => ({ ok: true, detail: '250 OK' });

        const redelivered = await rules.fixture.book.redeliver(only().id);
        assert.deepEqual([redelivered.state, redelivered.attempts.map(attempt => attempt.ok)], ['delivered', [false, true]]);
        const again = await rules.fixture.book.redeliver(only().id);
        assert.equal(again.attempts.length, 3);
        assert.deepEqual(rules.fixture.email.received.map(received => received.id), [again.id, again.id, again.id]);

        rules.fixture.email.outcome = () => ({ ok: false, retryable: true, reason: 'down' });
        await rules.fixture.publish(draft('job.error', 'job:j-2', at(0)));
        const pending = [...rules.fixture.store.all(DeliveriesCollection)].find(delivery => delivery.state === 'pending')!;
        await assert.rejects(rules.fixture.book.redeliver(pending.id), (error: Error) => PressworkError.Refused.is(error) && /still being sent/.test(error.message));
        await assert.rejects(rules.fixture.book.redeliver('no-such-delivery'), (error: Error) => PressworkError.NotFound.is(error));
    });

    it('prunes delivered deliveries after 30 days and keeps the newest of each rule, never a pending one', async () => {
        const retention = inject(new DeliveryRetention(), { store: rules.fixture.store });
        retention.keepPerSource = 2;
        rules.fixture.email.outcome = delivery => delivery.message.subject.includes('Pending') ? { ok: false, retryable: true, reason: 'down' } : { ok: true, detail: '250 OK' };
        await rules.fixture.publish(draft('job.error', 'job:old', at(0), { jobName: 'Old' }));
        await advance(31 * 24 * HOUR);
        await rules.fixture.publish(
            draft('job.error', 'job:a', at(31 * 24 * HOUR), { jobName: 'A' }),
            draft('job.error', 'job:p', at(31 * 24 * HOUR), { jobName: 'Pending' }));
        await advance(SECOND);
        await rules.fixture.publish(draft('job.error', 'job:b', at(31 * 24 * HOUR), { jobName: 'B' }));
        await advance(SECOND);
        await rules.fixture.publish(draft('job.error', 'job:c', at(31 * 24 * HOUR), { jobName: 'C' }));

        assert.equal(await retention.prune(), 2);

        const kept = [...rules.fixture.store.all(DeliveriesCollection)].map(delivery => delivery.message.subject.replace('Order ORD-10042: ', '')).sort();
        assert.deepEqual(kept, ['B is in Error', 'C is in Error', 'Pending is in Error']);
    });

    it('sends at most its concurrency at a time, the others as those end', async () => {
        const answers: (() => void)[] = [];
        rules.fixture.sender.concurrency = 8;
        rules.fixture.email.outcome = () => new Promise(resolve => answers.push(() => resolve({ ok: true, detail: '250 OK' })));

        await rules.fixture.journal.append(Array.from({ length: 12 }, (_, index) => draft('job.error', `job:j-${index}`, at(0))));
        await rules.fixture.dispatched();
        assert.equal(answers.length, 8);

        answers.slice(0, 3).forEach(answer => answer());
        await rules.fixture.until(() => answers.length === 11, 'three more sends as three ended');
        rules.fixture.email.outcome = () => ({ ok: true, detail: '250 OK' });
        answers.slice(3).forEach(answer => answer());
        await rules.fixture.settle();
        assert.deepEqual(new Set([...rules.fixture.store.all(DeliveriesCollection)].map(delivery => delivery.state)), new Set(['delivered']));
    });
});
