import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { User } from '@presswork/platform/lib/common/user-schema';
import { CHANGE_FEED_INTERVAL_MS } from '@presswork/platform/lib/common/change-feed-protocol';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import { OrdersCollection } from '@presswork/platform/lib/node/store';
import { sampleUser } from '@presswork/platform/lib/node/store/test/sample-documents';
import { inject } from '@presswork/platform/lib/node/test/inject';
import type { JobWindowUpdate } from '../../common/jobs-protocol';
import { JobsStoreFixture, createJobsStoreFixture } from '../test/jobs-store-fixture';
import { LiveJobWindow } from './live-job-window';

/** Lets the index announce the changes of the turn (it does so with setImmediate, which runs for real here). */
function nextTurn(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}

describe('LiveJobWindow', () => {
    /** Sorted by id: the window of the first 4 jobs shows the jobs of order-01 and order-02. */
    const WINDOW = { watch: 7, query: { sort: [{ field: 'id' as const, direction: 'asc' as const }] }, offset: 0, limit: 4 };

    let fixture: JobsStoreFixture;
    let live: LiveJobWindow;
    let user: sinon.SinonStub<[], User>;
    let updates: JobWindowUpdate[];
    let clock: sinon.SinonFakeTimers;

    function setState(orderId: string, state: JobState): Promise<unknown> {
        return fixture.store.modify(OrdersCollection, orderId, order => ({ ...order, jobs: order.jobs.map((job, at) => at === 0 ? { ...job, state } : job) }));
    }

    beforeEach(async () => {
        fixture = await createJobsStoreFixture();
        for (let order = 1; order <= 10; order++) {
            await fixture.addOrder(`order-${String(order).padStart(2, '0')}`, 2);
        }
        user = sinon.stub<[], User>().returns({ ...sampleUser('operator-1', 'olga'), authority: 'Operator' });
        live = inject(new LiveJobWindow(), { index: fixture.index, caller: { user, sessionId: 'session-1' } });
        updates = [];
        live.connect({ onDidChangeWindow: update => updates.push(update) });
        // The store and the index run for real; the interval's timer and clock are the test's.
        clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        const window = await live.watch(WINDOW);
        assert.deepEqual(window.items.map(item => item.kind === 'job' && item.row.id), ['order-01-job-1', 'order-01-job-2', 'order-02-job-1', 'order-02-job-2']);
        // The index announces the orders added above (nothing changed since the answer), then all is quiet.
        await nextTurn();
        clock.tick(CHANGE_FEED_INTERVAL_MS);
        assert.equal(updates.length, 0);
    });

    afterEach(async () => {
        live.dispose();
        clock.restore();
        sinon.restore();
        await fixture.dispose();
    });

    it('sends a change of a visible row at once when the window was quiet', async () => {
        await setState('order-02', 'Held');
        await nextTurn();
        assert.equal(updates.length, 1);
        const [update] = updates;
        assert.equal(update.watch, 7, 'numbered as the window the pod asked for');
        assert.equal(update.items?.[2].kind === 'job' && update.items[2].row.state, 'Held');
        assert.deepEqual(update.left, []);
        assert.equal(clock.countTimers(), 0);
    });

    it('coalesces a burst of changes into at most one update per interval, ending with the last state', async () => {
        const states: JobState[] = ['Held', 'Queued', 'Processing', 'Waiting', 'Held', 'Queued', 'Processing', 'Waiting', 'Held', 'Error'];
        for (const state of states) {
            await setState('order-01', state);
            await nextTurn();
            clock.tick(25);
        }
        // 10 changes over 250 ms: the first at once, the rest when the interval is up.
        assert.ok(updates.length <= 2, `${updates.length} updates during the burst`);
        clock.tick(CHANGE_FEED_INTERVAL_MS);
        assert.ok(updates.length <= 3, `${updates.length} updates in all`);
        const last = updates[updates.length - 1];
        assert.equal(last.items?.[0].kind === 'job' && last.items[0].row.state, 'Error');
        assert.equal(clock.countTimers(), 0);
    });

    it('sends nothing when the visible rows did not change', async () => {
        // Another job's change makes a new version of the order, but the shown rows stay as they were.
        await fixture.store.modify(OrdersCollection, 'order-01', order => ({ ...order, description: 'Reprint' }));
        await nextTurn();
        // A job far below the window changes: the window and the counts stay as they were.
        await setState('order-09', 'Held');
        await nextTurn();
        clock.tick(CHANGE_FEED_INTERVAL_MS);
        assert.equal(updates.length, 0);
    });

    it('sends only the counts when jobs come below the window, so the scroll height follows', async () => {
        await fixture.addOrder('order-11', 3);
        await nextTurn();
        clock.tick(CHANGE_FEED_INTERVAL_MS);
        assert.equal(updates.length, 1);
        assert.equal(updates[0].items, undefined, 'no rows travel');
        assert.equal(updates[0].total, 23);
        assert.equal(updates[0].allJobs, 23);
    });

    it('names the jobs that left the list, so the pod fades them out', async () => {
        const order = fixture.store.get(OrdersCollection, 'order-01')!;
        await fixture.store.delete(OrdersCollection, order.id, order.version);
        await nextTurn();
        assert.equal(updates.length, 1);
        assert.deepEqual(updates[0].left.sort(), ['order-01-job-1', 'order-01-job-2']);
        assert.deepEqual(updates[0].items?.map(item => item.kind === 'job' && item.row.id), ['order-02-job-1', 'order-02-job-2', 'order-03-job-1', 'order-03-job-2']);
    });

    it('follows the window watched last', async () => {
        await live.watch({ ...WINDOW, watch: 8, offset: 16 });
        await setState('order-01', 'Held');
        await nextTurn();
        assert.equal(updates.length, 0, 'order-01 is no longer watched');
        await setState('order-09', 'Held');
        await nextTurn();
        clock.tick(CHANGE_FEED_INTERVAL_MS);
        assert.deepEqual(updates.map(update => update.watch), [8]);
    });

    it('stops its timer and sends nothing more once the connection closed', async () => {
        await setState('order-01', 'Held');
        await nextTurn();
        await setState('order-01', 'Queued');
        await nextTurn();
        assert.equal(clock.countTimers(), 1, 'the second change waits for the interval');
        live.dispose();
        assert.equal(clock.countTimers(), 0);
        await setState('order-01', 'Error');
        await nextTurn();
        clock.tick(CHANGE_FEED_INTERVAL_MS);
        assert.equal(updates.length, 1);
    });

    it('sends nothing once the session ended', async () => {
        user.throws(new Error('Your session has ended: sign in again'));
        await setState('order-01', 'Held');
        await nextTurn();
        clock.tick(CHANGE_FEED_INTERVAL_MS);
        assert.equal(updates.length, 0);
    });
});
