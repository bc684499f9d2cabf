import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { CloseoutsCollection } from './closeout-collections';
import { logEntry } from '@presswork/platform/lib/common/job-log';
import { withAudit } from './closeout-audit';
import type { AttemptContext } from './closeout-part-sender';
import { PartResult, withResult } from './closeout-state';

/** Every required part is done: the order is closed with its record and the audit, in one write. */
export async function closeOrder(store: DocumentStore, { order, input, by }: AttemptContext, last: PartResult | undefined, at: string): Promise<void> {
    const closeout = store.get(CloseoutsCollection, order.id)!;
    const settlementState = last?.part === 'settlement' ? last.state : closeout.parts.settlement;
    const settlement = settlementState.status === 'done' ? settlementState.referenceId : undefined;
    const record = {
        packingSlipNumber: input.packingSlip.packingSlipNumber,
        invoiceNumber: input.invoice.invoiceNumber,
        // The record keeps one reference (the store answers the same capture for every line).
        settlementReference: settlement?.split(', ')[0].slice(0, 64),
        closedBy: by,
        closedAt: at
    };
    const summary = `Order ${order.orderNumber} closed out by ${by}: packing slip ${record.packingSlipNumber}, invoice ${record.invoiceNumber}` +
        (settlement ? `, settlement ${settlement}` : settlementState.status === 'not-required' ? ', no settlement (not a card order)' : '');
    const audit = [...closeout.pendingLog, ...(last ? [last.entry] : []), logEntry(at, summary, 'info', by)];
    await store.modify(OrdersCollection, order.id, current => ({ ...withAudit(current, audit), closed: true, closeout: record }));
}

/**
 * Ends the attempt (closed, or stopped at a part) and drops this backend's (`owner`) lock from the
 * closeout document, in one write; with the last part's answer when the attempt closed the order. The audit still pending
 * is copied into the logs of the order and its jobs first.
 */
export async function endAttempt(store: DocumentStore, orderId: string, by: string, last: PartResult | undefined, at: string, owner: string): Promise<void> {
    const pendingLog = store.get(CloseoutsCollection, orderId)?.pendingLog ?? [];
    // Closing the order wrote them already; a stopped attempt copies them now.
    if (pendingLog.length > 0 && !store.get(OrdersCollection, orderId)?.closed) {
        await store.modify(OrdersCollection, orderId, order => withAudit(order, pendingLog));
    }
    const record = store.get(OrdersCollection, orderId)?.closeout;
    const closed = !!store.get(OrdersCollection, orderId)?.closed;
    await store.modify(CloseoutsCollection, orderId, current => {
        const { running, ...rest } = last ? withResult(current, last) : current;
        return {
            ...rest,
            // A lock another server took over (this one's had expired) is that server's to drop.
            ...(running && running.owner !== owner ? { running } : {}),
            // Copied into the order's and jobs' logs by now (the last part's entry with the close).
            pendingLog: current.pendingLog.slice(pendingLog.length),
            closed,
            closedBy: closed ? record?.closedBy : undefined,
            closedAt: closed ? record?.closedAt : undefined,
            attempts: rest.attempts.map((attempt, index) => index === rest.attempts.length - 1 && attempt.by === by && !attempt.endedAt
                ? { ...attempt, endedAt: at, outcome: closed ? 'closed' as const : 'stopped' as const }
                : attempt)
        };
    });
}
