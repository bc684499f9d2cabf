import type { Address, LineItem, Order } from './order-schema';

/**
 * Where an order's lines ship, and the flag an order shipping to several places carries from its
 * arrival on: Presswork closes out an order with one packing slip to one address, so such an order
 * is closed out in MarcomCentral, and its jobs do not wait for a closeout that never comes here.
 */

/** What the flag and the closeout's refusal say, in the job log and the Order panel. */
export const CLOSE_OUT_IN_MARCOMCENTRAL = 'Close out in MarcomCentral';

/** Where a line ships: its own address, else the order's. */
export function shipToOf(line: Pick<LineItem, 'shipping'>, order: Pick<Order, 'shippingAddress'>): Address | undefined {
    return line.shipping?.address ?? order.shippingAddress;
}

/** Two addresses are one place when street, city, region, code, country, company and attention agree (case and spacing aside). */
export function addressKey(address: Address): string {
    const fields = [address.attn, address.companyName, address.address1, address.address2, address.address3, address.address4,
        address.city, address.state, address.zip, address.country];
    return fields.map(field => (field ?? '').trim().replace(/\s+/g, ' ').toLowerCase()).join('|');
}

/** The distinct places the order's lines ship to, in the order of the lines. */
export function distinctShipTo(order: Pick<Order, 'lineItems' | 'shippingAddress'>): Address[] {
    const byKey = new Map<string, Address>();
    for (const line of order.lineItems) {
        const address = shipToOf(line, order);
        if (address && !byKey.has(addressKey(address))) {
            byKey.set(addressKey(address), address);
        }
    }
    return [...byKey.values()];
}

/** The derived field an order document is written with (on arrival, on Refresh): computed once, read everywhere. */
export function shipToFlag(order: Pick<Order, 'lineItems' | 'shippingAddress'>): Pick<Order, 'shipsToSeveralAddresses'> {
    return { shipsToSeveralAddresses: distinctShipTo(order).length > 1 };
}

/**
 * Whether the order ships to several addresses: its flag, or for an order stored before the flag
 * existed, its lines.
 */
export function shipsToSeveralAddresses(order: Pick<Order, 'lineItems' | 'shippingAddress' | 'shipsToSeveralAddresses'>): boolean {
    return order.shipsToSeveralAddresses ?? shipToFlag(order).shipsToSeveralAddresses === true;
}

/** Whether the order is to be closed out in MarcomCentral rather than here: open, and shipping to several addresses. */
export function closedOutElsewhere(order: Pick<Order, 'closed' | 'lineItems' | 'shippingAddress' | 'shipsToSeveralAddresses'>): boolean {
    return !order.closed && shipsToSeveralAddresses(order);
}

/** Why such an order is not closed out here, in a sentence an operator reads (closeout's refusal, the job log). */
export function closeOutInMarcomCentralReason(order: Pick<Order, 'orderNumber' | 'lineItems' | 'shippingAddress'>): string {
    return `${CLOSE_OUT_IN_MARCOMCENTRAL}: order ${order.orderNumber} ships to ${distinctShipTo(order).length} addresses, `
        + 'and Presswork closes out an order to one address only. Its jobs go on to Retain when they reach Closeout Order.';
}

/** What a job of such an order logs (and waits with, without a Retain step) when it reaches Closeout Order. */
export function retainedForMarcomCentralReason(order: Pick<Order, 'orderNumber' | 'lineItems' | 'shippingAddress'>): string {
    return `${CLOSE_OUT_IN_MARCOMCENTRAL}: order ${order.orderNumber} ships to ${distinctShipTo(order).length} addresses; the job goes on to Retain`;
}
