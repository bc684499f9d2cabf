import type { ConnectionTestResult } from '@presswork/platform/lib/common';
import { MarcomCentralError } from './marcomcentral-error';
import type { MarcomCentralClient, MarcomCentralEndpoint } from './marcomcentral-client';

export interface ConnectionTestOptions {
    /** The clock; tests pass their own. */
    readonly now?: () => Date;
    /** Default: the last hour. */
    readonly windowMs?: number;
    readonly signal?: AbortSignal;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * "Test connection": one cheap GetOrdersByDate over the last hour. Note that it counts against the
 * store's polling allowance like any other GetOrdersByDate.
 */
export async function testConnection(
    client: Pick<MarcomCentralClient, 'getOrdersByDate'>, endpoint: MarcomCentralEndpoint, options: ConnectionTestOptions = {}
): Promise<ConnectionTestResult> {
    const now = (options.now ?? (() => new Date()))();
    const windowMs = options.windowMs ?? HOUR_MS;
    const window = { start: new Date(now.getTime() - windowMs).toISOString(), end: now.toISOString() };
    try {
        const { orders, rejected } = await client.getOrdersByDate(endpoint, window, options.signal);
        const count = orders.length + rejected.length;
        const unreadable = rejected.length > 0 ? ` (${rejected.length} of them could not be read)` : '';
        return { ok: true, detail: `Connected: ${count} order${count === 1 ? '' : 's'} in the last ${describeWindow(windowMs)}${unreadable}` };
    } catch (error) {
        if (error instanceof MarcomCentralError) {
            return { ok: false, reason: reasonFor(error), detail: error.message };
        }
        return { ok: false, reason: 'other', detail: error instanceof Error ? error.message : String(error) };
    }
}

function reasonFor(error: MarcomCentralError): Exclude<ConnectionTestResult, { ok: true }>['reason'] {
    switch (error.kind) {
        case 'unreachable':
        case 'timeout':
            return 'unreachable';
        case 'invalid-token':
            return 'invalid-token';
        case 'tls':
            return 'tls';
        case 'bad-response':
        case 'too-large':
            return 'bad-response';
        default:
            return 'other';
    }
}

function describeWindow(windowMs: number): string {
    if (windowMs === HOUR_MS) {
        return 'hour';
    }
    if (windowMs % HOUR_MS === 0) {
        return `${windowMs / HOUR_MS} hours`;
    }
    return `${Math.round(windowMs / 60_000)} minutes`;
}
