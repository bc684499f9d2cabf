import { TOO_LARGE_ORDER_PATH } from '@presswork/platform/lib/common';
import type { OrderWindow, RejectedOrderSource } from '@presswork/platform/lib/common';
import { formatBytes } from './bounded-body';
import type { MarcomCentralClient, MarcomCentralEndpoint } from './marcomcentral-client';
import { isMarcomCentralError } from './marcomcentral-error';
import type { OrderHead } from './order-heads';
import type { KnownOrders, OrdersResult } from './orders-response';
import type { ReceivedOrdersSink } from '../intake/received-digests';

/** A window too large even to scan for its orders' numbers is halved down to this. */
export const MIN_SPLIT_WINDOW_MS = 60 * 1000;

/**
 * Every order of `[window.start, window.end)`, however large the store's answer. A window answered
 * too large is scanned for its orders' numbers and each order not `alreadyHeld` is fetched alone
 * (so re-reading an overlap costs one scan, not every order again); a window too large even to
 * scan is halved, down to a minute. An order too large even alone cannot be read: it comes back
 * among the rejected orders with the reason, so one hostile or broken order never stops the
 * orders after it.
 *
 * With `known` (the digests of orders taken in), an order whose content did not change is only
 * named in `unchanged`, never mapped or returned (see OrdersResult). With `take`, the orders go to
 * it as they are read, not into the result.
 */
export async function fetchOrdersInWindow(
    client: MarcomCentralClient, endpoint: MarcomCentralEndpoint, window: OrderWindow, signal?: AbortSignal,
    alreadyHeld: (marcomOrderId: string) => boolean = () => false, known?: KnownOrders, take?: ReceivedOrdersSink
): Promise<OrdersResult> {
    try {
        return await client.getOrdersByDate(endpoint, window, signal, known, take);
    } catch (error) {
        if (!isTooLarge(error)) {
            throw error;
        }
    }
    const start = Date.parse(window.start);
    const span = Date.parse(window.end) - start;
    let heads: OrderHead[];
    try {
        heads = await client.getOrderHeadsByDate(endpoint, window, signal);
    } catch (error) {
        if (!isTooLarge(error) || span <= MIN_SPLIT_WINDOW_MS) {
            throw error;
        }
        // Whole seconds: the store reads dates as xs:dateTime and may drop fractions.
        const middle = new Date(start + Math.floor(span / 2000) * 1000).toISOString();
        const first = await fetchOrdersInWindow(client, endpoint, { start: window.start, end: middle }, signal, alreadyHeld, known, take);
        const second = await fetchOrdersInWindow(client, endpoint, { start: middle, end: window.end }, signal, alreadyHeld, known, take);
        return joined([first, second], known);
    }
    return fetchOneByOne(client, endpoint, heads.filter(head => !head.marcomOrderId || !alreadyHeld(head.marcomOrderId)), signal, known, take);
}

/** The results of parts of a window as one. */
function joined(parts: readonly OrdersResult[], known: KnownOrders | undefined): OrdersResult {
    const orders = parts.flatMap(part => part.orders);
    const rejected = parts.flatMap(part => part.rejected);
    if (!known) {
        return { orders, rejected };
    }
    return {
        orders, rejected,
        unchanged: parts.flatMap(part => part.unchanged ?? []),
        digests: new Map(parts.flatMap(part => [...part.digests ?? []]))
    };
}

async function fetchOneByOne(
    client: MarcomCentralClient, endpoint: MarcomCentralEndpoint, heads: readonly OrderHead[], signal?: AbortSignal, known?: KnownOrders, take?: ReceivedOrdersSink
): Promise<OrdersResult> {
    const parts: OrdersResult[] = [];
    const result = { orders: [] as OrdersResult['orders'], rejected: [] as OrdersResult['rejected'] };
    parts.push(result);
    for (const head of heads) {
        if (!head.orderNumber) {
            result.rejected.push(unreadable(head, 'it has no usable order number, so it cannot be asked for alone'));
            continue;
        }
        try {
            parts.push(await client.getOrdersByOrderNumber(endpoint, head.orderNumber, signal, known, take));
        } catch (error) {
            if (!isTooLarge(error)) {
                throw error;
            }
            result.rejected.push(unreadable(head, `MarcomCentral's answer for this order alone is larger than the ${formatBytes(client.responseLimitBytes)} limit`));
        }
    }
    return joined(parts, known);
}

/** An order that cannot be read, quarantined by its id and number with the reason. */
function unreadable(head: OrderHead, why: string): RejectedOrderSource {
    return {
        marcomOrderId: head.marcomOrderId,
        orderNumber: head.orderNumber,
        path: TOO_LARGE_ORDER_PATH,
        reason: `${why}, so it cannot be taken in. Later orders are taken in as usual; ask the store to correct or cancel this order.`,
        source: { ...head }
    };
}

function isTooLarge(error: unknown): boolean {
    return isMarcomCentralError(error) && error.kind === 'too-large';
}
