import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as sinon from 'sinon';
import { ApplicationError } from '@theia/core/lib/common/application-error';
import type { ConnectionTypeContribution } from '@presswork/platform/lib/common/connection-type-contribution';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { CloseoutsCollection } from './closeout-collections';
import { clockTime } from './closeout-runner';
import { CloseoutFixture } from './test/closeout-fixture';
import { closeoutInput, refusal } from './test/closeout-input';
import { ScriptedStore, answer, line, receivedOrder } from './test/scripted-store';

const NOW = new Date('2026-11-26T12:00:00.000Z');

const input = closeoutInput;

describe('CloseoutRunner', () => {
    let store: ScriptedStore;
    let fixture: CloseoutFixture;
    let now: Date;

    beforeEach(async () => {
        store = new ScriptedStore();
        now = NOW;
        fixture = await CloseoutFixture.open({ connectionType: store, now: () => now });
    });

    afterEach(() => fixture.remove());

    describe('prepare', () => {
        it('proposes PS-/INV-<order number>, today, the lines\' carrier; settlement for card orders', async () => {
            await fixture.addOrder(receivedOrder());
            const preparation = await fixture.runner.prepare('order-1');
            const today = `${NOW.getFullYear()}-${String(NOW.getMonth() + 1).padStart(2, '0')}-${String(NOW.getDate()).padStart(2, '0')}`;
            assert.deepEqual(preparation.proposal, {
                packingSlip: { packingSlipNumber: 'PS-1001', shipDate: today, carrierName: 'UPS Ground' },
                invoice: { invoiceNumber: 'INV-1001', invoiceDate: today }
            });
            assert.equal(preparation.settlementRequired, true);
            assert.equal(preparation.blocked, undefined);
            assert.deepEqual(preparation.notReady, []);
            assert.equal(preparation.progress.parts.settlement.status, 'pending');
        });

        it('proposes no carrier when the lines name none, and no settlement for other payment methods', async () => {
            await fixture.addOrder(receivedOrder({ paymentMethod: 'PurchaseOrder', creditCard: undefined, lineItems: [line('L1', { shipping: undefined })] }));
            const preparation = await fixture.runner.prepare('order-1');
            assert.equal(preparation.proposal.packingSlip.carrierName, '');
            assert.equal(preparation.settlementRequired, false);
            assert.equal(preparation.progress.parts.settlement.status, 'not-required');
        });

        it('lists the jobs neither waiting for closeout nor finished', async () => {
            await fixture.addOrder(receivedOrder({ lineItems: [line('L1'), line('L2'), line('L3'), line('L4')] }), 'order-1',
                ['Printing', 'Waiting for order closeout', 'Retained', 'Held']);
            const { notReady } = await fixture.runner.prepare('order-1');
            assert.deepEqual(notReady.map(job => [job.jobId, job.state]), [['order-1-job-1', 'Printing'], ['order-1-job-4', 'Held']]);
        });

        it('counts a line item without a job as not ready, named by its product', async () => {
            await fixture.addOrder(receivedOrder({ lineItems: [line('L1'), line('L2')] }), 'order-1', ['Printing']);
            await fixture.store.modify(OrdersCollection, 'order-1', order => ({ ...order, jobs: order.jobs.slice(0, 1) }));
            const { notReady } = await fixture.runner.prepare('order-1');
            assert.deepEqual(notReady, [
                { lineItemId: 'L1', name: 'Product L1 1', jobId: 'order-1-job-1', state: 'Printing' },
                { lineItemId: 'L2', name: 'Product L2' }
            ]);
        });

        it('counts a line a refresh found as not ready until its job waits for closeout', async () => {
            await fixture.addOrder(receivedOrder());
            store.fetchOrder.resolves({ orders: [receivedOrder({ lineItems: [line('L1'), line('L2'), line('L3')] })], rejected: [] });
            await fixture.refresher.refresh('order-1', 'olivia');
            const { notReady } = await fixture.runner.prepare('order-1');
            assert.deepEqual(notReady.map(item => [item.lineItemId, item.state]), [['L3', 'Held']]);
        });

        it('is blocked, before anything is sent, for a card order without an authorization number', async () => {
            const reason = 'Order 1001 is paid by credit card but has no card authorization number, so it cannot be settled and nothing is sent. '
                + 'Refresh the order once MarcomCentral has the authorization, or close it out in MarcomCentral';
            await fixture.addOrder(receivedOrder({ creditCard: { cardType: 'Visa', authorizationNumber: ' ' } }));
            assert.equal((await fixture.runner.prepare('order-1')).blocked, reason);
            await assert.rejects(fixture.runner.closeOut('order-1', input(), 'olivia'), { message: reason });
            await fixture.store.modify(OrdersCollection, 'order-1', order => ({ ...order, creditCard: undefined }));
            await assert.rejects(fixture.runner.closeOut('order-1', input(), 'olivia'), { message: reason });
            assert.deepEqual([store.createPackingSlip.callCount, store.createInvoice.callCount, store.settle.callCount], [0, 0, 0]);
            assert.equal(fixture.closeout(), undefined, 'no attempt was even opened');
        });

        it('lets an order without a ship-to address be closed out: a warning, not a block', async () => {
            await fixture.addOrder(receivedOrder({ shippingAddress: undefined }));
            const preparation = await fixture.runner.prepare('order-1');
            assert.deepEqual([preparation.blocked, preparation.details.shipTo], [undefined, []]);
            assert.equal((await fixture.runner.closeOut('order-1', input(), 'olivia')).closed, true);
        });

        it('is blocked for an order shipping to several addresses, a closed order, and a store that cannot close out', async () => {
            const other = { address1: '9 Other St', city: 'Austin', state: 'TX', zip: '73301', country: 'US' };
            await fixture.addOrder(receivedOrder({ lineItems: [line('L1'), line('L2', { shipping: { address: other } })] }), 'order-2');
            const severalAddresses = 'Close out in MarcomCentral: order 1001 ships to 2 addresses, and Presswork closes out an order to one address only. '
                + 'Its jobs go on to Retain when they reach Closeout Order.';
            assert.equal((await fixture.runner.prepare('order-2')).blocked, severalAddresses);
            await assert.rejects(fixture.runner.closeOut('order-2', input(), 'olivia'), { message: severalAddresses });
            assert.equal(store.createPackingSlip.callCount, 0);

            await fixture.addOrder(receivedOrder({ orderNumber: '1003', marcomOrderId: 'M-1003' }), 'order-3');
            await fixture.store.modify(OrdersCollection, 'order-3', order => ({ ...order, closed: true }));
            assert.equal((await fixture.runner.prepare('order-3')).blocked, 'Order 1003 is already closed');

            const readOnly: ConnectionTypeContribution = {
                type: 'MarcomCentral', label: 'Read only', test: store.test, fetchOrders: store.fetchOrders, fetchOrder: store.fetchOrder, downloadFile: store.downloadFile
            };
            const plain = await CloseoutFixture.open({ connectionType: readOnly, now: () => now });
            try {
                await plain.addOrder(receivedOrder());
                assert.match((await plain.runner.prepare('order-1')).blocked ?? '', /cannot be closed out from Presswork/);
            } finally {
                await plain.remove();
            }
        });

        it('proposes a number another order\'s closeout has not taken, and refuses one it has', async () => {
            await fixture.addOrder(receivedOrder());
            await fixture.addOrder(receivedOrder({ marcomOrderId: 'M-2' }), 'order-2');
            store.createPackingSlip.resolves(answer('failed', 201));
            await fixture.runner.closeOut('order-2', input(), 'olivia');

            const { proposal } = await fixture.runner.prepare('order-1');
            assert.deepEqual([proposal.packingSlip.packingSlipNumber, proposal.invoice.invoiceNumber], ['PS-1001-2', 'INV-1001-2']);
            assert.equal(await refusal(fixture.runner.closeOut('order-1', input({ slip: { packingSlipNumber: 'ps-1001' } }), 'sam')),
                'Packing slip number ps-1001 is already used by order 1001');
        });

        it('proposes the numbers fixed by an earlier attempt', async () => {
            await fixture.addOrder(receivedOrder());
            store.createInvoice.resolves(answer('failed', 202));
            await fixture.runner.closeOut('order-1', input({ slip: { packingSlipNumber: 'SHIP-7' }, invoice: { invoiceNumber: 'BILL-7' } }), 'olivia');
            const { proposal } = await fixture.runner.prepare('order-1');
            assert.deepEqual([proposal.packingSlip.packingSlipNumber, proposal.invoice.invoiceNumber], ['SHIP-7', 'BILL-7']);
        });
    });

    describe('closeOut', () => {
        beforeEach(() => fixture.addOrder(receivedOrder()));

        it('checks its input', async () => {
            await assert.rejects(fixture.runner.closeOut('order-1', input({ slip: { packingSlipNumber: ' ' } }), 'olivia'), /packingSlip\.packingSlipNumber/);
            await assert.rejects(fixture.runner.closeOut('order-1', input({ invoice: { invoiceDate: '26/11/2026' } }), 'olivia'), /invoice\.invoiceDate/);
            assert.equal(store.createPackingSlip.callCount, 0);
        });

        it('sends packing slip, invoice and settlement in order, each marked sending before it leaves and recorded before the next', async () => {
            const seen: string[] = [];
            const states = (): string => {
                const parts = fixture.closeout()!.parts;
                return `${parts.packingSlip.status}/${parts.invoice.status}/${parts.settlement.status}`;
            };
            store.createPackingSlip.callsFake(async () => {
                seen.push(`slip ${states()}`);
                return answer('success', 1, ['SLIP-1']);
            });
            store.createInvoice.callsFake(async () => {
                seen.push(`invoice ${states()}`);
                return answer('success', 1, ['INV-REF-1']);
            });
            store.settle.callsFake(async () => {
                seen.push(`settle ${states()}`);
                return answer('success', 1, ['CAPTURE-1']);
            });

            const progress = await fixture.runner.closeOut('order-1', input(), 'olivia');

            assert.deepEqual(seen, ['slip sending/pending/pending', 'invoice done/sending/pending', 'settle done/done/sending']);
            assert.deepEqual(store.createPackingSlip.firstCall.args[1], {
                marcomOrderId: 'M-1001', packingSlipNumber: 'PS-1001', shipDate: '2026-11-26T12:00:00.000Z', carrierName: 'UPS', trackingNumber: '1Z999'
            });
            assert.deepEqual(store.createInvoice.firstCall.args[1], { invoiceNumber: 'INV-1001', invoiceDate: '2026-11-26T12:00:00.000Z', lineItemIds: ['L1', 'L2'] });
            assert.deepEqual(store.settle.firstCall.args[1], { marcomOrderId: 'M-1001' });
            assert.deepEqual([progress.closed, progress.closedBy, progress.runningBy], [true, 'olivia', undefined]);
            assert.deepEqual(Object.values(progress.parts).map(part => [part.status, part.referenceId]), [['done', 'SLIP-1'], ['done', 'INV-REF-1'], ['done', 'CAPTURE-1']]);
        });

        it('closes the order with its record and releases every job waiting at Closeout Order, only then', async () => {
            await fixture.runner.closeOut('order-1', input(), 'olivia');
            await fixture.runner.idle();
            const order = fixture.order();
            assert.equal(order.closed, true);
            assert.deepEqual(order.closeout, {
                packingSlipNumber: 'PS-1001', invoiceNumber: 'INV-1001', settlementReference: 'CAPTURE-1', closedBy: 'olivia', closedAt: NOW.toISOString()
            });
            assert.deepEqual(fixture.jobFlow.continued, [
                { jobId: 'order-1-job-1', by: 'olivia', atActivity: ActivityTypes.closeoutOrder },
                { jobId: 'order-1-job-2', by: 'olivia', atActivity: ActivityTypes.closeoutOrder }
            ]);
            assert.deepEqual(order.jobs.map(job => job.state), ['Queued', 'Queued']);
            assert.equal(fixture.closeout()!.closed, true);
            assert.equal(fixture.closeout()!.attempts[0].outcome, 'closed');
        });

        it('needs no settlement for an order not paid by card', async () => {
            await fixture.addOrder(receivedOrder({ marcomOrderId: 'M-PO', orderNumber: 'PO-1', paymentMethod: 'PurchaseOrder', creditCard: undefined }), 'order-po');
            const progress = await fixture.runner.closeOut('order-po', input({ slip: { packingSlipNumber: 'PS-PO' }, invoice: { invoiceNumber: 'INV-PO' } }), 'olivia');
            assert.equal(store.settle.callCount, 0);
            assert.deepEqual([progress.parts.settlement.status, progress.closed], ['not-required', true]);
            assert.equal(fixture.order('order-po').closeout?.settlementReference, undefined);
        });

        it('stops at a failed part, keeps the order open and its jobs waiting; a retry never sends a done part again', async () => {
            store.createInvoice.onFirstCall().resolves(answer('failed', 402, [], 'Order not fully shipped'));
            const failed = await fixture.runner.closeOut('order-1', input(), 'olivia');
            assert.deepEqual([failed.parts.packingSlip.status, failed.parts.invoice.status, failed.parts.settlement.status], ['done', 'failed', 'pending']);
            assert.equal(failed.parts.invoice.code, 402);
            assert.match(failed.parts.invoice.message ?? '', /MarcomCentral refused the invoice \(code 402\): Order not fully shipped/);
            assert.equal(store.settle.callCount, 0);
            assert.equal(fixture.order().closed, false);
            assert.deepEqual(fixture.jobFlow.continued, []);
            assert.equal(failed.runningBy, undefined, 'the lock is released');

            const retried = await fixture.runner.closeOut('order-1', input(), 'sam');
            await fixture.runner.idle();
            assert.equal(fixture.jobFlow.continued.length, 2);
            assert.equal(store.createPackingSlip.callCount, 1, 'the packing slip is never sent again');
            assert.equal(store.createInvoice.callCount, 2);
            assert.equal(retried.closed, true);
            assert.equal(fixture.order().closeout?.closedBy, 'sam');
        });

        it('records a transport error as failed with its message and sends the part again, same numbers, next time', async () => {
            store.createPackingSlip.onFirstCall().rejects(new Error('MarcomCentral answered HTTP 500'));
            const failed = await fixture.runner.closeOut('order-1', input(), 'olivia');
            assert.deepEqual([failed.parts.packingSlip.status, failed.parts.packingSlip.code], ['failed', undefined]);
            assert.equal(failed.parts.packingSlip.message, 'MarcomCentral did not answer: MarcomCentral answered HTTP 500');

            await fixture.runner.closeOut('order-1', input({ slip: { packingSlipNumber: 'PS-OTHER', carrierName: 'FedEx' } }), 'olivia');
            assert.deepEqual(store.createPackingSlip.secondCall.args[1], store.createPackingSlip.firstCall.args[1], 'a part ever sent keeps its numbers');
        });

        it('counts "already done" (code 5) as done', async () => {
            store.createPackingSlip.resolves(answer('already-done', 5, ['SLIP-OLD']));
            const progress = await fixture.runner.closeOut('order-1', input(), 'olivia');
            assert.deepEqual([progress.parts.packingSlip.status, progress.parts.packingSlip.referenceId, progress.closed], ['done', 'SLIP-OLD', true]);
        });

        it('lets a retry change the numbers of a part never sent, not of one that was', async () => {
            store.createPackingSlip.onFirstCall().resolves(answer('failed', 167, [], 'Inventory conflict'));
            await fixture.runner.closeOut('order-1', input(), 'olivia');
            await fixture.runner.closeOut('order-1', input({ slip: { packingSlipNumber: 'PS-NEW' }, invoice: { invoiceNumber: 'INV-NEW' } }), 'olivia');
            assert.equal(store.createPackingSlip.secondCall.args[1].packingSlipNumber, 'PS-1001');
            assert.equal(store.createInvoice.firstCall.args[1].invoiceNumber, 'INV-NEW');
            assert.deepEqual(fixture.order().closeout && [fixture.order().closeout!.packingSlipNumber, fixture.order().closeout!.invoiceNumber], ['PS-1001', 'INV-NEW']);
        });

        it('explains a settlement refused with 403 and charges nothing more on retry once settled', async () => {
            store.settle.onFirstCall().resolves(answer('failed', 403, [], 'Authorization expired'));
            const failed = await fixture.runner.closeOut('order-1', input(), 'olivia');
            assert.equal(failed.parts.settlement.status, 'failed');
            assert.equal(failed.parts.settlement.code, 403);
            assert.match(failed.parts.settlement.message ?? '', /^The card authorization expired or was declined \(MarcomCentral code 403: Authorization expired\)\. Nothing was charged/);
            assert.equal(fixture.order().closed, false);
        });

        it('refuses a second attempt while one runs, naming who runs it and since when', async () => {
            let release!: () => void;
            store.createPackingSlip.callsFake(() => new Promise(resolve => release = () => resolve(answer('success', 1, ['SLIP-1']))));
            const first = fixture.runner.closeOut('order-1', input(), 'olivia');
            while (!store.createPackingSlip.called) {
                await delay(5);
            }

            assert.equal(await refusal(fixture.runner.closeOut('order-1', input(), 'sam')), `olivia is closing out order 1001 since ${clockTime(NOW.toISOString())}`);
            assert.equal((fixture.runner.progress('order-1')).runningBy, 'olivia');
            release();
            assert.equal((await first).closed, true);
            assert.equal(store.createPackingSlip.callCount, 1);
        });

        it('takes over a lock that no attempt of this backend holds (left by a crash; with several servers, once it expired)', async () => {
            await fixture.store.create(CloseoutsCollection, {
                id: 'order-1', orderNumber: '1001', running: { by: 'kim', since: NOW.toISOString(), owner: 'backend-2', expiresAt: NOW.toISOString() },
                attempts: [], pendingLog: [], closed: false,
                parts: { packingSlip: { status: 'pending', sent: false }, invoice: { status: 'pending', sent: false }, settlement: { status: 'pending', sent: false } }
            });
            assert.equal((await fixture.runner.closeOut('order-1', input(), 'olivia')).closed, true);
        });

        it('takes over its own backend\'s lock left by a stop (no attempt runs here)', async () => {
            await fixture.store.create(CloseoutsCollection, {
                id: 'order-1', orderNumber: '1001', running: { by: 'kim', since: NOW.toISOString(), owner: 'backend-1' }, attempts: [], pendingLog: [], closed: false,
                parts: { packingSlip: { status: 'pending', sent: false }, invoice: { status: 'pending', sent: false }, settlement: { status: 'pending', sent: false } }
            });
            assert.equal((await fixture.runner.closeOut('order-1', input(), 'olivia')).closed, true);
        });

        it('sends a part left "sending" by a stopped backend again, with the numbers it was sent with', async () => {
            store.createInvoice.onFirstCall().callsFake(async () => {
                // The backend dies while the invoice is out: the closeout document keeps "sending".
                throw Object.assign(new Error('killed'), { killed: true });
            });
            await fixture.runner.closeOut('order-1', input(), 'olivia');
            await fixture.store.modify(CloseoutsCollection, 'order-1', current => ({
                ...current,
                parts: { ...current.parts, invoice: { ...current.parts.invoice, status: 'sending' as const } },
                running: { by: 'olivia', since: NOW.toISOString(), owner: 'backend-1', expiresAt: NOW.toISOString() }
            }));
            const folder = fixture.folder;
            await fixture.close();
            fixture = await CloseoutFixture.open({ connectionType: store, now: () => now, folder, owner: 'backend-1-restarted' });

            const progress = await fixture.runner.closeOut('order-1', input({ invoice: { invoiceNumber: 'INV-CHANGED' } }), 'olivia');
            assert.equal(store.createInvoice.callCount, 2);
            assert.equal(store.createInvoice.secondCall.args[1].invoiceNumber, 'INV-1001');
            assert.equal(store.createPackingSlip.callCount, 1);
            assert.equal(progress.closed, true);
        });

        it('a stop right after the order was closed: the order counts as closed, nothing is sent again, its jobs are released at start', async () => {
            const finish = sinon.stub(fixture.runner as unknown as { finish: () => Promise<void> }, 'finish').rejects(new Error('killed'));
            await assert.rejects(fixture.runner.closeOut('order-1', input(), 'olivia'), /killed/);
            finish.restore();
            assert.equal(fixture.order().closed, true);
            assert.equal(fixture.closeout()!.parts.settlement.status, 'sending', 'the last answer was recorded by the close alone');
            assert.ok(fixture.order().log.some(entry => entry.message.startsWith('Settlement done')), 'its audit entry came with the close');

            const progress = fixture.runner.progress('order-1');
            assert.deepEqual([progress.closed, progress.closedBy], [true, 'olivia']);
            assert.equal(await refusal(fixture.runner.closeOut('order-1', input(), 'sam')), 'Order 1001 is already closed');
            assert.equal(store.settle.callCount, 1);
            await fixture.releaser.start();
            assert.deepEqual(fixture.order().jobs.map(job => job.state), ['Queued', 'Queued']);
        });

        it('does not block an order whose settlement is done (a stop before the close was written) for want of an authorization', async () => {
            await fixture.runner.closeOut('order-1', input(), 'olivia');
            await fixture.store.modify(OrdersCollection, 'order-1', order => ({ ...order, closed: false, creditCard: undefined }));
            assert.equal(fixture.runner.blockedReason(fixture.order()), undefined);
        });

        it('refuses an order already closed', async () => {
            await fixture.runner.closeOut('order-1', input(), 'olivia');
            const message = await refusal(fixture.runner.closeOut('order-1', input(), 'olivia'));
            assert.equal(message, 'Order 1001 is already closed');
        });

        it('writes every attempt and part into the log of the order and of each job, without card data', async () => {
            store.createInvoice.onFirstCall().resolves(answer('failed', 402, [], 'Order not fully shipped'));
            await fixture.runner.closeOut('order-1', input(), 'olivia');
            await fixture.runner.closeOut('order-1', input(), 'sam');
            const order = fixture.order();
            const messages = order.log.map(entry => `${entry.by} ${entry.level} ${entry.message}`);
            const prefixes = [
                'olivia info Closeout attempt 1 by olivia: packing ',
                'olivia info Packing slip done: packing slip PS-1001',
                'olivia error Invoice failed: invoice INV-1001 dated',
                'sam info Closeout attempt 2 by sam: packing slip al',
                'sam info Invoice done: invoice INV-1001 dated 2026-',
                'sam info Settlement done: online settlement (captur',
                'sam info Order 1001 closed out by sam: packing slip'
            ];
            assert.equal(messages.length, prefixes.length, messages.join('\n'));
            prefixes.forEach((prefix, index) => assert.ok(messages[index].startsWith(prefix), `${messages[index]} starts with ${prefix}`));
            assert.match(messages[1], /ship date 2026-11-26, carrier UPS, tracking 1Z999\. MarcomCentral answered code 1 "", reference SLIP-1$/);
            assert.match(messages[2], /MarcomCentral answered code 402 "MarcomCentral refused the invoice \(code 402\): Order not fully shipped/);
            assert.match(messages[6], /packing slip PS-1001, invoice INV-1001, settlement CAPTURE-1$/);
            for (const job of order.jobs) {
                assert.deepEqual(job.log.map(entry => entry.message), order.log.map(entry => entry.message));
            }
            assert.ok(!JSON.stringify(order.log).includes('AUTH-998877') && !JSON.stringify(fixture.closeout()).includes('AUTH-998877'));
            const attempts = fixture.closeout()!.attempts;
            assert.deepEqual(attempts.map(attempt => [attempt.by, attempt.outcome, attempt.events.map(event => `${event.part}:${event.outcome}:${event.code}`)]), [
                ['olivia', 'stopped', ['packingSlip:success:1', 'invoice:failed:402']],
                ['sam', 'closed', ['invoice:success:1', 'settlement:success:1']]
            ]);
        });

        it('writes the packing slip and invoice as PDF once each is done', async () => {
            store.createInvoice.onFirstCall().resolves(answer('failed', 402));
            await fixture.runner.closeOut('order-1', input(), 'olivia');
            await fixture.runner.idle();
            assert.deepEqual(fixture.documents.availability('order-1'), { packingSlip: true, invoice: false });
            assert.deepEqual([await fixture.documents.exists('order-1', 'packing-slip'), await fixture.documents.exists('order-1', 'invoice')], [true, false]);
            await fixture.runner.closeOut('order-1', input(), 'olivia');
            await fixture.runner.idle();
            assert.deepEqual(fixture.documents.availability('order-1'), { packingSlip: true, invoice: true });
            const pdf = await fs.readFile(fixture.documents.fileOf('order-1', 'invoice'));
            assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
        });

        it('says which order is missing', async () => {
            const error = await fixture.runner.closeOut('nope', input(), 'olivia').catch(caught => caught);
            assert.ok(ApplicationError.is(error));
            assert.equal(error.message, 'The order nope no longer exists');
        });
    });
});
