import { expect } from 'chai';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import { JobFlow } from '@presswork/platform/lib/common/job-flow';
import { WAITING_FOR_BATCH } from '@presswork/platform/lib/common/job-status';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { BatchReleaser } from './batch-releaser';
import { BatchBookImpl } from './batch-book-impl';
import { batchWorld, NEXT_STEP_ID, recordingLogger, type BatchWorld } from './test/batch-fixture';

describe('BatchReleaser', () => {
    let world: BatchWorld;
    let releaser: BatchReleaser;

    function newReleaser(book = world.book): BatchReleaser {
        return inject(new BatchReleaser(), { book, store: world.store, jobFlow: world.jobFlow as unknown as JobFlow, clock: world.clock, platform: undefined, logger: recordingLogger() });
    }

    beforeEach(async () => {
        world = await batchWorld();
        await world.addOrder('o1', 2);
        await world.addOrder('o2', 1);
        releaser = newReleaser();
    });

    afterEach(async () => {
        await releaser.stop();
        await world.dispose();
    });

    it('moves the waiting jobs of a batch filled by a join on, once per order, after the release is on disk', async () => {
        await releaser.start();
        await world.joinAndWait('o1-job-1', { jobsPerBatch: 3 });
        await world.joinAndWait('o1-job-2', { jobsPerBatch: 3 });
        const { released } = await world.book.join(world.joining('o2-job-1', { jobsPerBatch: 3 }));
        expect(released).to.equal(true);
        await releaser.idle();
        expect(world.jobFlow.calls).to.deep.equal([{ orderId: 'o1', jobIds: ['o1-job-1', 'o1-job-2'], by: 'Presswork', atActivity: 'batch' }]);
        expect(world.job('o1-job-1')).to.include({ state: 'Queued', stepId: NEXT_STEP_ID });
        expect(world.job('o1-job-2')).to.include({ state: 'Queued', stepId: NEXT_STEP_ID });
    });

    it('moves on a job whose wait was written after its batch was released', async () => {
        await releaser.start();
        await world.book.join(world.joining('o1-job-1', { jobsPerBatch: 2 }));
        await world.book.join(world.joining('o2-job-1', { jobsPerBatch: 2 }));
        await releaser.idle();
        expect(world.jobFlow.continuedIds()).to.deep.equal([]);
        // The first job's step ended with its wait only now.
        await world.setJob('o1-job-1', { state: WAITING_FOR_BATCH, batchId: 'B-0001' });
        await releaser.idle();
        expect(world.jobFlow.continuedIds()).to.deep.equal(['o1-job-1']);
    });

    it('releases by hand and moves the jobs on in the name of who did', async () => {
        await releaser.start();
        await world.joinAndWait('o1-job-1');
        await world.joinAndWait('o2-job-1');
        const released = await releaser.releaseByHand('B-0001', 'olivia');
        await releaser.idle();
        expect(released?.releaseReason).to.equal('by hand (olivia)');
        expect(world.jobFlow.calls.map(call => [call.orderId, call.by])).to.have.deep.members([['o1', 'olivia'], ['o2', 'olivia']]);
        expect(await releaser.releaseByHand('B-0001', 'olivia')).to.equal(undefined);
    });

    it('releases at the oldest wait on its timer', async () => {
        await releaser.start();
        await world.joinAndWait('o1-job-1', { oldestWaitMinutes: 1 });
        expect(world.book.get('B-0001')?.nextReleaseAt).to.equal('2026-03-02T15:01:00.000Z');
        world.clock.at += 60_000;
        await releaser.releaseDue();
        await releaser.idle();
        expect(world.book.get('B-0001')).to.include({ state: 'released', releaseReason: 'the oldest job waited 1 minute' });
        expect(world.jobFlow.continuedIds()).to.deep.equal(['o1-job-1']);
    });

    it('releases on its timer when a job\'s due date comes within the hours', async () => {
        await releaser.start();
        await world.setJob('o1-job-1', { due: '2026-03-02T16:00:00.000Z' });
        await world.joinAndWait('o1-job-1', { dueWithinHours: 2 });
        await eventually(() => world.book.get('B-0001')?.state === 'released', 3000, 'the timed release');
        await releaser.idle();
        expect(world.book.get('B-0001')?.releaseReason).to.equal('a job is due within 2 hours');
        expect(world.jobFlow.continuedIds()).to.deep.equal(['o1-job-1']);
    });

    it('fires a time of day missed while down once at start, and says so in the batch\'s log', async () => {
        // Opened at 10:00 in New York with a 14:00 release; Presswork starts again at 16:30.
        await world.joinAndWait('o1-job-1', { timesOfDay: ['14:00'] });
        await world.joinAndWait('o2-job-1', { timesOfDay: ['14:00'] });
        world.clock.at = Date.parse('2026-03-02T21:30:00.000Z');
        await releaser.start();
        await releaser.idle();
        const batch = world.book.get('B-0001')!;
        expect(batch).to.include({ state: 'released', releaseReason: 'time of day 14:00' });
        expect(batch.log.map(entry => entry.message)).to.include('Released at start: the 14:00 release was missed while Presswork was down');
        expect(world.jobFlow.continuedIds()).to.have.members(['o1-job-1', 'o2-job-1']);
        // A second start neither releases again nor moves anyone twice.
        await releaser.stop();
        const again = newReleaser();
        await again.start();
        await again.idle();
        await again.stop();
        expect(world.book.get('B-0001')!.log.filter(entry => entry.message.startsWith('Released'))).to.have.length(2);
        expect(world.jobFlow.continuedIds().filter(id => id === 'o1-job-1')).to.have.length(1);
    });

    it('moves on at start the jobs of a batch released before a crash, exactly once', async () => {
        await world.joinAndWait('o1-job-1');
        await world.joinAndWait('o1-job-2');
        await world.joinAndWait('o2-job-1');
        // Released (durably), then the server died before any job moved.
        await world.book.release('B-0001', 'by hand', 'olivia');
        const store = await world.temp.reopen();
        const book = inject(new BatchBookImpl(), { store, clock: world.clock, ownership: new EmbeddedWorkOwnership() });
        (world.jobFlow as unknown as { store: unknown }).store = store;
        releaser = inject(new BatchReleaser(), { book, store, jobFlow: world.jobFlow as unknown as JobFlow, clock: world.clock, platform: undefined, logger: recordingLogger() });
        await releaser.start();
        await releaser.idle();
        await releaser.stop();
        const second = inject(new BatchReleaser(), { book, store, jobFlow: world.jobFlow as unknown as JobFlow, clock: world.clock, platform: undefined, logger: recordingLogger() });
        await second.start();
        await second.idle();
        await second.stop();
        expect(world.jobFlow.continuedIds().sort()).to.deep.equal(['o1-job-1', 'o1-job-2', 'o2-job-1']);
        expect(world.jobFlow.calls.filter(call => call.orderId === 'o1')).to.have.length(1);
    });
});
