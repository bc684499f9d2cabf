import * as assert from 'node:assert/strict';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { authorizationWarning, maskAuthorization, orderDetailsView, orderTotals } from './order-details';
import { storedOrder } from './test/closeout-fixture';
import { USD, line, receivedOrder } from './test/scripted-store';

function order(overrides: Parameters<typeof receivedOrder>[0] = {}, states: Parameters<typeof storedOrder>[3] = []): Order {
    return { ...storedOrder(receivedOrder(overrides), 'order-1', 'conn-1', states), version: 3 };
}

const NOW = new Date('2026-11-26T12:00:00.000Z');

describe('order details', () => {

    it('masks the authorization number to its last four characters', () => {
        assert.equal(maskAuthorization('AUTH-998877'), '•••••••8877');
        assert.equal(maskAuthorization('12'), '••••12');
        assert.equal(maskAuthorization(undefined), undefined);
        const view = orderDetailsView(order(), { packingSlip: false, invoice: false }, NOW);
        assert.equal(view.payment.maskedAuthorization, '•••••••8877');
        assert.ok(!JSON.stringify(view).includes('998877'), 'the whole authorization never leaves the backend');
    });

    it("carries the newest entries of the order's log, oldest first", () => {
        const log = Array.from({ length: 250 }, (_, index) => ({ at: NOW.toISOString(), level: 'info' as const, message: `entry ${index}` }));
        const view = orderDetailsView({ ...order(), log }, { packingSlip: false, invoice: false }, NOW);
        assert.equal(view.log.length, 200);
        assert.equal(view.log[0].message, 'entry 50');
        assert.equal(view.log[199].message, 'entry 249');
    });

    it('warns when the authorization expired, or expires within 24 hours', () => {
        assert.equal(authorizationWarning('2026-11-26T11:59:59.000Z', NOW), 'expired');
        assert.equal(authorizationWarning('2026-11-26T12:00:00.000Z', NOW), 'expired');
        assert.equal(authorizationWarning('2026-11-27T11:00:00.000Z', NOW), 'expiring');
        assert.equal(authorizationWarning('2026-11-27T12:00:01.000Z', NOW), undefined);
        assert.equal(authorizationWarning(undefined, NOW), undefined);
        const view = orderDetailsView(order({ creditCard: { authorizationNumber: 'A-1234', authorizationExpirationDate: '2026-11-27T00:00:00.000Z', cardType: 'Visa' } }),
            { packingSlip: false, invoice: false }, NOW);
        assert.deepEqual(view.payment, { method: 'CreditCard', cardType: 'Visa', maskedAuthorization: '••••1234', authorizationExpiry: '2026-11-27T00:00:00.000Z', authorizationWarning: 'expiring' });
    });

    it('shows no card data for an order not paid by card', () => {
        const view = orderDetailsView(order({ paymentMethod: 'PurchaseOrder' }), { packingSlip: false, invoice: false }, NOW);
        assert.deepEqual(view.payment, { method: 'PurchaseOrder', cardType: undefined, maskedAuthorization: undefined, authorizationExpiry: undefined, authorizationWarning: undefined });
    });

    it('totals the lines exactly: customer price (else unit × quantity) less discount, shipping, sales and freight tax', () => {
        const lines = Array.from({ length: 50 }, (_, index) => line(`L${index}`, {
            quantity: 3, price: { unit: USD('0.1'), shipping: USD('0.10'), customerSalesTax: USD('0.01'), totalFreightTax: USD('0.02') }
        }));
        lines.push(line('LX', { quantity: 1, price: { customer: USD('100.00'), customerDiscount: USD('10.00'), shipping: USD('5.00') } }));
        assert.deepEqual(orderTotals(order({ lineItems: lines })), { subtotal: 105, shipping: 10, tax: 1.5, total: 116.5, currency: 'USD' });
    });

    it('shows each line with its amounts and its job\'s state, and which documents exist', () => {
        const view = orderDetailsView(order({}, ['Printing', 'Waiting for order closeout']), { packingSlip: true, invoice: false }, NOW);
        assert.deepEqual(view.lines.map(each => [each.id, each.sku, each.quantity, each.unitPrice, each.lineAmount, each.shipping, each.tax, each.currency, each.jobState]), [
            ['L1', 'sku-L1', 100, 0.1, 10, 2.5, 0.85, 'USD', 'Printing'],
            ['L2', 'sku-L2', 100, 0.1, 10, 2.5, 0.85, 'USD', 'Waiting for order closeout']
        ]);
        assert.deepEqual(view.totals, { subtotal: 20, shipping: 5, tax: 1.7, total: 26.7, currency: 'USD' });
        assert.deepEqual(view.documents, { packingSlip: true, invoice: false });
        assert.deepEqual([view.orderNumber, view.marcomOrderId, view.orderVersion, view.customer], ['1001', 'M-1001', 3, { name: 'Pat Lee', email: 'pat@acme.example', company: 'Acme Corporation' }]);
        assert.equal(view.closed, false);
    });

    it('carries what each line\'s job printed, and who marked it printed when a person did', () => {
        const stored = order({}, ['Waiting for order closeout', 'Waiting for order closeout']);
        const printed = { printerId: 'printer-a', printerName: 'Printer A', copies: 100, impressions: 200, at: '2026-11-26T10:00:00.000Z' };
        const jobs = [{ ...stored.jobs[0], printed }, { ...stored.jobs[1], printed: { ...printed, copies: 80, by: 'olivia' } }];
        const view = orderDetailsView({ ...stored, jobs }, { packingSlip: false, invoice: false }, NOW);
        assert.deepEqual(view.lines.map(each => each.printed), [
            { copies: 100, printerName: 'Printer A', at: '2026-11-26T10:00:00.000Z' },
            { copies: 80, printerName: 'Printer A', at: '2026-11-26T10:00:00.000Z', by: 'olivia' }
        ]);
        assert.equal(orderDetailsView(order(), { packingSlip: false, invoice: false }, NOW).lines[0].printed, undefined, 'not printed yet');
    });

    it('has no common currency when lines are priced in different ones', () => {
        const totals = orderTotals(order({ lineItems: [line('L1'), line('L2', { price: { customer: { value: '5.00', currency: 'EUR' } } })] }));
        assert.equal(totals.currency, undefined);
    });
});
