import type { ReceivedOrder } from '@presswork/platform/lib/common';
import { OrdersSlice, raisedError, readOrdersAnswer } from '../orders-answer';
import type { KnownOrders, OrdersResult } from '../orders-response';

/** An answer read as the worker reads it (readOrdersAnswer), its slices gathered; a failure it carries is thrown. */
export function readAnswer(xml: string, timeZone: string, known?: KnownOrders, operation = 'GetOrdersByDate'): OrdersResult & { readonly slices: readonly OrdersSlice[] } {
    const slices: OrdersSlice[] = [];
    const answer = readOrdersAnswer({
        operation, status: 200, statusText: 'OK', contentType: 'text/xml; charset=utf-8', body: [new Uint8Array(Buffer.from(xml, 'utf8'))], timeZone,
        known: known ? [...known] : undefined
    }, slice => slices.push(slice));
    if (!answer.ok) {
        throw raisedError(answer.error);
    }
    const orders = slices.flatMap(slice => JSON.parse(slice.orders) as ReceivedOrder[]);
    if (!known) {
        return { orders, rejected: answer.rejected, slices };
    }
    return { orders, rejected: answer.rejected, unchanged: answer.unchanged ?? [], digests: new Map(slices.flatMap(slice => slice.digests ?? [])), slices };
}
