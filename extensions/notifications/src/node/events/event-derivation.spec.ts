import * as assert from 'node:assert/strict';
import type { EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { JobEventSource } from './job-event-source';
import { EventsFixture } from './test/events-fixture';

describe('EventDerivation', function (): void {
    this.timeout(30_000);

    let fixture: EventsFixture;

    afterEach(async () => {
        await fixture?.dispose();
    });

    const at = (minute: number): string => new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString();
    const states = async (): Promise<string[]> => (await fixture.events()).filter(event => event.name === 'job.state-changed')
        .map(event => `${event.payload.jobId}:${event.payload.from ?? '-'}>${event.payload.to}`);

    it('takes only snapshots on the very first start: what happened before is not news', async () => {
        fixture = await EventsFixture.open(undefined, false);
        await fixture.addOrder('before', 2);
        await fixture.startEvents();
        assert.deepEqual(await fixture.events(), []);
        assert.ok(fixture.journal.isBaselined('jobs'));
        assert.deepEqual([...fixture.journal.snapshotsOf('jobs').keys()], ['before']);

        await fixture.addOrder('after', 1);
        await fixture.restartEvents();
        assert.deepEqual(await states(), ['after-job-1:->Received'], 'only the order made while running');
    });

    it('journals each committed state change once, in order, with the snapshot it came from', async () => {
        fixture = await EventsFixture.open();
        await fixture.addOrder('o1', 1);
        await fixture.setJob('o1', 0, { state: 'Queued', updatedAt: at(1) });
        await fixture.setJob('o1', 0, { copies: 3, updatedAt: at(2) });
        await fixture.setJob('o1', 0, { state: 'Processing', updatedAt: at(3) });
        await fixture.setJob('o1', 0, { state: 'Error', updatedAt: at(4) });
        const events = await fixture.events();
        assert.deepEqual(await states(), ['o1-job-1:->Received', 'o1-job-1:Received>Queued', 'o1-job-1:Queued>Processing', 'o1-job-1:Processing>Error']);
        assert.deepEqual(events.map(event => event.seq), [1, 2, 3, 4, 5]);
        assert.equal(events[4].name, 'job.error');
        assert.match(fixture.journal.snapshotOf('jobs', 'o1')!, /"state":"Error"/);
    });

    it('derives at start what changed while Presswork was down, without losing or repeating any', async () => {
        fixture = await EventsFixture.open();
        await fixture.addOrder('o1', 2);
        await fixture.addOrder('o2', 1);
        await fixture.setJob('o1', 0, { state: 'Queued', updatedAt: at(1) });
        await fixture.stopEvents();

        // While down: a state change, a new order, an order removed.
        await fixture.setJob('o1', 1, { state: 'Held', updatedAt: at(5) });
        await fixture.addOrder('o3', 1);
        const gone = fixture.store.get(OrdersCollection, 'o2')!;
        await fixture.store.delete(OrdersCollection, gone.id, gone.version);
        await fixture.temp.reopen();

        await fixture.startEvents();
        await fixture.setJob('o1', 0, { state: 'Processing', updatedAt: at(6) });
        const expected = ['o1-job-1:->Received', 'o1-job-2:->Received', 'o2-job-1:->Received', 'o1-job-1:Received>Queued',
            'o1-job-2:Received>Held', 'o3-job-1:->Received', 'o1-job-1:Queued>Processing'];
        assert.deepEqual(await states(), expected);
        assert.ok(!fixture.journal.snapshotsOf('jobs').has('o2'));

        await fixture.restartEvents();
        await fixture.restartEvents();
        assert.deepEqual(await states(), expected, 'restarts add nothing');
    });

    it('derives a burst of new orders in slices, every one of them, keeping the event loop turning', async () => {
        fixture = await EventsFixture.open();
        let turns = 0;
        const ticker = setInterval(() => turns++, 0);
        try {
            await Promise.all(Array.from({ length: 600 }, (_, index) => fixture.addOrder(`burst-${index}`, 1)));
            const events = await fixture.events();
            assert.equal(events.length, 600);
            assert.equal(new Set(events.map(event => event.id)).size, 600);
            assert.ok(turns > 3, `the event loop turned ${turns} times`);
        } finally {
            clearInterval(ticker);
        }
    });

    it('drops, and names in the log, an event a source derives wrong; the others and the snapshot are kept', async () => {
        const jobs = new JobEventSource();
        const sloppy: EventSourceContribution = {
            id: 'sloppy', collection: 'orders', observe: order => ({ version: order.version }),
            derive: (_previous, _next, order) => [{ id: `bad:${order?.id}`, name: 'job.error', at: 'yesterday', subject: 'job:x', payload: {} as never }]
        };
        fixture = await EventsFixture.open([jobs, sloppy]);
        await fixture.addOrder('o1', 1);
        assert.deepEqual(await states(), ['o1-job-1:->Received']);
        assert.ok(fixture.logger.error.getCalls().some(call => /sloppy derived an invalid job.error event \(bad:o1\)/.test(String(call.args[0]))));
        assert.equal(fixture.journal.snapshotOf('sloppy', 'o1'), '{"version":1}');
    });
});
