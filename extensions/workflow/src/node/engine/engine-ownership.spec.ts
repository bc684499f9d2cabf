import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { partitionOfOrder } from '@presswork/platform/lib/node/cluster/order-partitions';
import { FakeWorkOwnership } from '@presswork/platform/lib/node/test/fake-work-ownership';
import { ScriptedWorkOwnership, orderIdIn } from '@presswork/platform/lib/node/cluster/test/scripted-work-ownership';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { changeJob } from '@presswork/platform/lib/node/store/order-jobs';
import { heldBy } from './operator-transitions';
import { EngineFixture, activityUntilAborted, fakeActivity, gate, step, waitFor } from './test/engine-fixture';

/** The engine as one of several servers: it runs the steps of the orders whose partitions it owns (WorkOwnership). */
describe('WorkflowEngine with WorkOwnership', () => {

    let fixture: EngineFixture;
    const MINE = 3;
    const THEIRS = 17;
    const mine = orderIdIn(MINE, 'mine');
    const theirs = orderIdIn(THEIRS, 'theirs');
    const PARTITION_MINE = { kind: 'orders', partition: MINE } as const;

    beforeEach(async () => {
        fixture = await EngineFixture.create();
    });

    afterEach(async () => {
        sinon.restore();
        await fixture.dispose();
    });

    it('runs at the start only the jobs of owned orders, and those of a partition when it is gained, as at a start', async () => {
        const work = fakeActivity('work');
        const long = fakeActivity('long');
        const done = fakeActivity('done');
        await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Prepare: [step('p', 'long')], Complete: [step('c', 'done')] });
        await fixture.addOrder(mine, 'flow');
        await fixture.addOrder(theirs, 'flow', [
            {},
            { state: 'Processing', phase: 'Prepare', stepIndex: 0, stepId: 'p', currentActivity: 'long', workflowVersion: 1 },
            { state: 'Retained', phase: 'Complete', stepIndex: 0, stepId: 'c', currentActivity: 'done', wakeAt: new Date(Date.now() + 50).toISOString(), workflowVersion: 1 }
        ]);
        const ownership = new ScriptedWorkOwnership('a', [MINE]);
        const engine = await fixture.startEngine([work, long, done], {}, ownership);
        await engine.idle();
        assert.equal(fixture.job(mine).state, 'Complete');
        assert.deepEqual(fixture.order(theirs).jobs.map(job => job.state), ['Received', 'Processing', 'Retained']);

        ownership.gain(THEIRS);
        await engine.idle();
        await waitFor(() => fixture.order(theirs).jobs.every(job => job.state === 'Complete'), 'the retained job to wake and complete');
        await engine.idle();
        assert.deepEqual(long.calls.filter(call => call.job.orderId === theirs).map(call => call.job.id).sort(), [`${theirs}-job-1`, `${theirs}-job-2`],
            'the interrupted step runs again at the new owner');
    });

    it('schedules on a change only the jobs of owned orders', async () => {
        const work = fakeActivity('work');
        await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Complete: [step('c', 'work')] });
        const engine = await fixture.startEngine([work], {}, new ScriptedWorkOwnership('a', [MINE]));
        await fixture.addOrder(theirs, 'flow');
        await fixture.addOrder(mine, 'flow');
        await engine.idle();
        assert.equal(fixture.job(mine).state, 'Complete');
        assert.equal(fixture.job(theirs).state, 'Received');
        assert.deepEqual(work.calls.map(call => call.job.orderId), [mine, mine]);
    });

    it('at losing a partition starts no more of its steps, lets a running one end, and drops its queue and timers', async () => {
        const finish = gate();
        const started = gate();
        const slow = fakeActivity('slow', async () => {
            started.open();
            await finish.promise;
            return { kind: 'continue' };
        });
        const next = fakeActivity('next');
        await fixture.addWorkflow('flow', { Receive: [step('r', 'slow')], Prepare: [step('p', 'next')], Complete: [step('c', 'next')] });
        await fixture.addOrder(mine, 'flow', [{}, {}]);
        const ownership = new ScriptedWorkOwnership('a', [MINE]);
        const engine = await fixture.startEngine([slow, next], { concurrency: 1, handOverMs: 5000 }, ownership);
        await started.promise;
        const losing = ownership.lose(MINE);
        await new Promise(resolve => setTimeout(resolve, 50));
        finish.open();
        await losing;
        await engine.idle();
        // The running step ended within the hand-over time and its outcome counts; its next step starts at the new owner.
        assert.deepEqual(fixture.order(mine).jobs.map(job => [job.state, job.stepId]), [['Processing', 'p'], ['Received', undefined]]);
        assert.equal(slow.calls.length, 1);
        assert.equal(next.calls.length, 0);
    });

    it('at losing aborts a step that runs past the hand-over time without writing its outcome; the new owner runs it again', async () => {
        const { activity, started, aborted } = activityUntilAborted('long');
        await fixture.addWorkflow('flow', { Receive: [step('r', 'long')], Complete: [step('c', 'long')] });
        await fixture.addOrder(mine, 'flow');
        const a = new ScriptedWorkOwnership('a', [MINE]);
        const engineA = await fixture.startEngine([activity], { handOverMs: 30 }, a);
        await started;
        await a.lose(MINE);
        assert.ok(aborted());
        await engineA.idle();
        assert.deepEqual([fixture.job(mine).state, fixture.job(mine).stepId], ['Processing', 'r'], 'left for the next owner as a stop leaves it');

        const again = fakeActivity('long');
        const b = new ScriptedWorkOwnership('b');
        const engineB = await fixture.startEngine([again], {}, b);
        b.gain(MINE);
        await engineB.idle();
        assert.equal(fixture.job(mine).state, 'Complete');
        assert.deepEqual(again.calls.map(call => call.step.id), ['r', 'c']);
    });

    it('gains a partition back while giving it up (the database came back within the hand-over): every job of it goes on here', async () => {
        // The first two runs (one before the loss, one started by the gain) last until aborted; later ones continue.
        const long = fakeActivity('long', async context => {
            if (long.calls.length <= 2) {
                await new Promise(resolve => context.signal.addEventListener('abort', resolve));
            }
            return { kind: 'continue' };
        });
        await fixture.addWorkflow('flow', { Receive: [step('r', 'long')], Complete: [step('c', 'next')] });
        await fixture.addOrder(mine, 'flow', [{}, { state: 'Held' }]);
        // It lets the partition go before the hand-over, as a server that could not renew its lease in time.
        const a = new FakeWorkOwnership('a');
        a.gain(PARTITION_MINE);
        const engine = await fixture.startEngine([long, fakeActivity('next')], { concurrency: 2, handOverMs: 100 }, a);
        await waitFor(() => long.calls.length === 1, 'the first job to start');

        const losing = a.lose(PARTITION_MINE);
        // Released while the partition is away: no step starts until it is gained back.
        await changeJob(fixture.store, mine, `${mine}-job-2`, job => ({ ...job, state: 'Received' }));
        a.gain(PARTITION_MINE);
        await waitFor(() => long.calls.length === 2, 'the released job to start after the gain');
        await losing;
        await waitFor(() => fixture.order(mine).jobs.every(job => job.state === 'Complete'), 'both jobs to complete here', 3000);
        await engine.idle();
    });

    it('aborts a running step when a change made elsewhere holds its job, and its outcome does not overwrite the hold', async () => {
        const { activity, started, aborted } = activityUntilAborted('long');
        await fixture.addWorkflow('flow', { Receive: [step('r', 'long')], Complete: [step('c', 'long')] });
        await fixture.addOrder(mine, 'flow');
        const engine = await fixture.startEngine([activity], {}, new ScriptedWorkOwnership('a', [MINE]));
        await started;
        // As another server's JobFlow writes it: straight to the store, not through this engine.
        await changeJob(fixture.store, mine, `${mine}-job-1`, job => heldBy(job, new Date().toISOString(), 'operator-on-b'));
        await engine.idle();
        assert.ok(aborted());
        assert.equal(fixture.job(mine).state, 'Held');
        assert.equal(activity.calls.length, 1);
    });

    it('aborts a running step when its job is removed from the order elsewhere', async () => {
        const { activity, started, aborted } = activityUntilAborted('long');
        await fixture.addWorkflow('flow', { Receive: [step('r', 'long')], Complete: [step('c', 'long')] });
        await fixture.addOrder(mine, 'flow', [{}, { state: 'Held' }]);
        const engine = await fixture.startEngine([activity], {}, new ScriptedWorkOwnership('a', [MINE]));
        await started;
        await fixture.store.modify(OrdersCollection, mine, order => ({ ...order, jobs: order.jobs.filter(job => job.id !== `${mine}-job-1`) }));
        await engine.idle();
        assert.ok(aborted());
        assert.deepEqual(fixture.order(mine).jobs.map(job => job.id), [`${mine}-job-2`]);
    });

    it('serves an operator\'s request on a server that does not own the order; the owner reacts to the change', async () => {
        const { activity, started, aborted } = activityUntilAborted('long');
        const approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Approve' }));
        const after = fakeActivity('after');
        await fixture.addWorkflow('flow', { Receive: [step('r', 'long')], Complete: [step('c', 'long')] });
        await fixture.addWorkflow('review', { Receive: [step('a', 'approve')], Complete: [step('c', 'after')] });
        await fixture.addOrder(mine, 'flow');
        await fixture.addOrder(orderIdIn(MINE, 'review'), 'review');
        const owner = await fixture.startEngine([activity, approve, after], {}, new ScriptedWorkOwnership('a', [MINE]));
        const other = await fixture.startEngine([activity, approve, after], {}, new ScriptedWorkOwnership('b', [THEIRS]));
        await started;
        await other.hold(`${mine}-job-1`, 'operator-on-b');
        await owner.idle();
        assert.ok(aborted(), 'the owner aborted the held job\'s step');
        assert.equal(fixture.job(mine).state, 'Held');

        const review = orderIdIn(MINE, 'review');
        await waitFor(() => fixture.job(review).state === 'Waiting', 'the review job to wait for approval');
        await other.continueJob(`${review}-job-1`, 'operator-on-b', 'approve');
        await other.idle();
        await owner.idle();
        assert.equal(fixture.job(review).state, 'Complete');
        assert.equal(after.calls.length, 1, 'the next step ran once, at the owner');

        await other.resume(`${mine}-job-1`, 'operator-on-b');
        await waitFor(() => fixture.job(mine).state === 'Processing', 'the resumed job to run at the owner');
        assert.equal(activity.calls.length, 2);
    });

    it('two engines, each owning half the partitions, run 200 jobs over one store: each step once, none left', async function (): Promise<void> {
        this.timeout(60_000);
        const counts = new Map<string, number>();
        const count = (type: string) => fakeActivity(type, context => {
            const key = `${context.job.id}/${context.step.id}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
            return { kind: 'continue' };
        });
        const activities = () => [count('one'), count('two')];
        await fixture.addWorkflow('flow', { Receive: [step('r', 'one')], Prepare: [step('p', 'two')], Complete: [step('c', 'one')] });
        const half = Array.from({ length: 16 }, (_, index) => index * 2);
        const a = await fixture.startEngine(activities(), {}, new ScriptedWorkOwnership('a', half));
        const b = await fixture.startEngine(activities(), {}, new ScriptedWorkOwnership('b', half.map(partition => partition + 1)));
        const orderIds = Array.from({ length: 50 }, (_, index) => `order-${index}`);
        assert.ok(orderIds.some(id => partitionOfOrder(id) % 2 === 0) && orderIds.some(id => partitionOfOrder(id) % 2 === 1));
        await Promise.all(orderIds.map(id => fixture.addOrder(id, 'flow', [{}, {}, {}, {}])));
        await waitFor(() => orderIds.every(id => fixture.order(id).jobs.every(job => job.state === 'Complete')), 'every job to complete', 50_000);
        await Promise.all([a.idle(), b.idle()]);
        assert.equal(counts.size, 200 * 3);
        assert.deepEqual([...counts.values()].filter(runs => runs !== 1), []);
    });
});
