import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { CloseoutOrderActivityContribution } from './closeout-order-activity';
import { CloseoutOrderActivity } from '../common/closeout-activity';
import { CloseoutFixture, WAITING_JOB, storedOrder } from './test/closeout-fixture';
import { ScriptedStore, line, receivedOrder } from './test/scripted-store';
import { ScriptedWorkOwnership, orderIdIn } from '@presswork/platform/lib/node/cluster/test/scripted-work-ownership';
import { shipToFlag } from '@presswork/platform/lib/common/ship-to';

describe('Closeout Order activity and the release of waiting jobs', () => {
    let fixture: CloseoutFixture;

    beforeEach(async () => {
        fixture = await CloseoutFixture.open({ connectionType: new ScriptedStore() });
    });

    afterEach(() => fixture.remove());

    describe('the activity', () => {
        const activity = new CloseoutOrderActivityContribution();

        const AUSTIN = { address1: '9 Other St', city: 'Austin', state: 'TX', zip: '73301', country: 'US' };
        /** Two lines to two addresses, flagged as intake writes it. */
        const severalAddresses = { lineItems: [line('L1'), line('L2', { shipping: { address: AUSTIN } })] };

        function context(closed: boolean, overrides: Parameters<typeof receivedOrder>[0] = {}): Parameters<CloseoutOrderActivityContribution['execute']>[0] {
            const received = receivedOrder(overrides);
            const order = { ...storedOrder(received, 'order-1', 'conn-1'), ...shipToFlag(received), version: 1, closed };
            return {
                job: order.jobs[0], order, step: { id: 'complete-closeout-order', activity: 'closeout-order', properties: {} }, properties: {},
                jobFolder: '/x', signal: new AbortController().signal, log: async () => undefined, setState: async () => undefined,
                recordPrinting: async () => undefined
            };
        }

        it('is the shared definition: Closeout Order, in the Print and Complete phases, without properties', () => {
            assert.deepEqual([activity.type, activity.label, activity.allowedPhases, activity.fields], ['closeout-order', 'Closeout Order', ['Print', 'Complete'], []]);
            assert.equal(activity.propertiesSchema, CloseoutOrderActivity.propertiesSchema);
            assert.deepEqual(activity.propertiesSchema.parse({}), {});
        });

        it('keeps a job of an open order waiting for the closeout, with the reason Complete and Retain refuse with', async () => {
            assert.deepEqual(await activity.execute(context(false)), { kind: 'wait', state: 'Waiting for order closeout', reason: 'Order 1001 is not closed' });
        });

        it('lets a job of a closed order go straight on', async () => {
            assert.deepEqual(await activity.execute(context(true)), { kind: 'continue' });
            assert.deepEqual(await activity.execute(context(true, severalAddresses)), { kind: 'continue' });
        });

        it('sends a job of an open order shipping to several addresses on to Retain: it is closed out in MarcomCentral', async () => {
            assert.deepEqual(await activity.execute(context(false, severalAddresses)),
                { kind: 'retain', reason: 'Close out in MarcomCentral: order 1001 ships to 2 addresses; the job goes on to Retain' });
        });

        it('refuses Complete and Retain while the order is open, except for an order closed out in MarcomCentral', () => {
            const open = context(false);
            assert.equal(activity.finishRefusal({ ...open.job, state: 'Waiting for order closeout', waitReason: 'Order 1001 is not closed' }, open.order), 'Order 1001 is not closed');
            const elsewhere = context(false, severalAddresses);
            assert.equal(activity.finishRefusal({ ...elsewhere.job, state: 'Waiting for order closeout' }, elsewhere.order), undefined);
        });
    });

    describe('WaitingJobReleaser', () => {
        it('releases, at start, the jobs still waiting on orders closed before a stop; leaves open orders alone', async () => {
            await fixture.store.create(OrdersCollection, { ...storedOrder(receivedOrder(), 'closed-1', 'conn-1'), closed: true, closeout: { closedBy: 'olivia' } });
            await fixture.store.create(OrdersCollection, storedOrder(receivedOrder({ marcomOrderId: 'M-2', orderNumber: '1002' }), 'open-1', 'conn-1'));

            await fixture.releaser.start();

            assert.deepEqual(fixture.jobFlow.continued.map(call => [call.jobId, call.by]), [['closed-1-job-1', 'olivia'], ['closed-1-job-2', 'olivia']]);
            assert.deepEqual(fixture.order('open-1').jobs.map(job => job.state), ['Waiting for order closeout', 'Waiting for order closeout']);
        });

        it('releases a job that reaches the step of an order closed meanwhile, once', async () => {
            await fixture.store.create(OrdersCollection, {
                ...storedOrder(receivedOrder(), 'order-1', 'conn-1', ['Printing', 'Waiting for order closeout']), closed: true, closeout: { closedBy: 'sam' }
            });
            await fixture.releaser.start();
            assert.deepEqual(fixture.jobFlow.continued.map(call => call.jobId), ['order-1-job-2']);

            // The engine writes job 1 as waiting after it read the order still open.
            await fixture.store.modify(OrdersCollection, 'order-1', order => ({
                ...order, jobs: order.jobs.map(job => job.id === 'order-1-job-1' ? { ...job, ...WAITING_JOB } : job)
            }));
            await delay(50);

            assert.deepEqual(fixture.jobFlow.continued.map(call => call.jobId), ['order-1-job-2', 'order-1-job-1']);
            assert.deepEqual(fixture.order().jobs.map(job => job.state), ['Queued', 'Queued']);
        });

        it('with several servers, releases the jobs of owned orders only, and those of a partition when it is gained', async () => {
            const ownership = new ScriptedWorkOwnership('a', [5]);
            const mine = orderIdIn(5, 'mine');
            const theirs = orderIdIn(21, 'theirs');
            await fixture.remove();
            fixture = await CloseoutFixture.open({ connectionType: new ScriptedStore(), ownership });
            await fixture.store.create(OrdersCollection, { ...storedOrder(receivedOrder(), theirs, 'conn-1'), closed: true, closeout: { closedBy: 'olivia' } });
            await fixture.store.create(OrdersCollection, { ...storedOrder(receivedOrder({ marcomOrderId: 'M-2', orderNumber: '1002' }), mine, 'conn-1'), closed: true });
            await fixture.releaser.idle();
            assert.deepEqual(fixture.jobFlow.continued.map(call => call.jobId), [`${mine}-job-1`, `${mine}-job-2`]);

            ownership.gain(21);
            await fixture.releaser.idle();
            assert.deepEqual(fixture.jobFlow.continued.map(call => call.jobId).slice(2), [`${theirs}-job-1`, `${theirs}-job-2`]);
        });

        it('never releases a job that waits at another step', async () => {
            await fixture.store.create(OrdersCollection, {
                ...storedOrder(receivedOrder(), 'order-1', 'conn-1', ['Waiting', 'Waiting for order closeout']), closed: true
            });
            await fixture.releaser.start();
            assert.deepEqual(fixture.jobFlow.continued.map(call => [call.jobId, call.by]), [['order-1-job-2', 'Presswork']]);
        });
    });
});
