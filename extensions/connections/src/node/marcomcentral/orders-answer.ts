import { MarcomCentralError, MarcomCentralErrorKind } from './marcomcentral-error';
import type { RejectedOrder } from './order-mapping';
import { readOrdersResponse } from './orders-response';
import { readSoapOutcome } from './soap-outcome';

/** Orders handed to the main thread per slice: each slice is read there in one short turn of the event loop. */
export const ORDERS_PER_SLICE = 50;

/** One SOAP answer with orders, as the worker gets it: the body's bytes (transferred, not copied) and what reading it needs. */
export interface OrdersAnswerTask {
    readonly operation: string;
    readonly status: number;
    readonly statusText: string;
    readonly contentType?: string;
    /** The body's bytes, in the pieces they were collected in (joined here, in the worker). */
    readonly body: readonly Uint8Array[];
    readonly timeZone: string;
    /** Redacted from a fault's text before it is clipped. */
    readonly secret?: string;
    /** The digests of orders taken in already (see orderDigest); absent: every order is mapped. */
    readonly known?: readonly string[];
}

/** A failure as it crosses from the worker: enough to raise the same MarcomCentralError (or Error) on the main thread. */
export interface CarriedError {
    readonly kind?: MarcomCentralErrorKind;
    readonly message: string;
    readonly status?: number;
    readonly faultString?: string;
    readonly operation?: string;
}

export type OrdersAnswer =
    | {
        readonly ok: true;
        /** The validated orders as JSON, ORDERS_PER_SLICE to a slice, in the answer's order. */
        readonly slices: string[];
        readonly rejected: RejectedOrder[];
        readonly unchanged?: string[];
        readonly digests?: Map<string, string>;
    }
    | { readonly ok: false; readonly error: CarriedError };

/**
 * Reads one answer to GetOrdersByDate or GetOrdersByOrderNumber: decodes, parses (refusing
 * declarations and unknown entities, as everywhere), maps and validates each order, and recognises
 * the orders whose digest is known. Runs in a worker; never throws: a failure is carried back.
 */
export function readOrdersAnswer(task: OrdersAnswerTask): OrdersAnswer {
    try {
        const body = Buffer.concat(task.body);
        const response = readSoapOutcome({ status: task.status, statusText: task.statusText, contentType: task.contentType, body }, task.operation, task.secret);
        const result = readOrdersResponse(response, task.operation, task.timeZone, task.known ? new Set(task.known) : undefined);
        const slices: string[] = [];
        for (let at = 0; at < result.orders.length; at += ORDERS_PER_SLICE) {
            slices.push(JSON.stringify(result.orders.slice(at, at + ORDERS_PER_SLICE)));
        }
        return { ok: true, slices, rejected: result.rejected, unchanged: result.unchanged, digests: result.digests as Map<string, string> | undefined };
    } catch (error) {
        if (error instanceof MarcomCentralError) {
            return { ok: false, error: { kind: error.kind, message: error.message, status: error.status, faultString: error.faultString, operation: error.operation } };
        }
        return { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
    }
}

/** The error a carried failure stands for. */
export function raisedError(carried: CarriedError): Error {
    if (carried.kind === undefined) {
        return new Error(carried.message);
    }
    return new MarcomCentralError(carried.kind, carried.message, { status: carried.status, faultString: carried.faultString, operation: carried.operation });
}
