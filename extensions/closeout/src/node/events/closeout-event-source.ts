import { inject, injectable } from '@theia/core/shared/inversify';
import type { EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { clip } from '@presswork/platform/lib/common/job-log';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { CloseoutCollectionNames } from '../../common/closeout-collections';
import { CLOSEOUT_PARTS, type CloseoutPart } from '../../common/closeout-protocol';
import { PART_LABELS } from '../closeout-audit';
import type { CloseoutDocument } from '../closeout-collections';

/** A part MarcomCentral refused (or did not answer), as its closeout record keeps it until the next attempt sends it again. */
export interface CloseoutFailure {
    readonly part: CloseoutPart;
    readonly at: string;
    readonly code?: number;
    readonly message: string;
}

/** What closeout events depend on: the order's names, whether it is closed and with what, and the parts that failed. */
export interface CloseoutSnapshot {
    readonly orderId: string;
    readonly orderNumber: string;
    /** Absent when the order is gone from the store: then no event can name its connection. */
    readonly connectionId?: string;
    readonly customerName?: string;
    readonly closed: boolean;
    readonly closedAt?: string;
    readonly packingSlipNumber?: string;
    readonly carrier?: string;
    readonly trackingNumber?: string;
    readonly failures: readonly CloseoutFailure[];
}

/**
 * Order events from the closeout records (`closeouts`, one per order): closed out when the record
 * says closed (with the packing slip number, carrier and tracking number it was closed with), and
 * closeout failed for each part a closeout attempt recorded as failed. A failure's part and time,
 * and the close's time, name each happening: a retry that fails again is a new event, a replay is not.
 */
@injectable()
export class CloseoutEventSource implements EventSourceContribution<CloseoutDocument, CloseoutSnapshot> {
    readonly id = 'closeouts';
    readonly collection = CloseoutCollectionNames.closeouts;

    @inject(DocumentStore) protected readonly store: DocumentStore;

    observe(closeout: CloseoutDocument): CloseoutSnapshot {
        const order = this.store.get(OrdersCollection, closeout.id);
        const slip = closeout.input?.packingSlip;
        const failures = CLOSEOUT_PARTS.flatMap(part => {
            const stored = closeout.parts[part];
            return stored.status === 'failed' && stored.at
                ? [definedOnly({ part, at: stored.at, code: stored.code, message: stored.message ?? `The ${PART_LABELS[part].toLowerCase()} failed` })]
                : [];
        });
        // The order is closed (its write) just before the record says so (the attempt's end): a stop in
        // between leaves only the order closed, which the next start's look at every record then finds.
        const closed = closeout.closed || !!order?.closed;
        return definedOnly({
            orderId: closeout.id,
            orderNumber: closeout.orderNumber,
            connectionId: order?.connectionId,
            customerName: order ? customerName(order) : undefined,
            closed,
            closedAt: closed ? closeout.closedAt ?? order?.closeout?.closedAt ?? lastPartAt(closeout) : undefined,
            packingSlipNumber: closed ? slip?.packingSlipNumber : undefined,
            carrier: closed ? slip?.carrierName : undefined,
            trackingNumber: closed ? slip?.trackingNumber || undefined : undefined,
            failures
        });
    }

    derive(previous: CloseoutSnapshot | undefined, next: CloseoutSnapshot | undefined): PressworkEventDraft[] {
        if (!next?.connectionId) {
            return [];
        }
        const order = definedOnly({ orderId: next.orderId, orderNumber: next.orderNumber, connectionId: next.connectionId, customerName: next.customerName });
        const subject = `order:${next.orderId}`;
        const drafts: PressworkEventDraft[] = next.failures
            .filter(failure => !previous?.failures.some(seen => seen.part === failure.part && seen.at === failure.at))
            .map(failure => ({
                id: `order.closeout-failed:${next.orderId}:${failure.part}:${failure.at}`, name: 'order.closeout-failed', at: failure.at, subject,
                payload: definedOnly({
                    ...order,
                    part: PART_LABELS[failure.part].toLowerCase(),
                    code: failure.code === undefined ? undefined : String(failure.code),
                    message: clip(failure.message, 2000)
                })
            }));
        if (next.closed && next.closedAt && !previous?.closed) {
            drafts.push({
                id: `order.closed-out:${next.orderId}:${next.closedAt}`, name: 'order.closed-out', at: next.closedAt, subject,
                payload: definedOnly({ ...order, packingSlipNumber: next.packingSlipNumber, carrier: next.carrier, trackingNumber: next.trackingNumber })
            });
        }
        return drafts;
    }
}

function customerName(order: Order): string | undefined {
    const name = [order.customer.firstName, order.customer.lastName].filter(part => part?.trim()).join(' ').trim();
    return name ? clip(name, 200) : undefined;
}

/** When the last part was answered: the close's time for a record that lost it. */
function lastPartAt(closeout: CloseoutDocument): string | undefined {
    return CLOSEOUT_PARTS.map(part => closeout.parts[part].at).filter((at): at is string => !!at).sort().at(-1);
}

function definedOnly<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
