import { expect } from 'chai';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import * as sinon from 'sinon';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { FakeWorkOwnership } from '@presswork/platform/lib/node/test/fake-work-ownership';
import { BatchesCollection } from './batch-collection';
import { BatchBookImpl } from './batch-book-impl';
import { batchWorld, rejection, type BatchWorld } from './test/batch-fixture';

describe('BatchBookImpl', () => {
    let world: BatchWorld;

    beforeEach(async () => {
        world = await batchWorld();
        await world.addOrder('o1', 3);
        await world.addOrder('o2', 2);
    });

    afterEach(() => world.dispose());

    it('opens a batch for the first job and gathers jobs with the same keys across orders into it', async () => {
        const first = await world.book.join(world.joining('o1-job-1', { jobsPerBatch: 3 }, { media: 'Cougar' }));
        const second = await world.book.join(world.joining('o2-job-1', { jobsPerBatch: 3 }, { media: 'Cougar' }));
        expect(first.batch.id).to.equal('B-0001');
        expect(second.batch.id).to.equal('B-0001');
        expect(second.released).to.equal(false);
        const stored = world.store.get(BatchesCollection, 'B-0001')!;
        expect(stored.members.map(member => member.jobId)).to.deep.equal(['o1-job-1', 'o2-job-1']);
        expect(stored.log.map(entry => entry.message)).to.include('Job Business cards for PW-o2 of order PW-o2 joined (2 of 3 jobs)');
    });

    it('never puts jobs differing in a chosen key into one batch', async () => {
        const cougar = await world.book.join(world.joining('o1-job-1', {}, { media: 'Cougar' }));
        const gloss = await world.book.join(world.joining('o1-job-2', {}, { media: 'Gloss' }));
        expect(gloss.batch.id).to.not.equal(cougar.batch.id);
        expect(world.book.openBatchesOf('wf-batch', 'batch-1').map(batch => batch.keys.media)).to.deep.equal(['Cougar', 'Gloss']);
        expect(gloss.batch.log[0].message).to.equal('Opened: Media Gloss');
    });

    it('releases the batch in the write that adds the job filling it, with the reason', async () => {
        await world.book.join(world.joining('o1-job-1', { jobsPerBatch: 3 }));
        await world.book.join(world.joining('o1-job-2', { jobsPerBatch: 3 }));
        const third = await world.book.join(world.joining('o2-job-1', { jobsPerBatch: 3 }));
        expect(third.released).to.equal(true);
        expect(third.batch.state).to.equal('released');
        expect(third.batch.releaseReason).to.equal('3 of 3 jobs');
        expect(third.batch.log.map(entry => entry.message)).to.deep.equal([
            'Opened', ...['PW-o1', 'PW-o1', 'PW-o2'].map((order, index) => `Job Business cards for ${order} of order ${order} joined (${index + 1} of 3 jobs)`), 'Released: 3 of 3 jobs'
        ]);
        // The next job opens a new batch.
        const fourth = await world.book.join(world.joining('o2-job-2', { jobsPerBatch: 3 }));
        expect(fourth.batch.id).to.equal('B-0002');
    });

    it('releases by total copies', async () => {
        await world.setJob('o1-job-1', { copies: 300 });
        await world.setJob('o1-job-2', { copies: 250 });
        expect((await world.book.join(world.joining('o1-job-1', { totalCopies: 500 }))).released).to.equal(false);
        const second = await world.book.join(world.joining('o1-job-2', { totalCopies: 500 }));
        expect(second.released).to.equal(true);
        expect(second.batch.releaseReason).to.equal('550 of 500 copies');
    });

    it('finds the batch that lists a job joining again (a restart), open or released', async () => {
        const first = await world.book.join(world.joining('o1-job-1', { jobsPerBatch: 2 }));
        const again = await world.book.join(world.joining('o1-job-1', { jobsPerBatch: 2 }));
        expect(again.batch.id).to.equal(first.batch.id);
        expect(again.batch.members).to.have.length(1);
        await world.book.join(world.joining('o1-job-2', { jobsPerBatch: 2 }));
        const afterRelease = await world.book.join(world.joining('o1-job-2', { jobsPerBatch: 2 }));
        expect(afterRelease).to.include({ released: true });
        expect(afterRelease.batch.members).to.have.length(2);
    });

    it('opens one batch when jobs join at once', async () => {
        const joined = await Promise.all(['o1-job-1', 'o1-job-2', 'o1-job-3', 'o2-job-1'].map(jobId => world.book.join(world.joining(jobId))));
        expect(new Set(joined.map(({ batch }) => batch.id)).size).to.equal(1);
        expect(world.book.get('B-0001')!.members).to.have.length(4);
    });

    it('releases by hand once, naming who did', async () => {
        await world.book.join(world.joining('o1-job-1'));
        const released = await world.book.release('B-0001', 'by hand', 'olivia');
        expect(released?.releaseReason).to.equal('by hand (olivia)');
        expect(released?.log.at(-1)).to.include({ message: 'Released: by hand (1 job)', by: 'olivia' });
        expect(await world.book.release('B-0001', 'by hand', 'olivia')).to.equal(undefined);
    });

    it('takes jobs out with the reason in words, and keeps an emptied batch open for the next job (its number never given twice)', async () => {
        await world.book.join(world.joining('o1-job-1'));
        await world.book.join(world.joining('o2-job-1'));
        const left = await world.book.removeMembers('B-0001', ['o1-job-1'], 'held');
        expect(left!.members.map(member => member.jobId)).to.deep.equal(['o2-job-1']);
        expect(left!.log.at(-1)!.message).to.equal('Job Business cards for PW-o1 of order PW-o1 left the batch: held (1 job)');
        expect(world.book.batchOf('o1-job-1')).to.equal(undefined);
        const emptied = await world.book.removeMembers('B-0001', ['o2-job-1'], 'deleted');
        expect(emptied).to.include({ state: 'open' }).and.not.have.property('nextReleaseAt');
        expect(emptied!.members).to.deep.equal([]);
        expect(await world.book.release('B-0001', 'by hand')).to.equal(undefined);
        const { batch } = await world.book.join(world.joining('o1-job-2'));
        expect(batch.id).to.equal('B-0001');
    });

    it('splits chosen jobs into a new open batch with the same keys and rules', async () => {
        for (const jobId of ['o1-job-1', 'o1-job-2', 'o2-job-1']) {
            await world.book.join(world.joining(jobId, { jobsPerBatch: 5 }, { media: 'Cougar' }));
        }
        const split = await world.book.split('B-0001', ['o1-job-2', 'o2-job-1'], 'olivia');
        expect(split).to.deep.include({ id: 'B-0002', state: 'open', keys: { media: 'Cougar' } });
        expect(split.rules.jobsPerBatch).to.equal(5);
        expect(split.members.map(member => member.jobId)).to.deep.equal(['o1-job-2', 'o2-job-1']);
        expect(world.book.get('B-0001')!.members.map(member => member.jobId)).to.deep.equal(['o1-job-1']);
        expect(world.book.batchOf('o2-job-1')?.id).to.equal('B-0002');
        expect(await rejection(world.book.split('B-0001', ['o1-job-1'], 'olivia'))).to.match(/not all of them/);
        expect(await rejection(world.book.split('B-0001', ['o2-job-2'], 'olivia'))).to.match(/not in it/);
    });

    it('records an output only for a released batch', async () => {
        await world.book.join(world.joining('o1-job-1'));
        const output = { stepId: 'print-1', printerId: 'printer-1', printerName: 'Printer A', jobName: 'B-0001', fileName: 'B-0001.pdf', jobIds: ['o1-job-1'], requestedAt: new Date().toISOString() };
        expect(await rejection(world.book.recordOutput('B-0001', output))).to.match(/not released/);
        await world.book.release('B-0001', 'by hand', 'olivia');
        expect((await world.book.recordOutput('B-0001', { ...output, deviceJobId: 42 })).output?.deviceJobId).to.equal(42);
    });

    it('numbers on from the highest batch after a restart', async () => {
        await world.book.join(world.joining('o1-job-1', {}, { media: 'A' }));
        await world.book.join(world.joining('o1-job-2', {}, { media: 'B' }));
        const store = await world.temp.reopen();
        const book = inject(new BatchBookImpl(), { store, clock: world.clock, ownership: new EmbeddedWorkOwnership() });
        const { batch } = await book.join({ ...world.joining('o1-job-3', {}, { media: 'C' }) });
        expect(batch.id).to.equal('B-0003');
        expect(book.batchOf('o1-job-1')?.id).to.equal('B-0001');
    });

    it('takes the step\'s lock across servers: jobs joining at once on two servers open one batch', async () => {
        // Two books over one store, as two servers over one database; the ownership's exclusive stands in for its advisory lock.
        const ownership = new FakeWorkOwnership();
        const [here, there] = [0, 1].map(() => inject(new BatchBookImpl(), { store: world.store, clock: world.clock, ownership }));
        const exclusive = sinon.spy(ownership, 'exclusive');
        const joined = await Promise.all([
            here.join(world.joining('o1-job-1', { jobsPerBatch: 5 }, { media: 'Cougar' })),
            there.join(world.joining('o2-job-1', { jobsPerBatch: 5 }, { media: 'Cougar' })),
            here.join(world.joining('o1-job-2', { jobsPerBatch: 5 }, { media: 'Cougar' }))
        ]);
        expect(new Set(joined.map(each => each.batch.id))).to.deep.equal(new Set(['B-0001']));
        expect(world.store.get(BatchesCollection, 'B-0001')!.members).to.have.length(3);
        expect(exclusive.getCalls().map(call => call.args[0])).to.deep.equal(Array(3).fill('batch-step:wf-batch/batch-1'));
    });
});
