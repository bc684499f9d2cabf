import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import * as sinon from 'sinon';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import { parseEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { inject } from '@presswork/platform/lib/node/test/inject';
import type { EventsConfig } from './events-config';
import { TimeEventScanner } from './time-event-scanner';
import { EventsFixture } from './test/events-fixture';

describe('TimeEventScanner', function (): void {
    this.timeout(30_000);

    const NOW = Date.parse('2026-12-01T12:00:00.000Z');
    const config: EventsConfig = { stalledMinutes: 60, waitingMinutes: 30, cardExpiryHours: 24, scanSeconds: 45, retentionDays: 30 };
    const minutesAgo = (minutes: number): string => new Date(NOW - minutes * 60_000).toISOString();
    const hoursAhead = (hours: number): string => new Date(NOW + hours * 3_600_000).toISOString();

    let fixture: EventsFixture;
    let scanner: TimeEventScanner;

    beforeEach(async () => {
        fixture = await EventsFixture.open([]);
        scanner = inject(new TimeEventScanner(), { store: fixture.store, journal: fixture.journal, config, activities: undefined, logger: fixture.logger });
    });

    afterEach(async () => {
        scanner.stop();
        sinon.restore();
        await fixture.dispose();
    });

    async function scanned(now = NOW): Promise<string[]> {
        const before = fixture.journal.lastSeq;
        await scanner.scan(now);
        const events = await fixture.journal.read(before, 1000);
        events.forEach(event => parseEventDraft(event));
        return events.map(event => event.id);
    }

    it('says once that a job has not moved for an hour in a state that should move', async () => {
        await fixture.addOrder('o1', 4);
        await fixture.setJob('o1', 0, { state: 'Processing', updatedAt: minutesAgo(61) });
        await fixture.setJob('o1', 1, { state: 'Processing', updatedAt: minutesAgo(59) });
        await fixture.setJob('o1', 2, { state: WAITING_FOR_CLOSEOUT, updatedAt: minutesAgo(600) });
        await fixture.setJob('o1', 3, { state: 'Complete', updatedAt: minutesAgo(600) });
        assert.deepEqual(await scanned(), [`job.stalled:o1-job-1:${minutesAgo(61)}`]);
        assert.deepEqual(await scanned(), [], 'once per stall');
        const [event] = await fixture.journal.read(0, 1);
        assert.equal(event.at, minutesAgo(1));
        const payload = event.payload as { minutes?: number, since?: string };
        assert.deepEqual([payload.minutes, payload.since], [60, minutesAgo(61)]);

        // It moves, then stalls again: a new stall.
        await fixture.setJob('o1', 0, { state: 'Printing', updatedAt: minutesAgo(0) });
        assert.deepEqual(await scanned(NOW + 61 * 60_000), [`job.stalled:o1-job-1:${minutesAgo(0)}`, `job.stalled:o1-job-2:${minutesAgo(59)}`]);
    });

    it('says a job has waited for an operator longer than half an hour, not that it stalled', async () => {
        await fixture.addOrder('o1', 3);
        await fixture.setJob('o1', 0, { state: 'Held', updatedAt: minutesAgo(31) });
        await fixture.setJob('o1', 1, { state: 'Waiting', updatedAt: minutesAgo(90) });
        await fixture.setJob('o1', 2, { state: 'Waiting', updatedAt: minutesAgo(29) });
        assert.deepEqual(await scanned(), [`job.waiting-for-operator:o1-job-1:${minutesAgo(31)}`, `job.waiting-for-operator:o1-job-2:${minutesAgo(90)}`]);
    });

    it('says a job is overdue once its due date passed, unless it is finished', async () => {
        await fixture.addOrder('o1', 3);
        await fixture.setJob('o1', 0, { due: minutesAgo(5), updatedAt: minutesAgo(1) });
        await fixture.setJob('o1', 1, { due: minutesAgo(5), state: 'Complete' });
        await fixture.setJob('o1', 2, { due: hoursAhead(1), updatedAt: minutesAgo(1) });
        assert.deepEqual(await scanned(), [`job.overdue:o1-job-1:${minutesAgo(5)}`]);
    });

    it('says once per due date that a job not printed is at risk once its at-risk time passed', async () => {
        await fixture.addOrder('o1', 5);
        await fixture.setJob('o1', 0, { state: 'Queued', atRiskAt: minutesAgo(30), due: hoursAhead(5), updatedAt: minutesAgo(1) });
        await fixture.setJob('o1', 1, { state: 'Printed', atRiskAt: minutesAgo(30), due: hoursAhead(5), updatedAt: minutesAgo(1) });
        await fixture.setJob('o1', 2, { state: 'Queued', atRiskAt: minutesAgo(-10), due: hoursAhead(5), updatedAt: minutesAgo(1) });
        await fixture.setJob('o1', 3, { state: 'Queued', atRiskAt: minutesAgo(90), due: minutesAgo(5), updatedAt: minutesAgo(1) });
        await fixture.setJob('o1', 4, { state: 'Queued', due: hoursAhead(1), updatedAt: minutesAgo(1) });
        assert.deepEqual(await scanned(), [`job.at-risk:o1-job-1:${hoursAhead(5)}`, `job.overdue:o1-job-4:${minutesAgo(5)}`],
            'printed, not yet at risk, overdue (said so instead) and without at-risk time: no at-risk event');
        const [event] = await fixture.journal.read(0, 1);
        assert.equal(event.name, 'job.at-risk');
        assert.equal(event.at, minutesAgo(30), 'the event is at the time the job became at risk');
        assert.equal(event.subject, 'job:o1-job-1');
        assert.equal((event.payload as { due?: string }).due, hoursAhead(5));
        assert.deepEqual(await scanned(NOW + 60_000), [], 'once per job and due date');

        // Its at-risk time comes for the next job; the first one's due date moves: each said once more.
        await fixture.setJob('o1', 0, { atRiskAt: minutesAgo(10), due: hoursAhead(6), updatedAt: minutesAgo(0) });
        assert.deepEqual(await scanned(NOW + 11 * 60_000), [`job.at-risk:o1-job-1:${hoursAhead(6)}`, `job.at-risk:o1-job-3:${hoursAhead(5)}`]);
    });

    it('says an open order\'s card authorization expires within a day', async () => {
        const card = async (id: string, expires: string, closed = false): Promise<void> => {
            await fixture.addOrder(id, 1);
            const order = fixture.store.get(OrdersCollection, id)!;
            await fixture.store.update(OrdersCollection, { ...order, closed, paymentMethod: 'CreditCard', creditCard: { authorizationExpirationDate: expires } });
            await fixture.setJob(id, 0, { updatedAt: minutesAgo(1) });
        };
        await card('soon', hoursAhead(10));
        await card('later', hoursAhead(30));
        await card('closed', hoursAhead(10), true);
        await card('expired', hoursAhead(-1));
        assert.deepEqual(await scanned(), [`order.card-authorization-expiring:soon:${hoursAhead(10)}`]);
        const [event] = await fixture.journal.read(0, 1);
        assert.deepEqual(event.payload, { orderId: 'soon', orderNumber: 'PW-soon', connectionId: 'connection-1', customerName: 'Ada Lovelace', expiresAt: hoursAhead(10), hours: 24 });
        assert.equal(event.at, hoursAhead(-14));
    });

    it('scans every scanSeconds on its own', async () => {
        const clock = sinon.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
        await fixture.addOrder('o1', 1);
        await fixture.setJob('o1', 0, { state: 'Held', updatedAt: minutesAgo(29) });
        scanner.start();
        await delay(100);
        assert.equal(fixture.journal.lastSeq, 0);
        // The job has waited 29 minutes: half an hour is passed at the second scan after the first (90 s later).
        for (const expected of [0, 1]) {
            clock.tick(config.scanSeconds * 1000);
            for (let waited = 0; waited < 200 && fixture.journal.lastSeq !== expected; waited += 20) {
                await delay(20);
            }
            await delay(50);
            assert.equal(fixture.journal.lastSeq, expected);
        }
        assert.deepEqual((await fixture.journal.read(0, 10)).map(event => event.name), ['job.waiting-for-operator']);
    });
});
