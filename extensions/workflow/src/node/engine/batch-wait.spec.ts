import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { WAITING_FOR_BATCH } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { checkedOutcome } from './activity-outcome';
import type { WorkflowEngine } from './workflow-engine';
import { EngineFixture, FakeActivity, fakeActivity, messages, step } from './test/engine-fixture';

/** A Batch step's wait (issue 12): the job's `batchId` is written with it, and dropped when the job leaves otherwise than by release. */
describe('WorkflowEngine batch waits', () => {

    const BATCH = 'B-0042';
    const JOBS = ['o1-job-1', 'o1-job-2', 'o1-job-3'];

    let fixture: EngineFixture;
    let work: FakeActivity;
    let batch: FakeActivity;
    let print: FakeActivity;

    beforeEach(async () => {
        fixture = await EngineFixture.create();
        work = fakeActivity('work');
        batch = fakeActivity('batch', () => ({ kind: 'wait', state: WAITING_FOR_BATCH, reason: `Batch ${BATCH}: 1 of 3 jobs`, batchId: BATCH }));
        print = fakeActivity('print');
        await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Print: [step('b', 'batch'), step('p', 'print')], Complete: [step('c', 'work')] });
        await fixture.addWorkflow('other', { Receive: [step('r', 'work')], Complete: [step('c', 'work')] });
    });

    afterEach(async () => {
        sinon.restore();
        await fixture.dispose();
    });

    /** Order o1 with `count` jobs, each waiting for batch B-0042 at step b. */
    async function waitingForBatch(count = 1): Promise<WorkflowEngine> {
        await fixture.addOrder('o1', 'flow', Array.from({ length: count }, () => ({})));
        const engine = await fixture.startEngine([work, batch, print]);
        await engine.idle();
        return engine;
    }

    /** The job's versions as committed from now on. */
    function committedVersions(jobId: string): Job[] {
        const versions: Job[] = [];
        fixture.store.onDidChange(change => {
            const job = change.id === 'o1' ? (change.document as Order | undefined)?.jobs.find(candidate => candidate.id === jobId) : undefined;
            if (job) {
                versions.push(job);
            }
        });
        return versions;
    }

    it('writes the batch with the wait: the job waits for batch B-0042 with the reason', async () => {
        await waitingForBatch();
        const job = fixture.job('o1');
        assert.deepEqual([job.state, job.stepId, job.batchId, job.waitReason], [WAITING_FOR_BATCH, 'b', BATCH, 'Batch B-0042: 1 of 3 jobs']);
        assert.equal(messages(job).at(-1), 'Batch: Batch B-0042: 1 of 3 jobs');
    });

    const leaving: readonly { action: string; leave: (engine: WorkflowEngine) => Promise<unknown>; state: Job['state'] }[] = [
        { action: 'held', leave: engine => engine.hold('o1-job-1', 'sam'), state: 'Held' },
        { action: 'sent to Error', leave: engine => engine.failJob('o1-job-1', 'sam', 'Wrong stock'), state: 'Error' },
        { action: 'moved to another workflow', leave: engine => engine.moveToWorkflow('o1-job-1', 'other', 'sam'), state: 'Received' },
        { action: 'processed again', leave: engine => engine.processAgain('o1-job-1', 'sam'), state: 'Queued' },
        { action: 'completed', leave: engine => engine.complete('o1-job-1', 'sam'), state: 'Complete' },
        { action: 'retained', leave: engine => engine.retain('o1-job-1', 'sam'), state: 'Retained' }
    ];
    for (const { action, leave, state } of leaving) {
        it(`clears the batch in the same write when a job waiting for it is ${action}`, async () => {
            const engine = await waitingForBatch();
            const versions = committedVersions('o1-job-1');

            await leave(engine);

            const written = versions[0];
            assert.equal(written.state, state);
            assert.equal(written.batchId, undefined);
            assert.ok(messages(written).includes(`Left batch ${BATCH}`), messages(written).join(' | '));
            await engine.idle();
        });
    }

    it('runs the Batch step again without the old batch when the job is processed again', async () => {
        const engine = await waitingForBatch();
        await engine.processAgain('o1-job-1', 'sam');
        await engine.idle();

        assert.equal(batch.calls.length, 2);
        assert.equal(batch.calls[1].job.batchId, undefined, 'the step runs as for a job joining afresh');
        assert.equal(fixture.job('o1').batchId, BATCH, 'its wait names the batch again');
    });

    it('keeps the batch of a job that leaves another wait, and of a job held at another step', async () => {
        const approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Waiting for approval' }));
        await fixture.addWorkflow('approving', { Receive: [step('r', 'work')], Print: [step('a', 'approve')], Complete: [step('c', 'work')] });
        await fixture.addOrder('o1', 'approving', [{ batchId: 'B-0007' }]);
        const engine = await fixture.startEngine([work, approve]);
        await engine.idle();

        await engine.hold('o1-job-1', 'sam');

        assert.deepEqual([fixture.job('o1').state, fixture.job('o1').batchId], ['Held', 'B-0007']);
    });

    it('continues the jobs of a released batch from Waiting for batch, in one write, each carrying its batch into Print', async () => {
        const engine = await waitingForBatch(3);
        assert.deepEqual(fixture.order('o1').jobs.map(job => job.state), JOBS.map(() => WAITING_FOR_BATCH));

        const result = await engine.continueJobs('o1', JOBS, 'Batch B-0042 released', 'batch');
        await engine.idle();

        assert.deepEqual(result, { continued: JOBS, skipped: [] });
        assert.deepEqual(print.calls.map(call => [call.job.id, call.job.batchId]), JOBS.map(id => [id, BATCH]));
        assert.deepEqual(fixture.order('o1').jobs.map(job => [job.state, job.batchId]), JOBS.map(() => ['Complete', BATCH]));
    });

    it('continues one job from Waiting for batch at the batch step, and refuses it at another activity', async () => {
        const engine = await waitingForBatch();
        await assert.rejects(engine.continueJob('o1-job-1', 'sam', 'approve'), /is no longer at approve: it is at "Batch"/);

        await engine.continueJob('o1-job-1', 'sam', 'batch');
        await engine.idle();

        assert.deepEqual([print.calls.length, print.calls[0].job.batchId], [1, BATCH]);
    });

    it('continues a job taken out of its batch alone, no longer naming the batch', async () => {
        const engine = await waitingForBatch();
        await engine.continueJob('o1-job-1', 'sam', 'batch', { leavingBatch: true });
        await engine.idle();

        assert.deepEqual([print.calls.length, print.calls[0].job.batchId], [1, undefined]);
    });

    describe('the wait outcome, checked', () => {

        const check = (outcome: unknown): unknown => checkedOutcome(outcome, 'Batch');

        it('keeps the batch a job goes on with, and fails one that is not a batch id', () => {
            assert.deepEqual(check({ kind: 'continue', batchId: 'B-1' }), { kind: 'continue', batchId: 'B-1' });
            assert.match(String((check({ kind: 'continue', batchId: '../B' }) as { message: string }).message), /which is not a batch id/);
        });

        it('keeps the batch of a wait in Waiting for batch', () => {
            assert.deepEqual(check({ kind: 'wait', state: WAITING_FOR_BATCH, reason: 'Batch B-1: 2 jobs', batchId: 'B-1' }),
                { kind: 'wait', state: WAITING_FOR_BATCH, reason: 'Batch B-1: 2 jobs', until: undefined, batchId: 'B-1' });
        });

        it('fails a batch id that is not a document id, a wait for a batch it does not name, and a batch named in another state', () => {
            assert.deepEqual(check({ kind: 'wait', state: WAITING_FOR_BATCH, reason: 'r', batchId: '../B 1' }), {
                kind: 'fail',
                message: 'Batch ended wrongly: it names batch "../B 1", which is not a batch id (a batch id must be 1 to 128 letters, digits, "_" or "-", starting with a letter or digit)'
            });
            assert.deepEqual(check({ kind: 'wait', state: WAITING_FOR_BATCH, reason: 'r', batchId: 42 }),
                { kind: 'fail', message: 'Batch ended wrongly: it names batch 42, which is not a batch id' });
            assert.deepEqual(check({ kind: 'wait', state: WAITING_FOR_BATCH, reason: 'r' }),
                { kind: 'fail', message: 'Batch ended wrongly: it waits in state Waiting for batch without naming the batch' });
            assert.deepEqual(check({ kind: 'wait', reason: 'r', batchId: 'B-1' }),
                { kind: 'fail', message: 'Batch ended wrongly: it names batch "B-1" but waits in state Waiting, not Waiting for batch' });
        });

        it('sends a job whose Batch step ends wrongly to Error with the reason', async () => {
            batch = fakeActivity('batch', () => ({ kind: 'wait', state: WAITING_FOR_BATCH, reason: 'Batch ?' }));
            await waitingForBatch();
            const job = fixture.job('o1');
            assert.deepEqual([job.state, job.batchId, job.waitReason], ['Error', undefined, 'Batch ended wrongly: it waits in state Waiting for batch without naming the batch']);
        });
    });
});
