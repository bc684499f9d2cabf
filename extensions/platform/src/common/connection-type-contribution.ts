import type { Connection } from './connection-schema';
import type { Order } from './order-schema';

/** The result of "Test connection": OK, or the exact reason it failed. */
export type ConnectionTestResult =
    | { readonly ok: true; readonly detail: string }
    | { readonly ok: false; readonly reason: 'unreachable' | 'invalid-token' | 'tls' | 'bad-response' | 'other'; readonly detail: string };

/** An order as a store sends it, before Presswork gives it an id and jobs. */
export type ReceivedOrder = Omit<Order, 'id' | 'version' | 'connectionId' | 'jobs' | 'receivedAt' | 'closed' | 'closeout'>;

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
    fetchOrders(connection: Connection, window: OrderWindow, signal?: AbortSignal): Promise<ReceivedOrder[]>;
    fetchOrder(connection: Connection, orderNumber: string, signal?: AbortSignal): Promise<ReceivedOrder | undefined>;
}
