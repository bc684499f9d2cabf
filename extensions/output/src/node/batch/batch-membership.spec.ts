import { expect } from 'chai';
import { WAITING_FOR_BATCH } from '@presswork/platform/lib/common/job-status';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { changeJob, REMOVE_JOB } from '@presswork/platform/lib/node/store/order-jobs';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { BatchMembership, leavingReason } from './batch-membership';
import { batchWorld, NEXT_STEP_ID, recordingLogger, STEP_ID, WORKFLOW_ID, type BatchWorld } from './test/batch-fixture';

describe('BatchMembership', () => {
    let world: BatchWorld;
    let membership: BatchMembership;

    beforeEach(async () => {
        world = await batchWorld();
        await world.addOrder('o1', 2);
        await world.addOrder('o2', 1);
        membership = inject(new BatchMembership(), { book: world.book, store: world.store, platform: undefined, logger: recordingLogger() });
        await membership.start();
        for (const jobId of ['o1-job-1', 'o1-job-2', 'o2-job-1']) {
            await world.joinAndWait(jobId);
        }
        await membership.idle();
    });

    afterEach(async () => {
        membership.onStop();
        await world.dispose();
    });

    function members(): string[] {
        return world.book.get('B-0001')?.members.map(member => member.jobId) ?? [];
    }

    function lastLog(): string | undefined {
        return world.book.get('B-0001')?.log.at(-1)?.message;
    }

    it('keeps the jobs waiting for the batch', () => {
        expect(members()).to.deep.equal(['o1-job-1', 'o1-job-2', 'o2-job-1']);
    });

    it('takes a held job out, and the batch says so', async () => {
        await world.setJob('o1-job-2', { state: 'Held', batchId: undefined });
        await membership.idle();
        expect(members()).to.deep.equal(['o1-job-1', 'o2-job-1']);
        expect(lastLog()).to.equal('Job Business cards for PW-o1 of order PW-o1 left the batch: held (2 jobs)');
    });

    it('takes a deleted job out', async () => {
        await changeJob(world.store, 'o2', 'o2-job-1', () => REMOVE_JOB);
        await membership.idle();
        expect(members()).to.deep.equal(['o1-job-1', 'o1-job-2']);
        expect(lastLog()).to.match(/of order PW-o2 left the batch: deleted/);
    });

    it('takes out the jobs of a deleted order', async () => {
        const order = world.store.get(OrdersCollection, 'o1')!;
        await world.store.delete(OrdersCollection, 'o1', order.version);
        await membership.idle();
        expect(members()).to.deep.equal(['o2-job-1']);
    });

    it('takes a job moved to another workflow or step out', async () => {
        await world.setJob('o1-job-1', { state: 'Queued', workflowId: 'wf-other', batchId: undefined });
        await world.setJob('o2-job-1', { state: 'Queued', stepId: NEXT_STEP_ID, currentActivity: 'print', batchId: undefined });
        await membership.idle();
        expect(members()).to.deep.equal(['o1-job-2']);
        expect(world.book.get('B-0001')!.log.map(entry => entry.message)).to.include.members([
            'Job Business cards for PW-o1 of order PW-o1 left the batch: moved to another workflow (2 jobs)',
            'Job Business cards for PW-o2 of order PW-o2 left the batch: moved on to print (Queued) (1 job)'
        ]);
    });

    it('takes out at start a job that left while Presswork was down', async () => {
        membership.onStop();
        await world.setJob('o1-job-1', { state: 'Held', batchId: undefined });
        const again = inject(new BatchMembership(), { book: world.book, store: world.store, platform: undefined, logger: recordingLogger() });
        await again.start();
        await again.idle();
        again.onStop();
        expect(members()).to.deep.equal(['o1-job-2', 'o2-job-1']);
    });

    it('decides who leaves from the job alone', () => {
        const batch = { id: 'B-0001', workflowId: WORKFLOW_ID, stepId: STEP_ID };
        const job = world.job('o1-job-1')!;
        expect(leavingReason({ ...job, state: WAITING_FOR_BATCH, batchId: 'B-0001' }, batch)).to.equal(undefined);
        // Processed again: Queued at the step, joining once more.
        expect(leavingReason({ ...job, state: 'Queued', batchId: undefined }, batch)).to.equal(undefined);
        expect(leavingReason({ ...job, state: WAITING_FOR_BATCH, batchId: 'B-0002' }, batch)).to.equal('now in batch B-0002');
        expect(leavingReason({ ...job, state: 'Error' }, batch)).to.equal('sent to Error');
        expect(leavingReason(undefined, batch)).to.equal('deleted');
    });
});
