import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { CLOSEOUT_PARTS, CloseoutInput, CloseoutPart, CloseoutProgress } from '../common/closeout-protocol';
import type { CloseoutDocument, PartEvent, StoredPart } from './closeout-collections';

// The closeout document's states and the changes that move them: pure, the store is the caller's.

export function progressOf(closeout: CloseoutDocument, order: Order | undefined): CloseoutProgress {
    const part = (stored: StoredPart): CloseoutProgress['parts'][CloseoutPart] => ({
        status: stored.status, referenceId: stored.referenceId, code: stored.code, message: stored.message, at: stored.at
    });
    return {
        orderId: closeout.id,
        version: closeout.version,
        input: closeout.input,
        parts: { packingSlip: part(closeout.parts.packingSlip), invoice: part(closeout.parts.invoice), settlement: part(closeout.parts.settlement) },
        runningBy: closeout.running?.by,
        runningSince: closeout.running?.since,
        closed: closeout.closed || !!order?.closed,
        closedBy: closeout.closedBy ?? order?.closeout?.closedBy,
        closedAt: closeout.closedAt ?? order?.closeout?.closedAt
    };
}

const PENDING: StoredPart = { status: 'pending', sent: false };

/** The closeout a never-closed-out order starts with (nothing sent, settlement only for card orders). */
export function freshCloseout(order: Order): Omit<CloseoutDocument, 'version'> {
    return {
        id: order.id,
        orderNumber: order.orderNumber,
        parts: { packingSlip: PENDING, invoice: PENDING, settlement: settlementRequired(order) ? PENDING : { status: 'not-required', sent: false } },
        attempts: [],
        pendingLog: [],
        closed: false
    };
}

export function settlementRequired(order: Pick<Order, 'paymentMethod'>): boolean {
    return order.paymentMethod === 'CreditCard';
}

/**
 * The numbers an attempt sends: a part that was ever sent keeps the numbers it was sent with (the
 * store may have applied it); a part never sent takes what the operator typed now.
 */
export function effectiveInput(closeout: CloseoutDocument, typed: CloseoutInput): CloseoutInput {
    const fixed = closeout.input;
    return {
        packingSlip: fixed && closeout.parts.packingSlip.sent ? fixed.packingSlip : typed.packingSlip,
        invoice: fixed && closeout.parts.invoice.sent ? fixed.invoice : typed.invoice
    };
}

/** The first part still to do, or undefined when every required part is done. */
export function nextPart(parts: CloseoutDocument['parts']): CloseoutPart | undefined {
    return CLOSEOUT_PARTS.find(part => parts[part].status !== 'done' && parts[part].status !== 'not-required');
}

/**
 * The parts with the next one marked 'sending' (and sent, which fixes its numbers): written in the
 * same write as what comes before it, so it is durable before the request leaves.
 */
export function withNextSending(parts: CloseoutDocument['parts'], at: string): CloseoutDocument['parts'] {
    const next = nextPart(parts);
    return next ? { ...parts, [next]: { ...parts[next], status: 'sending', at, sent: true } } : parts;
}

/** One part's answer as the attempt records it. */
export interface PartResult {
    readonly part: CloseoutPart;
    readonly done: boolean;
    readonly state: StoredPart;
    readonly event: PartEvent;
    readonly entry: JobLogEntry;
}

/** The closeout with a part's answer: its state, the attempt's event, and its audit entry pending for the logs. */
export function withResult(current: CloseoutDocument, result: PartResult): CloseoutDocument {
    const lastAttempt = current.attempts.length - 1;
    return {
        ...current,
        parts: { ...current.parts, [result.part]: result.state },
        attempts: current.attempts.map((attempt, index) => index === lastAttempt ? { ...attempt, events: [...attempt.events, result.event].slice(-10) } : attempt),
        pendingLog: [...current.pendingLog, result.entry].slice(-1000)
    };
}
