import { createHash } from 'node:crypto';

/**
 * Ids derived from what MarcomCentral sends, so that taking in the same order twice (two
 * overlapping windows, a retry after a crash) names the same documents and the store refuses the
 * second copy: intake is idempotent by construction.
 */
export function orderDocumentId(connectionId: string, marcomOrderId: string): string {
    return `o${digest(connectionId, marcomOrderId).slice(0, 40)}`;
}

/**
 * A job id short enough to read out on the shop floor (48 bits: no clash in millions of jobs). The
 * salt, used only when two lines of one order would clash, derives another id for the same line.
 */
export function jobIdOf(connectionId: string, marcomOrderId: string, lineItemId: string, salt = 0): string {
    const parts = salt ? [connectionId, marcomOrderId, lineItemId, String(salt)] : [connectionId, marcomOrderId, lineItemId];
    return `J${digest(...parts).slice(0, 12).toUpperCase()}`;
}

/** Rejected orders are named by their MarcomCentral id when they have one, else by their content. */
export function rejectedOrderId(connectionId: string, marcomOrderId: string | undefined, source: unknown): string {
    return `r${digest(connectionId, marcomOrderId ?? JSON.stringify(source)).slice(0, 40)}`;
}

function digest(...parts: string[]): string {
    return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
