import type { ReceivedOrder } from '@presswork/platform/lib/common';
import { MarcomCentralError, MarcomCentralErrorKind } from './marcomcentral-error';
import type { RejectedOrder } from './order-mapping';
import { OrderElementSieve, orderElementsOf, readOrder } from './orders-response';
import type { XmlElement } from './xml-document';
import { readSoapOutcome } from './soap-outcome';

/**
 * Orders handed to the main thread per slice, as soon as they are read: each slice is read there in
 * one short turn of the event loop, and the first are written while the worker reads the rest.
 */
export const ORDERS_PER_SLICE = 50;

/** Validated orders as the worker hands them over, before its answer. */
export interface OrdersSlice {
    /** The orders as JSON (one string crosses to the main thread far more cheaply than the objects). */
    readonly orders: string;
    /** When known digests were named: each order's digest, by its marcomOrderId. */
    readonly digests?: readonly (readonly [string, string])[];
}

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

/** The end of an answer: its slices of orders were handed over before it. */
export type OrdersAnswer =
    | {
        readonly ok: true;
        readonly rejected: RejectedOrder[];
        /** When known digests were named: the ids of the orders recognised unchanged. */
        readonly unchanged?: string[];
    }
    | { readonly ok: false; readonly error: CarriedError };

/**
 * Reads one answer to GetOrdersByDate or GetOrdersByOrderNumber: decodes and parses it (refusing
 * declarations and unknown entities, as everywhere), mapping and validating each order as the
 * parser closes its element (see OrderElementSieve), recognising the orders whose digest is known,
 * and hands the orders over ORDERS_PER_SLICE at a time as they are read; then checks the answer as
 * a whole. Runs in a worker; never throws: a failure is carried back, after the slices handed over
 * so far.
 */
export function readOrdersAnswer(task: OrdersAnswerTask, handOver: (slice: OrdersSlice) => void): OrdersAnswer {
    try {
        const body = Buffer.concat(task.body);
        const known = task.known ? new Set(task.known) : undefined;
        const rejected: RejectedOrder[] = [];
        const unchanged: string[] = [];
        let orders: ReceivedOrder[] = [];
        let digests: [string, string][] = [];
        const handOverSlice = (): void => {
            handOver(known ? { orders: JSON.stringify(orders), digests } : { orders: JSON.stringify(orders) });
            orders = [];
            digests = [];
        };
        const readOne = (element: XmlElement): void => {
            const outcome = readOrder(element, task.timeZone, known);
            if (outcome.kind === 'unchanged') {
                unchanged.push(outcome.marcomOrderId);
            } else if (outcome.kind === 'rejected') {
                rejected.push(outcome.rejected);
            } else {
                orders.push(outcome.order);
                if (outcome.digest !== undefined) {
                    digests.push([outcome.order.marcomOrderId, outcome.digest]);
                }
                if (orders.length === ORDERS_PER_SLICE) {
                    handOverSlice();
                }
            }
        };
        const sieve = new OrderElementSieve(task.operation, readOne);
        const response = readSoapOutcome({ status: task.status, statusText: task.statusText, contentType: task.contentType, body }, task.operation, task.secret, sieve);
        orderElementsOf(response, task.operation, sieve.taken).forEach(readOne);
        if (orders.length > 0) {
            handOverSlice();
        }
        return known ? { ok: true, rejected, unchanged } : { ok: true, rejected };
    } catch (error) {
        if (error instanceof MarcomCentralError) {
            return { ok: false, error: { kind: error.kind, message: error.message, status: error.status, faultString: error.faultString, operation: error.operation } };
        }
        return { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
    }
}

/** A task as the pool sends it to the worker. */
export interface OrdersTaskMessage {
    readonly id: number;
    readonly task: OrdersAnswerTask;
}

/** Answers one task on the worker's port: each slice as it is read (`progress`), then the end (`result`). */
export function answerOrdersTask(port: { postMessage(message: unknown): void }, message: OrdersTaskMessage): void {
    const result = readOrdersAnswer(message.task, slice => port.postMessage({ id: message.id, progress: slice }));
    port.postMessage({ id: message.id, result });
}

/** The error a carried failure stands for. */
export function raisedError(carried: CarriedError): Error {
    if (carried.kind === undefined) {
        return new Error(carried.message);
    }
    return new MarcomCentralError(carried.kind, carried.message, { status: carried.status, faultString: carried.faultString, operation: carried.operation });
}
