import * as assert from 'node:assert/strict';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { WorkflowEngine } from '@presswork/workflow/lib/node/engine/workflow-engine';
import type { CloseoutFixture } from './test/closeout-fixture';
import { addWaitingOrder, openWithEngine, releasedJobByJob, watchRelease } from './test/engine-release';
import { ScriptedStore, line, receivedOrder } from './test/scripted-store';

const LINES = 50;

describe('Release of a closed order\'s jobs through the workflow engine', () => {
    let fixture: CloseoutFixture;
    let engine: WorkflowEngine;

    beforeEach(async () => {
        ({ fixture, engine } = await openWithEngine({ connectionType: new ScriptedStore() }));
    });

    afterEach(async () => {
        await engine.stop();
        await fixture.remove();
    });

    it('releases at start, in one write, the jobs of an order closed before a stop', async () => {
        const lineItems = Array.from({ length: LINES }, (_, index) => line(`L${index + 1}`));
        const order = await addWaitingOrder(fixture, receivedOrder({ lineItems }), 'order-1');
        // As a kill right after the closing write: the order closed, its jobs still waiting.
        fixture.releaser.onStop();
        await fixture.store.modify(OrdersCollection, order.id, current => ({ ...current, closed: true, closeout: { closedBy: 'sam' } }));
        await engine.stop();
        await fixture.close();
        const version = fixture.order('order-1').version;

        ({ fixture, engine } = await openWithEngine({ connectionType: new ScriptedStore(), folder: fixture.folder }));

        assert.equal(fixture.order('order-1').version, version + 1, 'one write released them all');
        assert.deepEqual(fixture.order('order-1').jobs.map(job => [job.state, job.log.at(-2)?.by]), lineItems.map(() => ['Complete', 'sam']));
    });

    it(`moves on all ${LINES} jobs of an order in one write of it once closeOut has closed the order`, async function () {
        // The baseline's 50 writes of a 50-job order take seconds on a busy machine.
        this.timeout(60_000);
        const lineItems = Array.from({ length: LINES }, (_, index) => line(`L${index + 1}`));
        await addWaitingOrder(fixture, receivedOrder({ lineItems }), 'order-1');
        await addWaitingOrder(fixture, receivedOrder({ marcomOrderId: 'M-1002', orderNumber: '1002', lineItems }), 'order-2');
        const released = watchRelease(fixture.store, 'order-1');

        const progress = await fixture.runner.closeOut('order-1', {
            packingSlip: { packingSlipNumber: 'PS-1001', shipDate: '2026-11-26', carrierName: 'UPS', trackingNumber: '1Z999' },
            invoice: { invoiceNumber: 'INV-1001', invoiceDate: '2026-11-26' }
        }, 'olivia');
        const answeredAt = performance.now();
        const timing = await released;
        await fixture.runner.idle();
        await engine.idle();
        // The release as it was, one write a job, of an order of the same shape in the same run.
        const baselineMs = await releasedJobByJob(engine, fixture.store, 'order-2', 'olivia');

        assert.equal(progress.closed, true);
        assert.equal(timing.releaseWrites, 1, 'one write released them all');
        for (const job of fixture.order('order-1').jobs) {
            assert.equal(job.state, 'Complete', job.id);
            assert.equal(job.log.find(entry => entry.message === 'Order closed out; released by olivia')?.by, 'olivia');
        }
        assert.deepEqual(fixture.order('order-2').jobs.map(job => job.state), lineItems.map(() => 'Complete'));
        const ms = (value: number): string => `${value.toFixed(1)} ms`;
        const afterAnswer = timing.releasedAt - answeredAt;
        console.info(`      ${LINES}-job order: ${afterAnswer > 0 ? `released ${ms(afterAnswer)} after closeOut answered` : 'released before closeOut answered'}, ` +
            `${ms(timing.releasedAt - timing.closedAt)} after the closing write (baseline: one write per job ${ms(baselineMs)})`);
    });
});
