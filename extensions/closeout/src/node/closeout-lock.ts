import type { Order } from '@presswork/platform/lib/common/order-schema';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { CLOSEOUT_PARTS, CloseoutInput } from '../common/closeout-protocol';
import { Attempt, CloseoutDocument, CloseoutsCollection } from './closeout-collections';
import { logEntry } from '@presswork/platform/lib/common/job-log';
import { PART_LABELS, requestSummary } from './closeout-audit';
import { numberTakenBy } from './closeout-proposal';
import { effectiveInput, freshCloseout, withNextSending } from './closeout-state';

/** `hh:mm` in the server's zone, for "… since 14:05". */
export function clockTime(iso: string): string {
    const date = new Date(iso);
    return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/**
 * The lock kept in the closeout document (so two operators, or two backends, never run one order at
 * once), and the opening of an attempt under it: the numbers fixed, the attempt and its audit entry.
 */
export class CloseoutLock {
    /** Orders whose attempt runs in this backend now. */
    protected readonly runningHere = new Set<string>();

    constructor(
        protected readonly store: DocumentStore,
        /** Identifies this backend process in locks. */
        readonly owner: string,
        protected readonly now: () => Date
    ) { }

    /**
     * One backend owns a data folder at a time (the store is embedded), so a lock that no attempt of
     * this process holds was left by a stop or a crash: the next attempt resumes at once.
     */
    isAbandoned(closeout: CloseoutDocument): boolean {
        return !closeout.running || !this.runningHere.has(closeout.id);
    }

    /**
     * Takes the lock, fixes the numbers and opens an attempt, in one write (the first attempt creates
     * the closeout document with it); refuses with who holds the lock.
     */
    async acquire(order: Order, typed: CloseoutInput, by: string): Promise<CloseoutDocument> {
        const now = this.now();
        try {
            if (!this.store.get(CloseoutsCollection, order.id)) {
                try {
                    const { version: _new, ...created } = this.startAttempt({ ...freshCloseout(order), version: 0 }, order, typed, by, now);
                    return await this.store.create(CloseoutsCollection, created);
                } catch (error) {
                    // Another attempt created it in the meantime: take the lock as from an existing one.
                    if (!this.store.get(CloseoutsCollection, order.id)) {
                        throw error;
                    }
                }
            }
            return await this.store.modify(CloseoutsCollection, order.id, current => this.startAttempt(current, order, typed, by, now));
        } catch (error) {
            if (this.store.get(CloseoutsCollection, order.id)?.running?.owner !== this.owner) {
                this.runningHere.delete(order.id);
            }
            throw error;
        }
    }

    /** The attempt of this backend has ended (its end written, or the write failed): a lock left in the document is abandoned. */
    release(orderId: string): void {
        this.runningHere.delete(orderId);
    }

    protected startAttempt(current: CloseoutDocument, order: Order, typed: CloseoutInput, by: string, now: Date): CloseoutDocument {
        if (!this.isAbandoned(current)) {
            const lock = current.running!;
            throw PressworkError.Refused(`${lock.by} is closing out order ${order.orderNumber} since ${clockTime(lock.since)}`);
        }
        if (current.closed) {
            throw PressworkError.Refused(`Order ${order.orderNumber} is already closed`);
        }
        const input = effectiveInput(current, typed);
        this.checkNumbersFree(order, input);
        this.runningHere.add(order.id);
        const attempt: Attempt = { by, startedAt: now.toISOString(), events: [] };
        const started: CloseoutDocument = {
            ...current,
            input,
            parts: withNextSending(current.parts, now.toISOString()),
            running: { by, since: now.toISOString(), owner: this.owner },
            attempts: [...current.attempts.slice(-199), attempt]
        };
        const opened = logEntry(now.toISOString(), `Closeout attempt ${started.attempts.length} by ${by}: ${attemptSummary(started, order)}`, 'info', by);
        return { ...started, pendingLog: [...current.pendingLog, opened].slice(-1000) };
    }

    protected checkNumbersFree(order: Order, input: CloseoutInput): void {
        const slipOwner = numberTakenBy(this.store, 'packingSlipNumber', input.packingSlip.packingSlipNumber, order.id);
        if (slipOwner) {
            throw PressworkError.Refused(`Packing slip number ${input.packingSlip.packingSlipNumber} is already used by order ${slipOwner}`);
        }
        const invoiceOwner = numberTakenBy(this.store, 'invoiceNumber', input.invoice.invoiceNumber, order.id);
        if (invoiceOwner) {
            throw PressworkError.Refused(`Invoice number ${input.invoice.invoiceNumber} is already used by order ${invoiceOwner}`);
        }
    }
}

/** What an attempt will do, part by part, for its opening audit entry. */
function attemptSummary(closeout: CloseoutDocument, order: Order): string {
    const input = closeout.input!;
    return CLOSEOUT_PARTS.map(part => {
        const state = closeout.parts[part];
        const label = part === 'settlement' ? 'settlement' : requestSummary(part, input, order.lineItems.length);
        return state.status === 'done' ? `${PART_LABELS[part].toLowerCase()} already done` : state.status === 'not-required' ? 'no settlement (not a card order)' : label;
    }).join('; ');
}
