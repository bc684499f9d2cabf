import type { ReceivedOrder } from '@presswork/platform/lib/common';
import { MarcomCentralError } from './marcomcentral-error';
import { orderDigest } from './order-digest';
import { RejectedOrder, mapOrder } from './order-mapping';
import type { XmlElement } from './xml-document';
import { childElement, childElements, textAt } from './xml-query';

/** The orders of one answer: those Presswork can take, and those it must quarantine. */
export interface OrdersResult {
    readonly orders: ReceivedOrder[];
    readonly rejected: RejectedOrder[];
    /**
     * Only when the caller named the digests it knows ({@link KnownOrders}): the ids of the orders
     * whose digest is among them, neither mapped nor returned.
     */
    readonly unchanged?: string[];
    /** Only when the caller named the digests it knows: each returned order's digest, by its marcomOrderId. */
    readonly digests?: ReadonlyMap<string, string>;
}

/** The digests (see orderDigest) of orders taken in already: an order with one of these is recognised unchanged. */
export type KnownOrders = ReadonlySet<string>;

/**
 * Reads `<Op>Response/<Op>Result/GetOrdersResponse/{Summary/Count, Orders/Order*}` (the `…Result`
 * wrapper is optional). One bad order never sinks the others; a Count that disagrees with the
 * number of Order elements means the answer itself cannot be trusted (bad-response).
 */
export function readOrdersResponse(response: XmlElement, operation: string, timeZone: string, known?: KnownOrders): OrdersResult {
    const result = childElement(response, `${operation}Result`) ?? response;
    const getOrders = childElement(result, 'GetOrdersResponse');
    if (!getOrders) {
        throw new MarcomCentralError('bad-response', `MarcomCentral's answer to ${operation} has no GetOrdersResponse element`, { operation });
    }
    const orderElements = childElements(childElement(getOrders, 'Orders'), 'Order');
    const countText = textAt(getOrders, 'Summary', 'Count');
    if (countText !== undefined) {
        if (!/^\d+$/.test(countText)) {
            throw new MarcomCentralError('bad-response', `MarcomCentral's answer to ${operation} has a Summary/Count that is not a whole number`, { operation });
        }
        if (Number(countText) !== orderElements.length) {
            throw new MarcomCentralError('bad-response',
                `MarcomCentral's answer to ${operation} says Summary/Count ${countText} but holds ${orderElements.length} Order element${orderElements.length === 1 ? '' : 's'}`,
                { operation });
        }
    }
    const orders: ReceivedOrder[] = [];
    const rejected: RejectedOrder[] = [];
    const unchanged: string[] = [];
    const digests = new Map<string, string>();
    for (const element of orderElements) {
        const digest = known ? orderDigest(element, timeZone) : undefined;
        if (digest !== undefined && known?.has(digest)) {
            unchanged.push(textAt(element, 'ID') ?? '');
            continue;
        }
        const outcome = mapOrder(element, timeZone);
        if (outcome.ok) {
            orders.push(outcome.order);
            if (digest !== undefined) {
                digests.set(outcome.order.marcomOrderId, digest);
            }
        } else {
            rejected.push(outcome.rejected);
        }
    }
    return known ? { orders, rejected, unchanged, digests } : { orders, rejected };
}
