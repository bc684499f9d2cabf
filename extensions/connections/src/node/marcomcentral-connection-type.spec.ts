import * as assert from 'node:assert/strict';
import { OrderView, RunningSimulator, SAMPLE_ORDERS, startSimulator } from '@presswork/marcomcentral-simulator';
import { canCloseOut, Connection } from '@presswork/platform/lib/common';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { MarcomCentralClient, MarcomCentralError } from './marcomcentral';
import { MarcomCentralConnectionType, closeoutPartAnswer } from './marcomcentral-connection-type';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { connectionDocument } from './test/connection-documents';

/** The connection type's closeout parts against the real simulator, with its own closeout token. */
describe('MarcomCentralConnectionType closeout', function () {
    this.timeout(20_000);

    let simulator: RunningSimulator;
    let temp: TempFolder;
    let secrets: SecretBox;
    let type: MarcomCentralConnectionType;
    let connection: Connection;

    before(async () => {
        simulator = await startSimulator({ now: '2026-11-26T08:00:00-08:00', closeoutToken: 'closeout-only-token-1234' });
        temp = await TempFolder.create();
        secrets = new SecretBox(temp.join('keys', 'secrets.key'));
        type = inject(new MarcomCentralConnectionType(), { secrets, client: new MarcomCentralClient({ timeoutMs: 2_000 }) });
        connection = {
            ...connectionDocument('conn-sim', {
                endpointUrl: simulator.url,
                orderToken: secrets.seal(simulator.orderToken),
                closeoutToken: secrets.seal(simulator.closeoutToken)
            }),
            version: 1
        };
    });

    after(async () => {
        await simulator?.close();
        await temp?.remove();
    });

    function lineIds(order: OrderView): string[] {
        return order.OrderDetails.map(line => line.ID);
    }

    function slip(order: OrderView, packingSlipNumber: string): Parameters<MarcomCentralConnectionType['createPackingSlip']>[1] {
        return { marcomOrderId: order.ID, packingSlipNumber, shipDate: '2026-11-26T18:00:00.000Z', carrierName: 'UPS', trackingNumber: `1Z-${packingSlipNumber}` };
    }

    it('is a closeout-capable connection type', () => {
        assert.equal(canCloseOut(type), true);
    });

    it('closes a card order out: one slip for the whole order, an invoice over every line, one capture; repeats answer already-done', async () => {
        const order = await simulator.placeOrder(SAMPLE_ORDERS.cardSingleShipTo);

        const shipped = await type.createPackingSlip(connection, slip(order, 'PS-A1'));
        const slips = simulator.order(order.ID)!.PackingSlips;
        assert.equal(slips.length, 1);
        assert.deepEqual(shipped, { outcome: 'success', code: 1, message: shipped.message, referenceIds: [slips[0].ID], failures: [] });
        assert.equal(slips[0].PackingSlipNumber, 'PS-A1');
        assert.equal(slips[0].CarrierName, 'UPS');
        assert.equal(slips[0].TrackingNumber, '1Z-PS-A1');
        assert.equal(slips[0].SkipAdjustInventory, false);
        assert.deepEqual(slips[0].LineItems.map(line => line.LineItemID).sort(), lineIds(order).sort());

        const invoiced = await type.createInvoice(connection, { invoiceNumber: 'INV-A1', invoiceDate: '2026-11-26T18:00:00.000Z', lineItemIds: lineIds(order) });
        const invoices = simulator.order(order.ID)!.Invoices;
        assert.equal(invoiced.outcome, 'success');
        assert.deepEqual(invoiced.referenceIds, [invoices[0].ID]);
        assert.equal(invoices[0].InvoiceNumber, 'INV-A1');

        const settled = await type.settle(connection, { marcomOrderId: order.ID });
        assert.equal(settled.outcome, 'success');
        assert.equal(simulator.order(order.ID)!.CaptureCount, 1);
        assert.deepEqual(settled.referenceIds, [simulator.order(order.ID)!.Settlements[0].ID]);

        const again = [
            await type.createPackingSlip(connection, slip(order, 'PS-A1')),
            await type.createInvoice(connection, { invoiceNumber: 'INV-A1', invoiceDate: '2026-11-26T18:00:00.000Z', lineItemIds: lineIds(order) }),
            await type.settle(connection, { marcomOrderId: order.ID })
        ];
        assert.deepEqual(again.map(answer => [answer.outcome, answer.code]), [['already-done', 5], ['already-done', 5], ['already-done', 5]]);
        const after = simulator.order(order.ID)!;
        assert.deepEqual([after.PackingSlips.length, after.Invoices.length, after.CaptureCount], [1, 1, 1]);
    });

    it('answers failed with code 403 and a message when the card authorization expired; nothing is captured', async () => {
        const order = await simulator.placeOrder(SAMPLE_ORDERS.expiredCard);
        await type.createPackingSlip(connection, slip(order, 'PS-E1'));
        await type.createInvoice(connection, { invoiceNumber: 'INV-E1', invoiceDate: '2026-11-26T18:00:00.000Z', lineItemIds: lineIds(order) });

        const settled = await type.settle(connection, { marcomOrderId: order.ID });

        assert.equal(settled.outcome, 'failed');
        assert.equal(settled.code, 403);
        assert.ok(settled.message.length > 0);
        assert.equal(simulator.order(order.ID)!.CaptureCount, 0);
    });

    it('answers failed with the store\'s code when the order number is another order\'s (202)', async () => {
        const first = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
        await type.createPackingSlip(connection, slip(first, 'PS-C1'));

        const under = await type.createPackingSlip(connection, slip(first, 'PS-C2'));

        assert.equal(under.outcome, 'failed');
        assert.equal(under.code, 202);
        assert.ok(under.failures.length > 0);
    });

    it('throws the transport failure (HTTP 500) instead of answering', async () => {
        const order = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
        simulator.injectFault({ operation: 'CreateInvoiceByLineItem', mode: 'http500' });

        await assert.rejects(type.createInvoice(connection, { invoiceNumber: 'INV-X1', invoiceDate: '2026-11-26T18:00:00.000Z', lineItemIds: lineIds(order) }),
            (error: unknown) => error instanceof MarcomCentralError && error.kind === 'http');
        assert.equal(simulator.order(order.ID)!.Invoices.length, 0);
    });

    it('closes out with the closeout token: the order token alone is refused by a store that has its own closeout token', async () => {
        const order = await simulator.placeOrder(SAMPLE_ORDERS.costCenter);
        const { closeoutToken: _sealed, ...withoutCloseoutToken } = connection;

        await assert.rejects(type.createPackingSlip(withoutCloseoutToken, slip(order, 'PS-T1')),
            (error: unknown) => error instanceof MarcomCentralError && error.kind === 'invalid-token' && !error.message.includes(simulator.orderToken));
        assert.equal(simulator.order(order.ID)!.PackingSlips.length, 0);
    });

    describe('closeoutPartAnswer', () => {
        it('gives a failed answer the failing line\'s code when the request itself reported success', () => {
            const answer = closeoutPartAnswer({
                status: 'ProcessComplete', code: 1, message: '', lineItems: [
                    { lineItemId: 'L1', action: { status: 'ProcessComplete', code: 3, message: '', referenceId: 'R1' } },
                    { lineItemId: 'L2', action: { status: 'ProcessFailed', code: 167, message: '' } }
                ]
            });
            assert.deepEqual(answer, {
                outcome: 'failed', code: 167, message: 'inventory conflict', referenceIds: ['R1'],
                failures: [{ lineItemId: 'L2', code: 167, message: 'inventory conflict' }]
            });
        });

        it('keeps the store\'s own message and code otherwise', () => {
            const answer = closeoutPartAnswer({ status: 'ProcessFailed', code: 403, message: 'Authorization expired', lineItems: [] });
            assert.deepEqual([answer.outcome, answer.code, answer.message], ['failed', 403, 'Authorization expired']);
        });
    });
});
