import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import { OrderView, RunningSimulator, SAMPLE_ORDERS, startSimulator } from '@presswork/marcomcentral-simulator';
import { MarcomCentralClient } from '@presswork/connections/lib/node/marcomcentral';
import { MarcomCentralConnectionType } from '@presswork/connections/lib/node/marcomcentral-connection-type';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { CloseoutInput, CloseoutProgress } from '../common/closeout-protocol';
import { CloseoutsCollection } from './closeout-collections';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { CloseoutFixture } from './test/closeout-fixture';

/**
 * The closeout backend with the real MarcomCentral connection type against the real simulator,
 * faults included: every required part lands in the store once, and a card is captured once.
 */
describe('closeout against the simulator', function () {
    this.timeout(30_000);

    const CLIENT_TIMEOUT_MS = 1_500;
    let simulator: RunningSimulator;
    let fixture: CloseoutFixture;
    let type: MarcomCentralConnectionType;
    let sequence = 0;

    before(async () => {
        simulator = await startSimulator({ now: '2026-11-26T08:00:00-08:00', closeoutToken: 'sim-closeout-token-77' });
    });

    after(() => simulator?.close());

    beforeEach(async () => {
        type = new MarcomCentralConnectionType();
        fixture = await CloseoutFixture.open({ connectionType: type });
        await useSimulator(fixture);
    });

    afterEach(() => fixture.remove());

    async function useSimulator(target: CloseoutFixture): Promise<void> {
        inject(type, { secrets: target.secrets, client: new MarcomCentralClient({ timeoutMs: CLIENT_TIMEOUT_MS }) });
        await target.store.modify(ConnectionsCollection, 'conn-1', connection => ({
            ...connection,
            endpointUrl: simulator.url,
            orderToken: target.secrets.seal(simulator.orderToken),
            closeoutToken: target.secrets.seal(simulator.closeoutToken)
        }));
    }

    /** Places the order in the store and takes it in as intake would (one job a line, waiting at Closeout Order). */
    async function place(sample: keyof typeof SAMPLE_ORDERS = 'cardSingleShipTo'): Promise<{ placed: OrderView; id: string }> {
        const placed = await simulator.placeOrder(SAMPLE_ORDERS[sample]);
        const fetched = await type.fetchOrder(fixture.connection, placed.OrderNumber);
        assert.equal(fetched.orders.length, 1, JSON.stringify(fetched.rejected));
        const id = `order-${++sequence}`;
        await fixture.addOrder(fetched.orders[0], id);
        return { placed, id };
    }

    function input(id: string): CloseoutInput {
        const number = fixture.order(id).orderNumber;
        return {
            packingSlip: { packingSlipNumber: `PS-${number}`, shipDate: '2026-11-26', carrierName: 'UPS', trackingNumber: `1Z-${number}` },
            invoice: { invoiceNumber: `INV-${number}`, invoiceDate: '2026-11-26' }
        };
    }

    function inStore(placed: OrderView): { slips: number; invoices: number; captures: number; status: string } {
        const view = simulator.order(placed.ID)!;
        return { slips: view.PackingSlips.length, invoices: view.Invoices.length, captures: view.CaptureCount, status: view.Status };
    }

    function statuses(progress: CloseoutProgress): string[] {
        return [progress.parts.packingSlip.status, progress.parts.invoice.status, progress.parts.settlement.status];
    }

    it('closes a card order out: one packing slip, one invoice, one capture; the jobs are released', async () => {
        const { placed, id } = await place();
        const progress = await fixture.runner.closeOut(id, input(id), 'olivia');
        await fixture.runner.idle();

        assert.deepEqual(statuses(progress), ['done', 'done', 'done']);
        assert.equal(progress.closed, true);
        assert.deepEqual(inStore(placed), { slips: 1, invoices: 1, captures: 1, status: 'Closed' });
        const view = simulator.order(placed.ID)!;
        assert.equal(fixture.order(id).closeout?.settlementReference, view.Settlements[0].ID);
        assert.equal(progress.parts.packingSlip.referenceId, view.PackingSlips[0].ID);
        assert.equal(progress.parts.invoice.referenceId, view.Invoices[0].ID);
        assert.deepEqual(fixture.order(id).jobs.map(job => job.state), placed.OrderDetails.map(() => 'Queued'));
    });

    it('closes a purchase-order order without a settlement', async () => {
        const { placed, id } = await place('purchaseOrder');
        const progress = await fixture.runner.closeOut(id, input(id), 'olivia');
        assert.deepEqual(statuses(progress), ['done', 'done', 'not-required']);
        assert.deepEqual(inStore(placed), { slips: 1, invoices: 1, captures: 0, status: 'Closed' });
    });

    for (const [operation, part] of [['CreatePackingSlipByOrder', 0], ['CreateInvoiceByLineItem', 1], ['SettleByOrder', 2]] as const) {
        it(`HTTP 500 at ${operation}: the attempt stops there, the retry finishes; everything once`, async () => {
            const { placed, id } = await place();
            simulator.injectFault({ operation, mode: 'http500' });

            const failed = await fixture.runner.closeOut(id, input(id), 'olivia');
            assert.equal(statuses(failed)[part], 'failed');
            assert.deepEqual(statuses(failed).slice(0, part), Array(part).fill('done'));
            assert.equal(failed.closed, false);
            assert.deepEqual(fixture.jobFlow.continued, [], 'no job released before every part is done');

            const retried = await fixture.runner.closeOut(id, input(id), 'olivia');
            await fixture.runner.idle();
            assert.deepEqual(statuses(retried), ['done', 'done', 'done']);
            assert.deepEqual(inStore(placed), { slips: 1, invoices: 1, captures: 1, status: 'Closed' });
            assert.equal(fixture.jobFlow.continued.length, placed.OrderDetails.length);
        });
    }

    it('an expired authorization (403) stops at the settlement with the reason; nothing is captured, the order stays open', async () => {
        const { placed, id } = await place('expiredCard');
        const failed = await fixture.runner.closeOut(id, input(id), 'olivia');

        assert.deepEqual(statuses(failed), ['done', 'done', 'failed']);
        assert.equal(failed.parts.settlement.code, 403);
        assert.match(failed.parts.settlement.message ?? '', /card authorization expired or was declined/);
        await fixture.runner.idle();
        assert.equal(inStore(placed).captures, 0);
        assert.equal(fixture.order(id).closed, false);
        assert.deepEqual(fixture.jobFlow.continued, []);
    });

    it('a declined capture (code 403 injected) is retried once the card is good again, and captures once', async () => {
        const { placed, id } = await place();
        simulator.injectFault({ operation: 'SettleByOrder', mode: 'code', code: 403 });
        const failed = await fixture.runner.closeOut(id, input(id), 'olivia');
        assert.deepEqual([statuses(failed)[2], failed.parts.settlement.code], ['failed', 403]);

        const retried = await fixture.runner.closeOut(id, input(id), 'olivia');
        assert.equal(retried.closed, true);
        assert.equal(inStore(placed).captures, 1);
    });

    for (const operation of ['CreatePackingSlipByOrder', 'CreateInvoiceByLineItem', 'SettleByOrder'] as const) {
        it(`a timeout at ${operation} after the store applied it: the retry's code 5 counts as done, nothing twice`, async () => {
            const { placed, id } = await place();
            simulator.injectFault({ operation, mode: 'timeout' });

            const failed = await fixture.runner.closeOut(id, input(id), 'olivia');
            assert.ok(statuses(failed).includes('failed'));
            assert.equal(failed.closed, false);

            const retried = await fixture.runner.closeOut(id, input(id), 'olivia');
            assert.deepEqual(statuses(retried), ['done', 'done', 'done']);
            const repeated = operation === 'CreatePackingSlipByOrder' ? retried.parts.packingSlip : operation === 'CreateInvoiceByLineItem' ? retried.parts.invoice : retried.parts.settlement;
            assert.equal(repeated.code, 5, 'the store reported the repeat as already done');
            assert.deepEqual(inStore(placed), { slips: 1, invoices: 1, captures: 1, status: 'Closed' });
        });
    }

    it('a backend killed while a part was out resumes it after the restart, with the same numbers', async () => {
        const { placed, id } = await place();
        const numbers = input(id);
        // What a kill leaves: the slip applied by the store, the closeout document still "sending", the lock held.
        await type.createPackingSlip(fixture.connection, {
            marcomOrderId: placed.ID, packingSlipNumber: numbers.packingSlip.packingSlipNumber, shipDate: '2026-11-26T12:00:00.000Z',
            carrierName: 'UPS', trackingNumber: numbers.packingSlip.trackingNumber
        });
        const since = new Date(Date.now() - 1000).toISOString();
        await fixture.store.create(CloseoutsCollection, {
            id, orderNumber: fixture.order(id).orderNumber, input: numbers, closed: false,
            // Expired: with PostgreSQL (several servers) a dead server's lock is taken over once it expired; the embedded store takes it at once.
            running: { by: 'olivia', since, owner: 'the-killed-backend', expiresAt: since }, pendingLog: [],
            attempts: [{ by: 'olivia', startedAt: since, events: [] }],
            parts: { packingSlip: { status: 'sending', sent: true, at: since }, invoice: { status: 'pending', sent: false }, settlement: { status: 'pending', sent: false } }
        });
        const folder = fixture.folder;
        await fixture.close();
        fixture = await CloseoutFixture.open({ connectionType: type, folder, owner: 'restarted' });
        await useSimulator(fixture);

        const other = { ...numbers, packingSlip: { ...numbers.packingSlip, packingSlipNumber: 'PS-TYPED-AGAIN' } };
        const resumed = await fixture.runner.closeOut(id, other, 'sam');

        assert.deepEqual(statuses(resumed), ['done', 'done', 'done']);
        assert.equal(resumed.parts.packingSlip.code, 5);
        assert.equal(fixture.order(id).closeout?.packingSlipNumber, numbers.packingSlip.packingSlipNumber);
        assert.deepEqual(inStore(placed), { slips: 1, invoices: 1, captures: 1, status: 'Closed' });
    });

    it('two operators at once: the second is told who is closing the order out; the store sees one closeout', async () => {
        const { placed, id } = await place();
        simulator.injectFault({ operation: 'CreatePackingSlipByOrder', mode: 'timeout' });

        const first = fixture.runner.closeOut(id, input(id), 'olivia');
        while (!fixture.closeout(id)?.running) {
            await delay(5);
        }
        await assert.rejects(fixture.runner.closeOut(id, input(id), 'sam'), { message: /^olivia is closing out order \S+ since \d\d:\d\d$/ });
        await first;

        const done = await fixture.runner.closeOut(id, input(id), 'sam');
        assert.equal(done.closed, true);
        assert.deepEqual(inStore(placed), { slips: 1, invoices: 1, captures: 1, status: 'Closed' });
    });
});
