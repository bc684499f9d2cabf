import * as assert from 'node:assert/strict';
import { OrdersCollection, UsersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { sampleOrder, sampleUser } from '@presswork/platform/lib/node/store/test/sample-documents';
import type { Delivery } from '../../common/notifications-protocol';
import { DeliveriesCollection, DispatcherStateCollection, EndpointsCollection } from '../notifications-collections';
import { EVENT_CATALOG } from '../../common/event-catalog';
import { at, clockedRules, draft } from './test/rules-fixture';

const MINUTE = 60_000;

describe('the rule dispatcher', () => {

    const rules = clockedRules();
    const advance = rules.advance;

    const deliveries = (): Delivery[] => [...rules.fixture.store.all(DeliveriesCollection)].sort((a, b) => a.eventSeqs[0] - b.eventSeqs[0]);
    const subjects = (): string[] => rules.fixture.email.received.map(received => received.message.subject);

    it('mails an enabled rule\'s message when its conditions hold, and nothing for the others', async () => {
        await rules.fixture.rule({ conditions: [{ property: 'reason', comparison: 'contains', value: 'PAPER' }] });
        await rules.fixture.rule({ enabled: false });
        await rules.fixture.rule({ event: 'job.stalled', template: { subject: 'stalled', text: 'x' } });

        await rules.fixture.publish(
            draft('job.error', 'job:j-1', at(0), { jobName: 'Cards', reason: 'out of paper' }),
            draft('job.error', 'job:j-2', at(0), { jobName: 'Flyers', reason: 'jam' }));

        assert.deepEqual(subjects(), ['Order ORD-10042: Cards is in Error']);
        const [delivery] = deliveries();
        assert.deepEqual([delivery.state, delivery.destination, delivery.attempts.map(attempt => attempt.detail)], ['delivered', { addresses: ['ops@shop.test'] }, ['250 OK']]);
        assert.equal(rules.fixture.email.received[0].id, delivery.id, 'the delivery id is what the channel sends as Message-ID');
        assert.equal(rules.fixture.dispatcher.position, 2);
    });

    it('mails a rule on jobs at risk, with the due date and state in words', async () => {
        const { defaultSubject, defaultText } = EVENT_CATALOG['job.at-risk'];
        await rules.fixture.rule({ event: 'job.at-risk', conditions: [{ property: 'state', comparison: 'equals', value: 'Waiting for batch' }], template: { subject: defaultSubject, text: defaultText } });

        await rules.fixture.publish(
            draft('job.at-risk', 'job:j-1', at(0), { jobName: 'Cards', state: 'Waiting for batch', due: '2026-12-05T17:00:00.000Z' }),
            draft('job.at-risk', 'job:j-2', at(0), { jobName: 'Flyers', state: 'Queued' }));

        assert.deepEqual(subjects(), ['Order ORD-10042: Cards may miss its due date']);
        assert.match(rules.fixture.email.received[0].message.text, /Job Cards of order ORD-10042 is due .* and is still Waiting for batch\./);
    });

    it('posts every event an enabled endpoint wants, one delivery each, storms or not', async () => {
        await rules.fixture.store.create(EndpointsCollection, {
            id: 'hook-1', name: 'MIS', url: 'https://mis.example/hook', enabled: true, events: ['job.error'], sealedSecret: 'sealed', createdAt: at(0), updatedAt: at(0)
        });
        await rules.fixture.store.create(EndpointsCollection, {
            id: 'hook-2', name: 'Off', url: 'https://off.example/hook', enabled: false, events: ['job.error'], sealedSecret: 'sealed', createdAt: at(0), updatedAt: at(0)
        });

        await rules.fixture.publish(...Array.from({ length: 5 }, (_, index) => draft('job.error', 'job:j-1', at(index * 1000))));

        assert.equal(rules.fixture.webhook.received.length, 5);
        assert.deepEqual(rules.fixture.webhook.received.map(received => [received.destination, received.message.events.map(event => event.seq)]),
            [1, 2, 3, 4, 5].map(seq => [{ endpointId: 'hook-1' }, [seq]]));
    });

    it('sends one message per rule and subject per quiet period, the later matches folded into one when it ends', async () => {
        await rules.fixture.rule({ storm: { quietMinutes: 15, digestAbove: 100 } });

        await rules.fixture.publish(
            draft('job.error', 'job:j-1', at(0), { jobName: 'Cards' }),
            draft('job.error', 'job:j-2', at(MINUTE), { jobName: 'Flyers' }),
            draft('job.error', 'job:j-1', at(2 * MINUTE), { jobName: 'Cards', reason: 'again' }),
            draft('job.error', 'job:j-1', at(3 * MINUTE), { jobName: 'Cards', reason: 'and again' }));
        assert.deepEqual(subjects(), ['Order ORD-10042: Cards is in Error', 'Order ORD-10042: Flyers is in Error']);

        await advance(12 * MINUTE);
        assert.equal(subjects().length, 2, 'held until the quiet period ends');
        await advance(3 * MINUTE);
        assert.equal(subjects().length, 3);
        assert.equal(subjects()[2], 'Job in Error: 2 events (Errors)');
        assert.match(rules.fixture.email.received[2].message.text, /14:02.*Cards is in Error\n.*14:03.*Cards is in Error/);

        // The held message opened the next quiet period: a match within it waits for its end.
        await rules.fixture.publish(draft('job.error', 'job:j-1', at(20 * MINUTE), { jobName: 'Cards' }));
        assert.equal(subjects().length, 3);
        await advance(14 * MINUTE);
        assert.equal(subjects().length, 3);
        await advance(MINUTE);
        assert.deepEqual(subjects().slice(3), ['Order ORD-10042: Cards is in Error']);
        const last = deliveries().at(-1)!;
        assert.deepEqual([last.subject, last.deliveredAt], ['job:j-1', at(30 * MINUTE)]);
    });

    it('makes one digest of a rule\'s matches beyond digestAbove within a minute', async () => {
        await rules.fixture.rule({ storm: { quietMinutes: 0, digestAbove: 3 } });

        await rules.fixture.publish(...Array.from({ length: 10 }, (_, index) => draft('job.error', `job:j-${index}`, at(index * 1000), { jobName: `Job ${index}` })));
        assert.equal(subjects().length, 3);

        await advance(MINUTE);
        assert.deepEqual(subjects().slice(3), ['Job in Error: 7 events (Errors)']);
        const digest = deliveries().find(delivery => delivery.subject === 'digest')!;
        assert.deepEqual(digest.eventSeqs, [4, 5, 6, 7, 8, 9, 10]);
        assert.equal(rules.fixture.email.received[3].message.events.length, 7);
    });

    it('moves over events that match nothing without a write each batch, saving the position within a second', async () => {
        await rules.fixture.rule({ event: 'job.stalled' });
        const positionWrites = (): number => rules.fixture.store.get(DispatcherStateCollection, 'dispatcher')?.version ?? 0;
        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        await rules.fixture.publish(draft('job.error', 'job:j-2', at(0)));
        await rules.fixture.publish(draft('job.error', 'job:j-3', at(0)));

        assert.equal(rules.fixture.dispatcher.position, 3, 'dispatched');
        assert.equal(positionWrites(), 0, 'not written yet');
        await advance(1000);
        assert.deepEqual([rules.fixture.store.get(DispatcherStateCollection, 'dispatcher')?.position, positionWrites()], [3, 1], 'saved once');

        await rules.fixture.publish(draft('job.error', 'job:j-4', at(0)), draft('job.stalled', 'job:j-5', at(0)));
        assert.equal(rules.fixture.store.get(DispatcherStateCollection, 'dispatcher')?.position, 5, 'a batch that made a delivery is saved at once');
    });

    it('saves a position left unsaved when it stops, so that the next start does not dispatch those events again', async () => {
        await rules.fixture.rule({ event: 'job.stalled' });
        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        await rules.fixture.dispatcher.stop();
        assert.equal(rules.fixture.store.get(DispatcherStateCollection, 'dispatcher')?.position, 1);
    });

    it('never moves a saved position back: a late save from before a newer one keeps the newer', async () => {
        await rules.fixture.rule({ event: 'job.stalled' });
        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        // Meanwhile another server's dispatcher, leading now, saved further on.
        await rules.fixture.store.create(DispatcherStateCollection, { id: 'dispatcher', position: 40, quiet: {}, minutes: {}, updatedAt: at(0) });
        await rules.fixture.dispatcher.stop();
        assert.equal(rules.fixture.store.get(DispatcherStateCollection, 'dispatcher')?.position, 40);
    });

    it('dispatches again after a crash before the position moved on without making or sending anything twice', async () => {
        await rules.fixture.rule({ storm: { quietMinutes: 15, digestAbove: 100 } });
        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        const before = structuredClone(rules.fixture.store.get(DispatcherStateCollection, 'dispatcher')!);

        await rules.fixture.publish(draft('job.error', 'job:j-2', at(1000)), draft('job.error', 'job:j-1', at(2000)), draft('job.error', 'job:j-1', at(3000)));
        const made = deliveries().map(delivery => [delivery.id, delivery.eventSeqs]);
        assert.equal(rules.fixture.email.received.length, 2);

        // As if the process died after making the deliveries, before writing its position.
        await rules.fixture.restart(async () => {
            await rules.fixture.store.modify(DispatcherStateCollection, 'dispatcher', current => ({ ...current, position: before.position, quiet: before.quiet, minutes: before.minutes }));
        });

        assert.deepEqual(deliveries().map(delivery => [delivery.id, delivery.eventSeqs]), made);
        assert.equal(rules.fixture.email.received.length, 2);
        assert.equal(rules.fixture.dispatcher.position, 4);
        await advance(15 * MINUTE);
        assert.equal(rules.fixture.email.received.length, 3, 'the held message goes once, after the restart');
    });

    it('mails users with an address, the fixed addresses and the order\'s customer, and says who was left out', async () => {
        await rules.fixture.store.create(UsersCollection, { ...sampleUser('u-1', 'ann'), email: 'ann@shop.test' });
        await rules.fixture.store.create(UsersCollection, sampleUser('u-2', 'bob'));
        await rules.fixture.store.create(OrdersCollection, sampleOrder('o-0001'));
        await rules.fixture.rule({ channel: { kind: 'email', recipients: { userIds: ['u-1', 'u-2'], addresses: ['OPS@shop.test', 'ann@SHOP.test'], customer: true } } });

        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0), { orderId: 'o-0001' }));

        const [delivery] = deliveries();
        assert.deepEqual(delivery.destination, { addresses: ['ann@SHOP.test', 'OPS@shop.test', 'ada@example.com'] });
        assert.deepEqual(delivery.notes, ['bob has no e-mail address']);
    });

    it('makes no delivery for a rule without a recipient that has an address, and logs it', async () => {
        await rules.fixture.store.create(UsersCollection, sampleUser('u-2', 'bob'));
        await rules.fixture.rule({ name: 'Nobody', channel: { kind: 'email', recipients: { userIds: ['u-2'], addresses: [], customer: false } } });

        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));

        assert.deepEqual(deliveries(), []);
        assert.ok(rules.fixture.logger.warn.calledWithMatch(/Rule "Nobody" matched .* no recipient with an e-mail address: nothing sent \(bob has no e-mail address\)/));
    });

    it('never digests a rule that mails the customer: a digest would show one customer another\'s orders', async () => {
        await rules.fixture.store.create(OrdersCollection, sampleOrder('o-0001'));
        await rules.fixture.rule({ storm: { quietMinutes: 0, digestAbove: 1 }, channel: { kind: 'email', recipients: { userIds: [], addresses: [], customer: true } } });

        await rules.fixture.publish(...[1, 2, 3].map(index => draft('job.error', `job:j-${index}`, at(index * 1000), { orderId: 'o-0001' })));

        assert.deepEqual(deliveries().map(delivery => [delivery.subject, delivery.destination]), [1, 2, 3].map(index => [`job:j-${index}`, { addresses: ['ada@example.com'] }]));
    });

    it('posts a webhook rule\'s matches to its endpoint, and nothing while the endpoint is disabled', async () => {
        const endpoint = await rules.fixture.store.create(EndpointsCollection, {
            id: 'hook-1', name: 'MIS', url: 'https://mis.example/hook', enabled: true, events: [], sealedSecret: 'sealed', createdAt: at(0), updatedAt: at(0)
        });
        await rules.fixture.rule({ name: 'To MIS', channel: { kind: 'webhook', endpointId: 'hook-1' } });

        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        await rules.fixture.store.update(EndpointsCollection, { ...endpoint, enabled: false });
        await rules.fixture.publish(draft('job.error', 'job:j-2', at(1000)));

        assert.deepEqual(rules.fixture.webhook.received.map(received => [received.destination, received.message.events.map(event => event.subject)]), [[{ endpointId: 'hook-1' }, ['job:j-1']]]);
        assert.ok(rules.fixture.logger.warn.calledWithMatch(/Rule "To MIS" matched .* its webhook endpoint is disabled: nothing sent/));
    });

    it('holds a match that comes while the held message is being sent for the next quiet period, instead of losing it', async () => {
        await rules.fixture.rule({ storm: { quietMinutes: 15, digestAbove: 100 } });
        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)), draft('job.error', 'job:j-1', at(MINUTE)));
        let answer: (() => void) | undefined;
        rules.fixture.email.outcome = () => new Promise(resolve => { answer = () => resolve({ ok: true, detail: '250 OK' }); });

        await rules.clock.tickAsync(15 * MINUTE);
        assert.ok(answer, 'the held message is being sent');
        await rules.fixture.journal.append([draft('job.error', 'job:j-1', at(2 * MINUTE))]);
        answer!();
        await rules.fixture.settle();

        const held = deliveries().filter(delivery => delivery.eventSeqs[0] > 1);
        assert.deepEqual(held.map(delivery => [delivery.eventSeqs, delivery.state, delivery.nextAttemptAt ?? delivery.deliveredAt]), [
            [[2], 'delivered', at(15 * MINUTE)],
            [[3], 'pending', at(30 * MINUTE)]
        ]);
    });

    it('goes on after a failed write, a few seconds later, without skipping the event', async () => {
        await rules.fixture.rule();
        const create = rules.fixture.store.create.bind(rules.fixture.store);
        let failures = 1;
        rules.fixture.store.create = ((...args: Parameters<typeof create>) => failures-- > 0 ? Promise.reject(new Error('disk full')) : create(...args)) as typeof create;

        await rules.fixture.publish(draft('job.error', 'job:j-1', at(0)));
        assert.equal(rules.fixture.email.received.length, 0);
        assert.ok(rules.fixture.logger.error.calledWithMatch(/stopped on an error; it tries again in 5 s/));
        await advance(5000);

        assert.equal(rules.fixture.email.received.length, 1);
        assert.equal(rules.fixture.dispatcher.position, 1);
    });
});
