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

/** How long a lock holds without being renewed, by default: three leases (PRESSWORK_LEASE_SECONDS, 10 s). */
export const DEFAULT_LOCK_MS = 30_000;

/**
 * The lock kept in the closeout document (so two operators, or two servers, never run one order at
 * once), and the opening of an attempt under it: the numbers fixed, the attempt and its audit entry.
 * The version check of the store's writes makes taking it atomic across servers.
 */
export class CloseoutLock {
    /** Orders whose attempt runs in this backend now, with the timer renewing its lock. */
    protected readonly runningHere = new Map<string, ReturnType<typeof setInterval> | undefined>();

    constructor(
        protected readonly store: DocumentStore,
        /** Identifies this backend process in locks. */
        readonly owner: string,
        protected readonly now: () => Date,
        protected readonly lockMs = DEFAULT_LOCK_MS
    ) { }

    /**
     * Whether the next attempt may take the lock over. A lock of this process that no attempt here
     * holds was left by a stop. With the embedded store one backend owns the data folder, so another
     * process's lock was left by a stop or a crash: the next attempt resumes at once. With PostgreSQL
     * another server's lock holds while that server renews it: the lock of a server that died expires
     * within `lockMs`, and the next attempt (on any server) resumes it, a part left 'sending' sent
     * again with the numbers fixed.
     */
    isAbandoned(closeout: CloseoutDocument): boolean {
        const lock = closeout.running;
        if (!lock) {
            return true;
        }
        if (lock.owner === this.owner) {
            return !this.runningHere.has(closeout.id);
        }
        if (this.store.kind === 'embedded') {
            return true;
        }
        const expiresAt = lock.expiresAt ? Date.parse(lock.expiresAt) : Date.parse(lock.since) + this.lockMs;
        return expiresAt <= this.now().getTime();
    }

    /**
     * Refuses to go on with an attempt whose lock is no longer this backend's (it could not renew
     * it in time and another server took the closeout over): no part is sent twice at once.
     */
    checkHeld(order: Order): void {
        if (this.store.get(CloseoutsCollection, order.id)?.running?.owner !== this.owner) {
            throw PressworkError.Refused(`The closeout of order ${order.orderNumber} was taken over by another server`);
        }
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
                    const started = await this.store.create(CloseoutsCollection, created);
                    this.keepRenewing(order.id);
                    return started;
                } catch (error) {
                    // Another attempt created it in the meantime: take the lock as from an existing one.
                    if (!this.store.get(CloseoutsCollection, order.id)) {
                        throw error;
                    }
                }
            }
            const started = await this.store.modify(CloseoutsCollection, order.id, current => this.startAttempt(current, order, typed, by, now));
            this.keepRenewing(order.id);
            return started;
        } catch (error) {
            if (this.store.get(CloseoutsCollection, order.id)?.running?.owner !== this.owner) {
                this.runningHere.delete(order.id);
            }
            throw error;
        }
    }

    /** The attempt of this backend has ended (its end written, or the write failed): a lock left in the document is abandoned. */
    release(orderId: string): void {
        clearInterval(this.runningHere.get(orderId));
        this.runningHere.delete(orderId);
    }

    /**
     * Renews the lock while the attempt runs, with PostgreSQL (several servers): three times in
     * its time, so that a slow write or two does not let it expire. The embedded store needs none.
     */
    protected keepRenewing(orderId: string): void {
        if (this.store.kind === 'embedded' || !this.runningHere.has(orderId)) {
            return;
        }
        clearInterval(this.runningHere.get(orderId));
        const timer = setInterval(() => {
            this.store.modify(CloseoutsCollection, orderId, current => current.running?.owner === this.owner
                ? { ...current, running: { ...current.running, expiresAt: this.expiry() } }
                : current
            ).catch(() => undefined); // the next renewal tries again; an expired lock stops the attempt at its next part
        }, Math.max(this.lockMs / 3, 10));
        timer.unref?.();
        this.runningHere.set(orderId, timer);
    }

    protected expiry(): string {
        return new Date(this.now().getTime() + this.lockMs).toISOString();
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
        this.runningHere.set(order.id, undefined);
        const attempt: Attempt = { by, startedAt: now.toISOString(), events: [] };
        const started: CloseoutDocument = {
            ...current,
            input,
            parts: withNextSending(current.parts, now.toISOString()),
            running: { by, since: now.toISOString(), owner: this.owner, expiresAt: this.expiry() },
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
