import * as sinon from 'sinon';
import type {
    CloseoutCapableConnectionType, CloseoutPartAnswer, Connection, ConnectionTestResult, FetchedOrders, ReceivedOrder
} from '@presswork/platform/lib/common';
import type { LineItem } from '@presswork/platform/lib/common/order-schema';

export const USD = (value: string): { value: string; currency: string } => ({ value, currency: 'USD' });

export function answer(outcome: CloseoutPartAnswer['outcome'], code: number, referenceIds: string[] = [], message = ''): CloseoutPartAnswer {
    return { outcome, code, message, referenceIds, failures: outcome === 'failed' ? [{ code, message }] : [] };
}

export function line(id: string, overrides: Partial<LineItem> = {}): LineItem {
    return {
        id,
        productName: `Product ${id}`,
        productType: 'Versioned',
        sku: { id: `SKU-${id}`, name: `sku-${id}` },
        quantity: 100,
        price: { unit: USD('0.10'), customer: USD('10.00'), shipping: USD('2.50'), customerSalesTax: USD('0.85') },
        shipping: { method: 'UPS Ground' },
        finishingOptions: [],
        ...overrides
    };
}

/** A credit-card order of two lines to one address, as a store sends it. */
export function receivedOrder(overrides: Partial<ReceivedOrder> = {}): ReceivedOrder {
    return {
        marcomOrderId: 'M-1001',
        orderNumber: '1001',
        createDate: '2026-11-25T10:00:00.000Z',
        status: 'WorkInProgress',
        customer: { firstName: 'Pat', lastName: 'Lee', email: 'pat@acme.example', loginId: 'plee' },
        company: { name: 'Acme Corporation' },
        billingAddress: { address1: '1 Billing Way', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' },
        shippingAddress: { attn: 'Receiving', companyName: 'Acme', address1: '200 Dock Rd', city: 'Portland', state: 'OR', zip: '97202', country: 'US' },
        paymentMethod: 'CreditCard',
        creditCard: { authorizationNumber: 'AUTH-998877', authorizationExpirationDate: '2026-12-20T00:00:00.000Z', cardType: 'Visa' },
        lineItems: [line('L1'), line('L2')],
        ...overrides
    };
}

/** A store whose closeout answers a test scripts (success with a reference by default). */
export class ScriptedStore implements CloseoutCapableConnectionType {
    readonly type = 'MarcomCentral' as const;
    readonly label = 'Scripted';
    readonly createPackingSlip = sinon.stub<Parameters<CloseoutCapableConnectionType['createPackingSlip']>, Promise<CloseoutPartAnswer>>()
        .resolves(answer('success', 1, ['SLIP-1']));
    readonly createInvoice = sinon.stub<Parameters<CloseoutCapableConnectionType['createInvoice']>, Promise<CloseoutPartAnswer>>()
        .resolves(answer('success', 1, ['INV-REF-1']));
    readonly settle = sinon.stub<Parameters<CloseoutCapableConnectionType['settle']>, Promise<CloseoutPartAnswer>>()
        .resolves(answer('success', 1, ['CAPTURE-1']));
    readonly fetchOrder = sinon.stub<[Connection, string, AbortSignal?], Promise<FetchedOrders>>().resolves({ orders: [], rejected: [] });

    async test(): Promise<ConnectionTestResult> {
        return { ok: true, detail: 'scripted' };
    }

    async fetchOrders(): Promise<FetchedOrders> {
        return { orders: [], rejected: [] };
    }

    async downloadFile(): Promise<Uint8Array> {
        return new Uint8Array();
    }
}
