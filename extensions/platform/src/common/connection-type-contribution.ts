import type { Connection } from './connection-schema';
import type { Order } from './order-schema';

/** The result of "Test connection": OK, or the exact reason it failed. */
export type ConnectionTestResult =
    | { readonly ok: true; readonly detail: string }
    | { readonly ok: false; readonly reason: 'unreachable' | 'invalid-token' | 'tls' | 'bad-response' | 'other'; readonly detail: string };

/** An order as a store sends it, before Presswork gives it an id and jobs. */
export type ReceivedOrder = Omit<Order, 'id' | 'version' | 'connectionId' | 'jobs' | 'receivedAt' | 'closed' | 'closeout' | 'log' | 'shipsToSeveralAddresses'>;

/** An order the store sent that does not pass validation: kept with the reason, never dropped. */
export interface RejectedOrderSource {
    readonly marcomOrderId?: string;
    readonly orderNumber?: string;
    /** The offending field, e.g. `lineItems.0.quantity`, or `TOO_LARGE_ORDER_PATH`. */
    readonly path: string;
    readonly reason: string;
    /** The order as received, for inspection and a later retry. */
    readonly source: unknown;
}

/**
 * The path of an order quarantined as a whole for its size (too large to read even alone, or to
 * store with its jobs): it is not asked for again on every poll, only when an administrator retries.
 */
export const TOO_LARGE_ORDER_PATH = '(whole order)';

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
    /**
     * The orders created in the window. `alreadyHeld` names orders the caller has taken in or
     * quarantined as unreadable: when the store's answer is too large to read at once and the type
     * must ask for orders one by one, it need not ask for these again.
     */
    fetchOrders(connection: Connection, window: OrderWindow, signal?: AbortSignal, alreadyHeld?: (marcomOrderId: string) => boolean): Promise<FetchedOrders>;
    /** One order by its number (for a refresh or a retry); empty when the store does not know it. */
    fetchOrder(connection: Connection, orderNumber: string, signal?: AbortSignal): Promise<FetchedOrders>;
    /** Downloads a line item's print file, refusing more than `maxBytes`. */
    downloadFile(connection: Connection, url: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array>;
    /**
     * Gets ready to read orders (say, starts the thread that reads the store's answers), so that
     * the first poll does not wait for it. Called once as the server starts.
     */
    prepareToPoll?(): void;
}

/** One packing slip for the whole order (never one per line item). */
export interface PackingSlipRequest {
    /** The store's own order id (Order/ID), not the order number. */
    readonly marcomOrderId: string;
    /** The shop's shipment number; sending it again is an idempotent repeat. */
    readonly packingSlipNumber: string;
    /** ISO instant. */
    readonly shipDate: string;
    readonly carrierName: string;
    readonly trackingNumber?: string;
}

/** An invoice over every line item, each at the values the store has for it. */
export interface InvoiceRequest {
    /** Sending it again is an idempotent repeat. */
    readonly invoiceNumber: string;
    /** ISO instant. */
    readonly invoiceDate: string;
    readonly lineItemIds: readonly string[];
}

/** Capture of a credit-card order's authorization through the store's gateway. */
export interface SettlementRequest {
    readonly marcomOrderId: string;
}

/**
 * A store's answer to one closeout part. `already-done` is a repeat of a request that succeeded
 * before (MarcomCentral code 5), which counts as success. Transport failures (unreachable,
 * timeout) are thrown instead: then the outcome is unknown and the part must be sent again with
 * the same numbers.
 */
export interface CloseoutPartAnswer {
    readonly outcome: 'success' | 'already-done' | 'failed';
    /** The request's status code and message as the store gave them. */
    readonly code: number;
    readonly message: string;
    /** Reference ids the store returned (packing slip or invoice id, capture reference). */
    readonly referenceIds: readonly string[];
    readonly failures: readonly { readonly lineItemId?: string; readonly code: number; readonly message: string }[];
}

/** A connection type that can close orders out in its store. */
export interface CloseoutCapableConnectionType extends ConnectionTypeContribution {
    createPackingSlip(connection: Connection, request: PackingSlipRequest, signal?: AbortSignal): Promise<CloseoutPartAnswer>;
    createInvoice(connection: Connection, request: InvoiceRequest, signal?: AbortSignal): Promise<CloseoutPartAnswer>;
    settle(connection: Connection, request: SettlementRequest, signal?: AbortSignal): Promise<CloseoutPartAnswer>;
}

export function canCloseOut(type: ConnectionTypeContribution): type is CloseoutCapableConnectionType {
    const candidate = type as Partial<CloseoutCapableConnectionType>;
    return typeof candidate.createPackingSlip === 'function' && typeof candidate.createInvoice === 'function' && typeof candidate.settle === 'function';
}
