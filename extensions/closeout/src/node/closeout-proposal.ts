import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import type { CloseoutInput } from '../common/closeout-protocol';
import { CloseoutsCollection } from './closeout-collections';

export type NumberKind = 'packingSlipNumber' | 'invoiceNumber';

/** The order whose closeout already uses the number (case aside), other than `orderId`; undefined when free. */
export function numberTakenBy(store: DocumentStore, kind: NumberKind, number: string, orderId: string): string | undefined {
    const other = store.findBy(CloseoutsCollection, kind, number.trim().toUpperCase()).find(closeout => closeout.id !== orderId);
    return other?.orderNumber;
}

/** `<prefix>-<order number>`, or with `-2`, `-3`… when another order's closeout has it. */
export function uniqueNumber(store: DocumentStore, kind: NumberKind, prefix: string, order: Order): string {
    const base = `${prefix}-${order.orderNumber}`.replace(/[^A-Za-z0-9 ._/-]/g, '-').slice(0, 58);
    let candidate = base;
    for (let suffix = 2; numberTakenBy(store, kind, candidate, order.id); suffix++) {
        candidate = `${base}-${suffix}`;
    }
    return candidate;
}

/** Today as the operator's calendar date (the server's zone): YYYY-MM-DD. */
export function calendarDate(now: Date): string {
    const pad = (value: number): string => String(value).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A calendar date as the instant the store is sent: noon UTC, the same day in every zone from UTC−12 to UTC+11. */
export function dateToInstant(date: string): string {
    return `${date}T12:00:00.000Z`;
}

/** The carrier the lines were ordered with (the first one named), or empty for the operator to fill in. */
export function proposedCarrier(order: Order): string {
    return order.lineItems.map(line => line.shipping?.method?.trim()).find((method): method is string => !!method) ?? '';
}

/** What the dialog proposes for a fresh closeout. */
export function proposeInput(store: DocumentStore, order: Order, now: Date): CloseoutInput {
    const today = calendarDate(now);
    return {
        packingSlip: { packingSlipNumber: uniqueNumber(store, 'packingSlipNumber', 'PS', order), shipDate: today, carrierName: proposedCarrier(order) },
        invoice: { invoiceNumber: uniqueNumber(store, 'invoiceNumber', 'INV', order), invoiceDate: today }
    };
}
