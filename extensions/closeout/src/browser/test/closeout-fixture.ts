import type { CloseoutPreparation, CloseoutProgress, OrderDetailsView } from '../../common/closeout-protocol';

/** An order as the dialogs get it from the backend: card paid, two line items, one address. */
export function orderDetails(overrides: Partial<OrderDetailsView> = {}): OrderDetailsView {
    const shipTo = { attn: 'Ada Lovelace', address1: '1 Analytical Way', city: 'London', state: 'LDN', zip: 'N1 9GU', country: 'GB' };
    return {
        orderId: 'order-1', orderVersion: 3, orderNumber: 'MC-1001', marcomOrderId: '88001', orderDate: '2026-11-20T09:30:00.000Z',
        customer: { name: 'Ada Lovelace', email: 'ada@example.com', company: 'Engines Ltd' },
        billingAddress: { companyName: 'Engines Ltd', address1: '2 Ledger Lane', city: 'London', zip: 'N1 1AA', country: 'GB' },
        shipTo: [shipTo],
        payment: { method: 'CreditCard', cardType: 'Visa', maskedAuthorization: '••••4321', authorizationExpiry: '2026-11-30T00:00:00.000Z' },
        lines: [
            { id: 'line-1', productName: 'Business cards', sku: 'BC-100', quantity: 2, unitPrice: 25, lineAmount: 50, shipping: 5, tax: 4.5, currency: 'USD', shipTo, jobId: 'job-1', jobState: 'Waiting for order closeout' },
            { id: 'line-2', productName: 'Flyers', sku: 'FL-A5', quantity: 100, unitPrice: 0.5, lineAmount: 50, shipping: 7.25, tax: 4, currency: 'USD', shipTo, jobId: 'job-2', jobState: 'Printing' }
        ],
        totals: { subtotal: 100, shipping: 12.25, tax: 8.5, total: 120.75, currency: 'USD' },
        closed: false,
        documents: { packingSlip: false, invoice: false },
        log: [{ at: '2026-11-21T08:00:00.000Z', level: 'info', by: 'olivia', message: 'Refreshed from MarcomCentral: no changes' }],
        ...overrides
    };
}

export function progress(overrides: Partial<CloseoutProgress> = {}): CloseoutProgress {
    return {
        orderId: 'order-1', version: 1, closed: false,
        parts: { packingSlip: { status: 'pending' }, invoice: { status: 'pending' }, settlement: { status: 'pending' } },
        ...overrides
    };
}

export function preparation(overrides: Partial<CloseoutPreparation> = {}): CloseoutPreparation {
    return {
        orderId: 'order-1',
        notReady: [],
        details: orderDetails(),
        proposal: {
            packingSlip: { packingSlipNumber: 'PS-MC-1001', shipDate: '2026-11-26', carrierName: 'UPS' },
            invoice: { invoiceNumber: 'INV-MC-1001', invoiceDate: '2026-11-26' }
        },
        settlementRequired: true,
        progress: progress(),
        ...overrides
    };
}
