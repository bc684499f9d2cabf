import * as sinon from 'sinon';
import type {
    Connection, ConnectionTestResult, ConnectionTypeContribution, FetchedOrders, LineItem, OrderWindow, ReceivedOrder, RejectedOrderSource
} from '@presswork/platform/lib/common';
import { ConnectionTypeRegistry } from '@presswork/platform/lib/common/connection-type-registry';
import { registryOf } from '@presswork/platform/lib/common/test/registry-of';

/**
 * Orders as a MarcomCentral store sends them, for tests. Every order has four line items: three
 * printed ones (Versioned, Variable, JobDirect), each with its final output file, and one stocked
 * (Static) item that is picked from the shelf.
 */

export const USD = (value: string) => ({ value, currency: 'USD' });

export const PRINTABLE_LINE_COUNT = 3;
export const LINE_COUNT = 4;

/** The line items of an order, ids derived from the MarcomCentral order id as the store does. */
export function receivedLineItems(marcomOrderId: string): LineItem[] {
    return [
        {
            id: `${marcomOrderId}-1`,
            productId: 'P-BC',
            productName: 'Business cards',
            productType: 'Versioned',
            sku: { id: 'BC-STD', name: 'Business card, standard' },
            quantity: 500,
            pageCount: 2,
            price: { unit: USD('12.50'), customer: USD('12.50'), shipping: USD('4.00') },
            shipping: { method: 'UPS Ground', date: '2026-02-20T17:00:00.000Z' },
            finalOutputFileUrl: `https://store.example.com/output/${marcomOrderId}-1/final.pdf?token=abc`,
            finishingOptions: [{ name: 'Paper', value: '350gsm matt' }, { name: 'Corners', value: 'Rounded' }]
        },
        {
            id: `${marcomOrderId}-2`,
            productId: 'P-LTR',
            productName: 'Personalised letter',
            productType: 'Variable',
            sku: { id: 'LTR-A4', name: 'Letter A4' },
            quantity: 250,
            pageCount: 1,
            price: { unit: USD('12.50'), customer: USD('12.50') },
            finalOutputFileUrl: `https://store.example.com/output/${marcomOrderId}-2/final.pdf`,
            finishingOptions: [{ name: 'Fold', value: 'Letter fold' }]
        },
        {
            id: `${marcomOrderId}-3`,
            productId: 'P-POSTER',
            productName: 'Event poster',
            productType: 'JobDirect',
            sku: { id: 'POSTER-A2' },
            quantity: 10,
            price: { unit: USD('12.50'), customer: USD('12.50') },
            finalOutputFileUrl: `https://store.example.com/output/${marcomOrderId}-3/final.pdf`,
            finishingOptions: []
        },
        {
            id: `${marcomOrderId}-4`,
            productId: 'P-MUG',
            productName: 'Branded mug',
            productType: 'Static',
            sku: { id: 'MUG-WHITE', name: 'White mug' },
            quantity: 12,
            price: { unit: USD('12.50'), customer: USD('12.50') },
            finishingOptions: []
        }
    ];
}

/** A valid order as a store sends it. */
export function receivedOrder(marcomOrderId = 'M-1001', overrides: Partial<ReceivedOrder> = {}): ReceivedOrder {
    return {
        marcomOrderId,
        orderNumber: `PW-${marcomOrderId}`,
        description: 'Spring campaign',
        createDate: '2026-02-15T16:30:00.000Z',
        status: 'Submitted',
        customer: { id: 'C-7', firstName: 'Ada', lastName: 'Lovelace', loginId: 'ada', email: 'ada@example.com' },
        company: { id: 'CO-1', name: 'Example Corp' },
        billingAddress: { address1: '1 Billing Way', city: 'Springfield', state: 'IL', zip: '62701', country: 'US' },
        shippingAddress: {
            attn: 'Receiving', companyName: 'Example Corp', address1: '12 Press Lane', city: 'Springfield', state: 'IL', zip: '62701', country: 'US'
        },
        paymentMethod: 'CostCenter',
        lineItems: receivedLineItems(marcomOrderId),
        ...overrides
    };
}

/** What a fetch answers. */
export function fetched(orders: ReceivedOrder[], rejected: RejectedOrderSource[] = []): FetchedOrders {
    return { orders, rejected };
}

/** An error as the MarcomCentral client throws them: an `Error` with a `kind`. */
export function errorOfKind(kind: string, message = `failed: ${kind}`): Error & { kind: string } {
    return Object.assign(new Error(message), { kind });
}

export interface FakeConnectionType extends ConnectionTypeContribution {
    readonly test: sinon.SinonStub<[Connection], Promise<ConnectionTestResult>>;
    readonly fetchOrders: sinon.SinonStub<[Connection, OrderWindow, AbortSignal?], Promise<FetchedOrders>>;
    readonly fetchOrder: sinon.SinonStub<[Connection, string, AbortSignal?], Promise<FetchedOrders>>;
    readonly downloadFile: sinon.SinonStub<[Connection, string, number, AbortSignal?], Promise<Uint8Array>>;
}

/** A MarcomCentral connection type whose calls are sinon stubs; by default it answers nothing. */
export function fakeConnectionType(): FakeConnectionType {
    return {
        type: 'MarcomCentral',
        label: 'Fake MarcomCentral',
        test: sinon.stub<[Connection], Promise<ConnectionTestResult>>().resolves({ ok: true, detail: 'fake' }),
        fetchOrders: sinon.stub<[Connection, OrderWindow, AbortSignal?], Promise<FetchedOrders>>().resolves(fetched([])),
        fetchOrder: sinon.stub<[Connection, string, AbortSignal?], Promise<FetchedOrders>>().resolves(fetched([])),
        downloadFile: sinon.stub<[Connection, string, number, AbortSignal?], Promise<Uint8Array>>().resolves(new Uint8Array())
    };
}

/** A `ConnectionTypeRegistry` offering exactly the given contributions. */
export function connectionTypesOf(...contributions: ConnectionTypeContribution[]): ConnectionTypeRegistry {
    return registryOf(ConnectionTypeRegistry, contributions);
}
