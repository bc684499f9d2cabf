import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import type { WorkflowEngine } from './workflow-engine';
import { EngineFixture, FakeActivity, fakeActivity, messages, step } from './test/engine-fixture';

/** JobFlow.continueJobs: a closed order's waiting jobs released together, in one write of the order. */
describe('WorkflowEngine continueJobs', () => {

    const JOBS = 5;
    const ids = Array.from({ length: JOBS }, (_, index) => `o1-job-${index + 1}`);

    let fixture: EngineFixture;
    let work: FakeActivity;
    let approve: FakeActivity;
    let closeout: FakeActivity;

    beforeEach(async () => {
        fixture = await EngineFixture.create();
        work = fakeActivity('work');
        approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Waiting for approval' }));
        closeout = fakeActivity('closeout-order', context => ({ kind: 'wait', state: WAITING_FOR_CLOSEOUT, reason: `Order ${context.order.orderNumber} is not closed` }));
        // Closeout Order as the last step, and as a step before another.
        await fixture.addWorkflow('last', { Receive: [step('r', 'work')], Complete: [step('x', 'closeout-order')] });
        await fixture.addWorkflow('before', { Receive: [step('r', 'work')], Complete: [step('x', 'closeout-order'), step('k', 'work')] });
        await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Prepare: [step('p', 'approve')], Complete: [step('c', 'work')] });
    });

    afterEach(async () => {
        sinon.restore();
        await fixture.dispose();
    });

    /** Order o1 whose jobs (on the workflows given, one a job) have run up to where they wait. */
    async function waitingJobs(workflows: readonly string[]): Promise<WorkflowEngine> {
        await fixture.addOrder('o1', undefined, workflows.map(workflowId => ({ workflowId })));
        const engine = await fixture.startEngine([work, approve, closeout]);
        await engine.idle();
        return engine;
    }

    /** Spies on every way to write a document. */
    function spyOnWrites(): { count(): number } {
        const spies = (['create', 'update', 'modify', 'revise', 'delete'] as const).map(method => sinon.spy(fixture.store, method));
        return { count: () => spies.reduce((sum, spy) => sum + spy.callCount, 0) };
    }

    it('moves every listed job on in one write of the order, each logged as continued by who acts; Complete after the last step', async () => {
        const engine = await waitingJobs(ids.map(() => 'last'));
        assert.deepEqual(fixture.order('o1').jobs.map(job => job.state), ids.map(() => WAITING_FOR_CLOSEOUT));
        const version = fixture.order('o1').version;
        const writes = spyOnWrites();

        const result = await engine.continueJobs('o1', ids, 'olivia', 'closeout-order');
        await engine.idle();

        assert.deepEqual(result, { continued: ids, skipped: [] });
        assert.equal(writes.count(), 1, 'one durable write of the order');
        assert.equal(fixture.order('o1').version, version + 1);
        for (const job of fixture.order('o1').jobs) {
            assert.equal(job.state, 'Complete');
            const continued = job.log.find(entry => entry.message === 'Order closed out; released by olivia');
            assert.equal(continued?.by, 'olivia');
            assert.deepEqual(messages(job).slice(-2), ['Order closed out; released by olivia', 'Complete']);
        }
    });

    it('queues each job at its next step in that one write, which the engine then runs, as continueJob does', async () => {
        const engine = await waitingJobs(ids.map(() => 'before'));
        const committed: Order[] = [];
        fixture.store.onDidChange(change => change.id === 'o1' && committed.push(change.document as Order));

        await engine.continueJobs('o1', ids, 'olivia', 'closeout-order');
        assert.deepEqual(committed[0].jobs.map(job => [job.state, job.stepId]), ids.map(() => ['Queued', 'k']));
        await engine.idle();

        assert.deepEqual(fixture.order('o1').jobs.map(job => job.state), ids.map(() => 'Complete'));
        assert.deepEqual(work.calls.filter(call => call.step.id === 'k').map(call => call.job.id).sort(), [...ids].sort());
    });

    it('skips, and reports with continueJob\'s reason, jobs no longer waiting there; leaves them as they are', async () => {
        const engine = await waitingJobs(['last', 'last', 'flow']);
        await engine.hold('o1-job-2', 'sam');
        const before = fixture.order('o1').jobs;

        const result = await engine.continueJobs('o1', ['o1-job-1', 'o1-job-2', 'o1-job-3', 'o1-job-9'], 'olivia', 'closeout-order');
        await engine.idle();

        assert.deepEqual(result, {
            continued: ['o1-job-1'],
            skipped: [
                { jobId: 'o1-job-2', reason: 'Job "Flyers o1-job-2" of order PW-o1 is Held, not waiting at an activity: there is nothing to continue' },
                { jobId: 'o1-job-3', reason: 'Job "Flyers o1-job-3" of order PW-o1 is no longer at Closeout Order: it is at "Approve"' },
                { jobId: 'o1-job-9', reason: 'There is no job o1-job-9; it may have been removed' }
            ]
        });
        const after = fixture.order('o1').jobs;
        assert.equal(after[0].state, 'Complete');
        assert.deepEqual(after.slice(1), before.slice(1));
    });

    it('writes nothing when no listed job waits there, and refuses an order that is gone', async () => {
        const engine = await waitingJobs(['flow']);
        const changes: string[] = [];
        fixture.store.onDidChange(change => changes.push(change.id));

        const result = await engine.continueJobs('o1', ['o1-job-1'], 'olivia', 'closeout-order');
        await assert.rejects(engine.continueJobs('gone', ['gone-job-1'], 'olivia', 'closeout-order'),
            (error: Error) => PressworkError.NotFound.is(error) && error.message === 'There is no order gone; it may have been removed');

        assert.deepEqual(result.continued, []);
        assert.equal(fixture.order('o1').jobs[0].state, 'Waiting');
        assert.deepEqual(changes, [], 'nothing written');
    });

    it('checks each job inside the write: a change of a sibling job queued just before is kept, and its job skipped', async () => {
        const engine = await waitingJobs(ids.map(() => 'last'));
        // Not awaited: the hold is queued on the order's lock first, and the batch reads the order after it.
        const held = engine.hold('o1-job-3', 'sam');
        const result = await engine.continueJobs('o1', ids, 'olivia', 'closeout-order');
        await held;
        await engine.idle();

        assert.deepEqual(result.continued, ids.filter(id => id !== 'o1-job-3'));
        assert.deepEqual(result.skipped.map(skip => skip.jobId), ['o1-job-3']);
        assert.deepEqual(fixture.order('o1').jobs.map(job => job.state), ['Complete', 'Complete', 'Held', 'Complete', 'Complete']);
    });

    it('decides afresh when the store runs its change again (a store that retries after a conflict)', async () => {
        const engine = await waitingJobs(ids.map(() => 'last'));
        const stale = fixture.order('o1');
        await engine.hold('o1-job-2', 'sam');
        const revise = fixture.store.revise.bind(fixture.store) as DocumentStore['revise'];
        // As a database store does when its first attempt lost a race: the change ran on an older order, then runs on the current one.
        const retrying: DocumentStore['revise'] = (collection, id, change) => {
            change(structuredClone(stale) as unknown as Parameters<typeof change>[0]);
            return revise(collection, id, change);
        };
        sinon.stub(fixture.store, 'revise').callsFake(retrying);

        const result = await engine.continueJobs('o1', ids, 'olivia', 'closeout-order');
        await engine.idle();

        assert.deepEqual(result.continued, ids.filter(id => id !== 'o1-job-2'));
        assert.deepEqual(result.skipped.map(skip => skip.jobId), ['o1-job-2']);
        assert.match(result.skipped[0].reason, /is Held, not waiting at an activity/);
        assert.equal(fixture.order('o1').jobs[1].state, 'Held');
    });
});
