import type { Connection } from './connection-schema';
import type { Order } from './order-schema';

/** The result of "Test connection": OK, or the exact reason it failed. */
export type ConnectionTestResult =
    | { readonly ok: true; readonly detail: string }
    | { readonly ok: false; readonly reason: 'unreachable' | 'invalid-token' | 'tls' | 'bad-response' | 'other'; readonly detail: string };

/** An order as a store sends it, before Presswork gives it an id and jobs. */
export type ReceivedOrder = Omit<Order, 'id' | 'version' | 'connectionId' | 'jobs' | 'receivedAt' | 'closed' | 'closeout'>;

/** An order the store sent that does not pass validation: kept with the reason, never dropped. */
export interface RejectedOrderSource {
    readonly marcomOrderId?: string;
    readonly orderNumber?: string;
    /** The offending field, e.g. `lineItems.0.quantity`. */
    readonly path: string;
    readonly reason: string;
    /** The order as received, for inspection and a later retry. */
    readonly source: unknown;
}

/** One answer of the store: the orders that passed validation and those that did not. */
export interface FetchedOrders {
    readonly orders: ReceivedOrder[];
    readonly rejected: RejectedOrderSource[];
}

/** A time window `[start, end)` in ISO 8601 with offsets. */
export interface OrderWindow {
    readonly start: string;
    readonly end: string;
}

/** A kind of connection to a web-to-print store (backend); MarcomCentral is the first. */
export const ConnectionTypeContribution = Symbol('ConnectionTypeContribution');
export interface ConnectionTypeContribution {
    readonly type: Connection['type'];
    readonly label: string;
    test(connection: Connection): Promise<ConnectionTestResult>;
    fetchOrders(connection: Connection, window: OrderWindow, signal?: AbortSignal): Promise<FetchedOrders>;
    /** One order by its number (for a refresh or a retry); empty when the store does not know it. */
    fetchOrder(connection: Connection, orderNumber: string, signal?: AbortSignal): Promise<FetchedOrders>;
    /** Downloads a line item's print file, refusing more than `maxBytes`. */
    downloadFile(connection: Connection, url: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array>;
}
