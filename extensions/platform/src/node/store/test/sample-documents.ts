import type { Job } from '../../../common/job-schema';
import type { LineItem, Order } from '../../../common/order-schema';
import type { User } from '../../../common/user-schema';
import type { Workflow } from '../../../common/workflow-schema';

/**
 * Small, valid documents for tests and benchmarks. Every field a schema would default is given
 * explicitly, so a document parses to itself and can be written to disk as the store would.
 */

const CONNECTION_ID = 'connection-1';
const RECEIVED_AT = '2025-01-15T09:30:00.000Z';

/** An order at version 1 with `jobs` line items, each with its job. */
export function sampleOrder(id: string, jobs = 1): Order {
    const orderNumber = `PW-${id}`;
    const lineItems = Array.from({ length: jobs }, (_, index) => sampleLineItem(`${id}-item-${index + 1}`));
    return {
        id,
        version: 1,
        connectionId: CONNECTION_ID,
        marcomOrderId: `marcom-${id}`,
        orderNumber,
        description: 'Business cards and flyers for the spring campaign',
        createDate: RECEIVED_AT,
        status: 'Submitted',
        customer: { id: 'customer-7', firstName: 'Ada', lastName: 'Lovelace', loginId: 'ada', email: 'ada@example.com' },
        shippingAddress: {
            address1: '12 Press Lane', city: 'Springfield', state: 'IL', zip: '62701', country: 'US',
            companyName: 'Example Print Co.', attn: 'Receiving', phoneNumber: '+1 217 555 0100'
        },
        paymentMethod: 'CostCenter',
        lineItems,
        jobs: lineItems.map((lineItem, index) => sampleJob(`${id}-job-${index + 1}`, id, orderNumber, lineItem.id)),
        closed: false,
        log: [],
        receivedAt: RECEIVED_AT
    };
}

/** A user at version 1; the password hash is well-formed but matches no password. */
export function sampleUser(id: string, name: string): User {
    return {
        id,
        version: 1,
        name,
        authority: 'Operator',
        passwordHash: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
        mustChangePassword: false,
        createdAt: RECEIVED_AT
    };
}

function sampleLineItem(id: string): LineItem {
    return {
        id,
        productId: 'product-42',
        productName: 'Business cards',
        productType: 'Print',
        quantity: 500,
        price: { unit: { value: '0.10', currency: 'USD' }, customer: { value: '50.00', currency: 'USD' } },
        finalOutputFileUrl: `https://files.example.com/output/${id}.pdf`,
        finishingOptions: [{ name: 'Paper', value: '350gsm matt' }, { name: 'Corners', value: 'Rounded' }]
    };
}

function sampleJob(id: string, orderId: string, orderNumber: string, lineItemId: string): Job {
    return {
        id,
        name: `Business cards for ${orderNumber}`,
        orderId,
        orderNumber,
        lineItemId,
        connectionId: CONNECTION_ID,
        phase: 'Receive',
        state: 'Received',
        stepIndex: 0,
        copies: 1,
        receivedAt: RECEIVED_AT,
        updatedAt: RECEIVED_AT,
        properties: { paper: '350gsm matt', sides: 2 },
        files: [{ name: `${id}.pdf`, size: 182_004 }],
        log: [{ at: RECEIVED_AT, level: 'info', message: 'Received from MarcomCentral' }]
    };
}

/** An enabled, valid workflow (without its version): Create Job, then Remove; `change` replaces fields. */
export function workflowDocument(id: string, change: Partial<Workflow> = {}): Omit<Workflow, 'version'> {
    return {
        id,
        name: `Workflow ${id}`,
        description: '',
        enabled: true,
        jobDefaults: {},
        jobOverrides: {},
        phases: {
            Receive: [{ id: 'receive-create-job', activity: 'create-job', properties: {} }],
            Prepare: [],
            Print: [],
            Complete: [{ id: 'complete-remove', activity: 'remove', properties: {} }]
        },
        updatedAt: '2026-01-01T00:00:00.000Z',
        ...change
    };
}
