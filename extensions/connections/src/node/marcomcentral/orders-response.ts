import type { ReceivedOrder } from '@presswork/platform/lib/common';
import { MarcomCentralError } from './marcomcentral-error';
import { orderDigest } from './order-digest';
import { RejectedOrder, mapOrder } from './order-mapping';
import type { XmlElement, XmlSieve } from './xml-document';
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

/** One Order element read: recognised unchanged (by its ID), taken, or to be quarantined. */
export type OrderOutcome =
    | { readonly kind: 'unchanged'; readonly marcomOrderId: string }
    | { readonly kind: 'order'; readonly order: ReceivedOrder; readonly digest?: string }
    | { readonly kind: 'rejected'; readonly rejected: RejectedOrder };

/**
 * The Order elements of `<Op>Response/<Op>Result/GetOrdersResponse/{Summary/Count, Orders/Order*}`
 * (the `…Result` wrapper is optional), once the answer as a whole is checked (its GetOrdersResponse
 * is there, its Summary/Count agrees with these and the `taken` ones an OrderElementSieve took
 * while it was parsed).
 */
export function orderElementsOf(response: XmlElement, operation: string, taken = 0): readonly XmlElement[] {
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
        const held = taken + orderElements.length;
        if (Number(countText) !== held) {
            throw new MarcomCentralError('bad-response',
                `MarcomCentral's answer to ${operation} says Summary/Count ${countText} but holds ${held} Order element${held === 1 ? '' : 's'}`,
                { operation });
        }
    }
    return orderElements;
}

/**
 * Takes each Order element of an answer to `operation` as the parser closes it, at
 * `Envelope/Body/<Op>Response[/<Op>Result]/GetOrdersResponse/Orders/Order`, and hands it to `read`:
 * the first orders of a large answer are mapped, handed over and written while the rest is still
 * being parsed, and the parsed tree never holds them all. The answer as a whole is checked once it
 * is read (orderElementsOf, given `taken`); one that fails then fails its call after the orders
 * already handed on, each whole and valid on its own (read again later, they are duplicates).
 */
export class OrderElementSieve implements XmlSieve {
    taken = 0;
    protected readonly responseName: string;
    protected readonly resultName: string;

    constructor(operation: string, protected readonly read: (element: XmlElement) => void) {
        this.responseName = `${operation}Response`;
        this.resultName = `${operation}Result`;
    }

    take(element: XmlElement, ancestors: readonly string[]): boolean {
        if (element.name !== 'Order' || !this.isOrderList(ancestors)) {
            return false;
        }
        this.taken++;
        this.read(element);
        return true;
    }

    /** Envelope/Body/<Op>Response[/<Op>Result]/GetOrdersResponse/Orders: where orderElementsOf finds the orders. */
    protected isOrderList(ancestors: readonly string[]): boolean {
        const depth = ancestors.length;
        return (depth === 5 || (depth === 6 && ancestors[3] === this.resultName))
            && ancestors[0] === 'Envelope' && ancestors[1] === 'Body' && ancestors[2] === this.responseName
            && ancestors[depth - 2] === 'GetOrdersResponse' && ancestors[depth - 1] === 'Orders';
    }
}

/** One Order element: with `known`, its digest is taken first, and a known one is neither mapped nor validated. */
export function readOrder(element: XmlElement, timeZone: string, known?: KnownOrders): OrderOutcome {
    const digest = known ? orderDigest(element, timeZone) : undefined;
    if (digest !== undefined && known?.has(digest)) {
        return { kind: 'unchanged', marcomOrderId: textAt(element, 'ID') ?? '' };
    }
    const outcome = mapOrder(element, timeZone);
    return outcome.ok ? { kind: 'order', order: outcome.order, digest } : { kind: 'rejected', rejected: outcome.rejected };
}
