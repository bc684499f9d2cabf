import { expect } from 'chai';
import { WAITING_FOR_BATCH } from '@presswork/platform/lib/common/job-status';
import { activityContext, logText } from '@presswork/platform/lib/node/test/activity-context';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { BatchActivityContribution } from './batch-activity-contribution';
import { batchProperties, batchWorld, STEP_ID, type BatchWorld } from './test/batch-fixture';

describe('BatchActivityContribution', () => {
    let world: BatchWorld;
    let activity: BatchActivityContribution;

    beforeEach(async () => {
        world = await batchWorld();
        await world.addOrder('o1', 1, { properties: { media: 'Cougar' } });
        await world.addOrder('o2', 1, { properties: { media: 'Cougar' } });
        await world.addOrder('o3', 1, { properties: { media: 'Gloss' } });
        activity = inject(new BatchActivityContribution(), { book: world.book, clock: world.clock });
    });

    afterEach(() => world.dispose());

    function run(orderId: string) {
        const job = world.job(`${orderId}-job-1`)!;
        const context = activityContext(batchProperties({ jobsPerBatch: 2, groupBy: ['media'] }), {
            job, order: world.store.get(OrdersCollection, orderId), step: { id: STEP_ID, activity: 'batch', properties: {} }, jobFolder: world.temp.path
        });
        return { context, outcome: activity.execute(context) };
    }

    it('waits in Waiting for batch, naming the batch and its fill', async () => {
        expect(await run('o1').outcome).to.deep.equal({ kind: 'wait', state: WAITING_FOR_BATCH, reason: 'Batch B-0001: 1 of 2 jobs', batchId: 'B-0001' });
        // Another medium: another batch.
        expect(await run('o3').outcome).to.include({ batchId: 'B-0002' });
    });

    it('goes on at once when its join fills the batch', async () => {
        await run('o1').outcome;
        const { context, outcome } = run('o2');
        expect(await outcome).to.deep.equal({ kind: 'continue', batchId: 'B-0001' });
        expect(logText(context)).to.equal('Released with batch B-0001: 2 of 2 jobs');
    });
});
