import { expect } from 'chai';
import type { JobFlow } from '@presswork/platform/lib/common/job-flow';
import type { RpcCaller } from '@presswork/platform/lib/node/rpc/rpc-caller';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { BatchReleaser } from './batch-releaser';
import { BatchServiceImpl } from './batch-service-impl';
import { batchWorld, NEXT_STEP_ID, recordingLogger, rejection, type BatchWorld } from './test/batch-fixture';

describe('BatchServiceImpl', () => {
    let world: BatchWorld;
    let releaser: BatchReleaser;
    let service: BatchServiceImpl;

    beforeEach(async () => {
        world = await batchWorld();
        await world.addOrder('o1', 2);
        await world.addOrder('o2', 2);
        const jobFlow = world.jobFlow as unknown as JobFlow;
        releaser = inject(new BatchReleaser(), { book: world.book, store: world.store, jobFlow, clock: world.clock, platform: undefined, logger: recordingLogger() });
        await releaser.start();
        const caller = { user: () => ({ name: 'olivia' }) } as unknown as RpcCaller;
        service = inject(new BatchServiceImpl(), { book: world.book, releaser, store: world.store, jobFlow, clock: world.clock, caller });
        for (const jobId of ['o1-job-1', 'o1-job-2', 'o2-job-1']) {
            await world.joinAndWait(jobId, { jobsPerBatch: 5, timesOfDay: ['14:00'] });
        }
    });

    afterEach(async () => {
        await releaser.stop();
        await world.dispose();
    });

    it('lists open batches with their next release in words', async () => {
        const page = await service.listBatches(0, 10);
        expect(page.total).to.equal(1);
        expect(page.batches[0]).to.include({ id: 'B-0001', nextRelease: 'when 2 more jobs arrive or at 14:00' });
    });

    it('removes jobs from their batch, each going on alone', async () => {
        await service.removeFromBatch(['o1-job-2']);
        expect(world.book.get('B-0001')!.members.map(member => member.jobId)).to.deep.equal(['o1-job-1', 'o2-job-1']);
        expect(world.book.get('B-0001')!.log.at(-1)).to.include({ by: 'olivia' });
        expect(world.jobFlow.single).to.deep.equal([{ jobId: 'o1-job-2', by: 'olivia' }]);
        expect(world.job('o1-job-2')).to.include({ state: 'Queued', stepId: NEXT_STEP_ID });
    });

    it('splits chosen jobs into a batch of their own', async () => {
        expect(await service.splitBatch(['o2-job-1'])).to.deep.equal({ batchId: 'B-0002' });
        expect(world.book.batchOf('o2-job-1')?.id).to.equal('B-0002');
    });

    it('releases the batches of the chosen jobs by hand, and the jobs go on', async () => {
        await service.releaseBatchesOf(['o1-job-1']);
        await releaser.idle();
        expect(world.book.get('B-0001')).to.include({ state: 'released', releaseReason: 'by hand (olivia)' });
        expect(world.jobFlow.continuedIds().sort()).to.deep.equal(['o1-job-1', 'o1-job-2', 'o2-job-1']);
        expect(await rejection(service.releaseNow('B-0001'))).to.equal('Batch B-0001 is released already');
    });

    it('refuses jobs that do not wait in a batch, naming them', async () => {
        expect(await rejection(service.removeFromBatch(['o2-job-2']))).to.equal('Job Business cards for PW-o2 of order PW-o2 is not waiting in an open batch (it is Queued)');
    });
});
