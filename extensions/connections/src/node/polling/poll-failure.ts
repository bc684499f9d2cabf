import { TOO_LARGE_ORDER_PATH } from '@presswork/platform/lib/common';
import type { RejectedOrderSource } from '@presswork/platform/lib/common';

/**
 * Failures a person must fix (a wrong token, a broken certificate) show as "error"; the rest as
 * "retrying". Both are retried with back-off, since the cause may go away.
 */
export function needsAttention(error: unknown): boolean {
    const kind = (error as { kind?: unknown })?.kind;
    return kind === 'invalid-token' || kind === 'tls' || (error instanceof Error && /token is not set/.test(error.message));
}

export function describeFailure(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/**
 * What the last window quarantined, in words for the connection's status and log (the orders
 * themselves are in the connection's rejected orders); `undefined` when nothing was.
 */
export function describeQuarantined(rejected: readonly RejectedOrderSource[]): string | undefined {
    if (rejected.length === 0) {
        return undefined;
    }
    const shown = rejected.slice(0, 3).map(describeRejected).join(' ');
    const more = rejected.length > 3 ? ` And ${rejected.length - 3} more.` : '';
    return `${rejected.length} order${rejected.length === 1 ? ' was' : 's were'} quarantined (see Rejected orders); the rest of the window was taken in. ${shown}${more}`;
}

/** "Order PW-1 (lineItems.0.quantity): Too small." */
function describeRejected(order: RejectedOrderSource): string {
    const name = order.orderNumber ? `Order ${order.orderNumber}` : order.marcomOrderId ? `The order with id ${order.marcomOrderId}` : 'An order without id';
    const reason = /[.!?]$/.test(order.reason) ? order.reason : `${order.reason}.`;
    const field = order.path && order.path !== TOO_LARGE_ORDER_PATH ? ` (${order.path})` : '';
    return `${name}${field}: ${reason}`;
}
