import type { ReceivedOrder } from '@presswork/platform/lib/common/connection-type-contribution';
import type { Money } from '@presswork/platform/lib/common/money';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Address, LineItem, Order } from '@presswork/platform/lib/common/order-schema';
import { shipToFlag } from '@presswork/platform/lib/common/ship-to';
import { maskAuthorization } from './order-details';

type Described = string | undefined;

function money(value: Money | undefined): Described {
    return value ? `${value.value} ${value.currency}` : undefined;
}

function address(value: Address | undefined): Described {
    if (!value) {
        return undefined;
    }
    const parts = [value.attn, value.companyName, value.address1, value.address2, value.address3, value.address4,
        [value.city, value.state, value.zip].filter(Boolean).join(' '), value.country];
    return parts.filter(part => part && part.trim()).join(', ');
}

/** What of an order a refresh reports, each as text an operator reads (card numbers masked). */
const ORDER_FIELDS: readonly [string, (order: Pick<Order, keyof ReceivedOrder>) => Described][] = [
    ['Status', order => order.status],
    ['Description', order => order.description],
    ['Customer', order => [order.customer.firstName, order.customer.lastName].filter(Boolean).join(' ') || undefined],
    ['Customer email', order => order.customer.email],
    ['Company', order => order.company?.name],
    ['Billing address', order => address(order.billingAddress)],
    ['Shipping address', order => address(order.shippingAddress)],
    ['Payment method', order => order.paymentMethod],
    ['Card type', order => order.creditCard?.cardType],
    ['Card authorization', order => maskAuthorization(order.creditCard?.authorizationNumber)],
    ['Authorization expiry', order => order.creditCard?.authorizationExpirationDate]
];

const LINE_FIELDS: readonly [string, (line: LineItem) => Described][] = [
    ['product', line => line.productName],
    ['SKU', line => line.sku?.name ?? line.sku?.id],
    ['quantity', line => String(line.quantity)],
    ['unit price', line => money(line.price.unit)],
    ['price', line => money(line.price.customer)],
    ['discount', line => money(line.price.customerDiscount)],
    ['shipping', line => money(line.price.shipping)],
    ['sales tax', line => money(line.price.customerSalesTax)],
    ['freight tax', line => money(line.price.totalFreightTax)],
    ['shipping method', line => line.shipping?.method],
    ['ship date', line => line.shipping?.date],
    ['ship-to', line => address(line.shipping?.address)],
    ['status', line => line.clientStatus?.value]
];

function change(label: string, before: Described, after: Described): string | undefined {
    return before === after ? undefined : `${label}: ${before ?? '(none)'} → ${after ?? '(none)'}`;
}

export interface RefreshedOrder {
    readonly order: Order;
    readonly changes: string[];
    /** Lines the stored order did not have: they need jobs. */
    readonly newLines: LineItem[];
}

/**
 * The stored order updated from what the store sent now: order-level fields and line items change,
 * jobs (and their states), the closeout record and the log do not, except that a line's new ship
 * date becomes its job's due date (its at-risk time moving with it). A line the store no longer
 * lists is kept (its job still refers to it) and reported; a line it added is reported and
 * returned, for the caller to give it a job.
 */
export function refreshOrder(stored: Order, received: ReceivedOrder): RefreshedOrder {
    const changes: string[] = [];
    for (const [label, read] of ORDER_FIELDS) {
        const text = change(label, read(stored), read(received));
        if (text) {
            changes.push(text);
        }
    }
    const receivedById = new Map(received.lineItems.map(line => [line.id, line]));
    const movedShipDates = new Map<string, string>();
    const lineItems = stored.lineItems.map((line, index) => {
        const fresh = receivedById.get(line.id);
        if (!fresh) {
            changes.push(`Line ${index + 1} (${line.productName}) is no longer in MarcomCentral`);
            return line;
        }
        for (const [label, read] of LINE_FIELDS) {
            const text = change(`Line ${index + 1} ${label}`, read(line), read(fresh));
            if (text) {
                changes.push(text);
            }
        }
        if (fresh.shipping?.date && fresh.shipping.date !== line.shipping?.date) {
            movedShipDates.set(line.id, fresh.shipping.date);
        }
        return fresh;
    });
    const known = new Set(stored.lineItems.map(line => line.id));
    const newLines = received.lineItems.filter(candidate => !known.has(candidate.id));
    for (const line of newLines) {
        lineItems.push(line);
        changes.push(`Line ${lineItems.length} (${line.productName}) is new in MarcomCentral`);
    }
    const order: Order = {
        ...stored,
        ...received,
        id: stored.id,
        version: stored.version,
        connectionId: stored.connectionId,
        jobs: movedShipDates.size ? stored.jobs.map(job => dueOnShipDate(job, movedShipDates.get(job.lineItemId))) : stored.jobs,
        receivedAt: stored.receivedAt,
        closed: stored.closed,
        closeout: stored.closeout,
        log: stored.log,
        lineItems,
        ...shipToFlag({ lineItems, shippingAddress: received.shippingAddress })
    };
    return { order, changes, newLines };
}

/** The job due on its line's new ship date, at risk as many hours before it as it was before the old one. */
function dueOnShipDate(job: Job, shipDate: string | undefined): Job {
    if (!shipDate || shipDate === job.due) {
        return job;
    }
    const atRiskMs = job.due && job.atRiskAt ? Date.parse(job.due) - Date.parse(job.atRiskAt) : undefined;
    const { atRiskAt: _old, ...rest } = job;
    return atRiskMs === undefined ? { ...rest, due: shipDate } : { ...rest, due: shipDate, atRiskAt: new Date(Date.parse(shipDate) - atRiskMs).toISOString() };
}
