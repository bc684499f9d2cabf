import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';
import type { ChannelOutcome } from '@presswork/platform/lib/common/notification-channel-contribution';
import { NotificationChannelRegistry } from '@presswork/platform/lib/common/notification-channel-registry';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { KeyedLock } from '@presswork/platform/lib/node/store/keyed-lock';
import type { Delivery, DeliveryAttempt } from '../../common/notifications-protocol';
import { EventJournal } from '../journal/event-journal';
import { DeliveriesCollection } from '../notifications-collections';
import { JournalEvents } from './journal-events';

/** How long a delivery is retried after it was made. */
export const DELIVERY_LIFETIME_MS = 24 * 60 * 60_000;
const FIRST_RETRY_MS = 10_000;
const LONGEST_RETRY_MS = 60 * 60_000;
const MAX_ATTEMPTS_KEPT = 100;

/** The wait before attempt `failed + 1`: 10 s, 20 s, 40 s… at most an hour, each ±20 % so that many failures do not retry in step. */
export function retryDelayMs(failed: number, random: number): number {
    const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failed - 1));
    return Math.round(base * (0.8 + 0.4 * random));
}

/**
 * Sends pending deliveries through their channel (NotificationChannelRegistry, by kind), at most
 * `concurrency` at a time, each when it is due; records every attempt; retries with back-off until
 * the delivery expires (24 h after it was made), and gives up at once when the channel says trying
 * again cannot help. At start it takes up every pending delivery, so a restart loses none.
 */
@injectable()
export class DeliverySender {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(NotificationChannelRegistry) protected readonly channels: NotificationChannelRegistry;
    @inject(EventJournal) protected readonly journal: EventJournal;
    @inject(ILogger) @named('notifications:DeliverySender') protected readonly logger: ILogger;

    /**
     * Deliveries in flight at once. Each attempt ends with a durable write; many in flight share
     * one group commit, so the cap bounds throughput near concurrency / commit time.
     */
    concurrency = 32;
    readonly events = new JournalEvents(() => this.journal);
    /** One attempt (or fold into a held delivery) at a time per delivery. */
    protected readonly locks = new KeyedLock();
    /** Due now, in the order they fell due. */
    protected readonly ready = new Set<string>();
    /** Due later, by id: when (ms); one timer wakes the sender at the earliest. */
    protected readonly waiting = new Map<string, number>();
    protected readonly sending = new Set<string>();
    protected timer: NodeJS.Timeout | undefined;
    protected timerAt = Infinity;
    protected running = false;
    protected abort = new AbortController();

    /** Takes up every pending delivery. */
    start(): void {
        this.running = true;
        this.abort = new AbortController();
        for (const delivery of this.store.findBy(DeliveriesCollection, 'state', 'pending')) {
            this.schedule(delivery);
        }
    }

    /** Stops sending; attempts under way are aborted and end as failed attempts to retry later. */
    async stop(): Promise<void> {
        this.running = false;
        this.clearTimer();
        this.abort.abort();
        await this.locks.idle();
    }

    /** Sends a pending delivery when it is due. */
    schedule(delivery: Delivery): void {
        this.ready.delete(delivery.id);
        this.waiting.delete(delivery.id);
        if (delivery.state === 'pending') {
            this.scheduleAt(delivery.id, Date.parse(delivery.nextAttemptAt ?? delivery.createdAt));
        }
        this.pump();
    }

    /** Runs `work` while no attempt of that delivery is under way (the dispatcher folds events into held ones so). */
    withDelivery<R>(id: string, work: () => Promise<R>): Promise<R> {
        return this.locks.run(id, work);
    }

    /** Sends a delivered, failed or expired delivery again now, as one more attempt with the same id. */
    async redeliver(id: string): Promise<Delivery> {
        const delivery = this.store.get(DeliveriesCollection, id);
        if (!delivery) {
            throw PressworkError.NotFound('That delivery no longer exists');
        }
        if (delivery.state === 'pending') {
            throw PressworkError.Refused('That delivery is still being sent; it is tried again on its own');
        }
        return this.withDelivery(id, async () => {
            const { attempt } = await this.attempt(this.store.get(DeliveriesCollection, id) ?? delivery);
            return this.store.modify(DeliveriesCollection, id, current => ({
                ...withAttempt(current, attempt),
                ...(attempt.ok ? { state: 'delivered' as const, deliveredAt: attempt.at } : {})
            }));
        });
    }

    /** Whether sending is idle (tests and stop wait for it). */
    idle(): Promise<void> {
        return this.locks.idle();
    }

    protected scheduleAt(id: string, at: number): void {
        if (at <= Date.now()) {
            this.ready.add(id);
            return;
        }
        this.waiting.set(id, at);
        if (this.running && at < this.timerAt) {
            this.clearTimer();
            this.timerAt = at;
            this.timer = setTimeout(() => this.fallDue(), Math.min(at - Date.now(), 2 ** 31 - 1));
        }
    }

    /** Moves what is due from waiting to ready, sets the timer for the next, and sends. */
    protected fallDue(): void {
        this.clearTimer();
        const now = Date.now();
        let next = Infinity;
        for (const [id, at] of this.waiting) {
            if (at <= now) {
                this.waiting.delete(id);
                this.ready.add(id);
            } else {
                next = Math.min(next, at);
            }
        }
        if (next < Infinity && this.running) {
            this.timerAt = next;
            this.timer = setTimeout(() => this.fallDue(), Math.min(next - now, 2 ** 31 - 1));
        }
        this.pump();
    }

    protected clearTimer(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.timerAt = Infinity;
    }

    /** Starts ready deliveries while fewer than `concurrency` are being sent. */
    protected pump(): void {
        for (const id of this.ready) {
            if (!this.running || this.sending.size >= this.concurrency) {
                return;
            }
            this.ready.delete(id);
            if (this.sending.has(id)) {
                continue;
            }
            this.sending.add(id);
            this.withDelivery(id, () => this.sendDue(id))
                .catch(error => this.logger.error(`Delivery ${id} could not be sent or recorded`, error))
                .finally(() => { this.sending.delete(id); this.pump(); });
        }
    }

    protected async sendDue(id: string): Promise<void> {
        const delivery = this.store.get(DeliveriesCollection, id);
        if (!delivery || delivery.state !== 'pending') {
            return;
        }
        if (Date.now() >= Date.parse(delivery.expiresAt)) {
            await this.store.modify(DeliveriesCollection, id, (current): Delivery => ({ ...current, state: 'expired', nextAttemptAt: undefined }));
            return;
        }
        const { attempt, outcome } = await this.attempt(delivery);
        const failed = delivery.attempts.filter(each => !each.ok).length + 1;
        const retryAt = Date.now() + retryDelayMs(failed, this.random());
        const updated = await this.store.modify(DeliveriesCollection, id, (current): Delivery => {
            const recorded = withAttempt(current, attempt);
            if (outcome.ok) {
                return { ...recorded, state: 'delivered', deliveredAt: attempt.at, nextAttemptAt: undefined };
            }
            if (!outcome.retryable) {
                return { ...recorded, state: 'failed', nextAttemptAt: undefined };
            }
            return retryAt >= Date.parse(current.expiresAt)
                ? { ...recorded, state: 'expired', nextAttemptAt: undefined }
                : { ...recorded, nextAttemptAt: new Date(retryAt).toISOString() };
        });
        if (updated.state === 'pending') {
            this.scheduleAt(id, retryAt);
        } else if (updated.state !== 'delivered') {
            this.logger.warn(`Delivery ${id} (${updated.subject}) ${updated.state === 'failed' ? 'failed' : 'expired'}: ${attempt.detail}`);
        }
    }

    protected async attempt(delivery: Delivery): Promise<{ attempt: DeliveryAttempt; outcome: ChannelOutcome }> {
        const at = new Date().toISOString();
        const started = Date.now();
        const outcome = await this.deliver(delivery);
        const detail = outcome.ok ? outcome.detail : outcome.reason;
        return { attempt: { at, ok: outcome.ok, detail: (detail || (outcome.ok ? 'sent' : 'failed')).slice(0, 1000), durationMs: Date.now() - started }, outcome };
    }

    protected async deliver(delivery: Delivery): Promise<ChannelOutcome> {
        const channel = this.channels.get(delivery.channel);
        if (!channel) {
            return { ok: false, retryable: true, reason: `No ${delivery.channel} channel is installed` };
        }
        try {
            const events = await this.events.bySeq(delivery.eventSeqs);
            return await channel.deliver({
                id: delivery.id,
                attempt: delivery.attempts.length + 1,
                destination: delivery.destination,
                message: { ...delivery.message, events },
                signal: this.abort.signal
            });
        } catch (error) {
            return { ok: false, retryable: true, reason: messageOf(error) };
        }
    }

    /** Jitter for the back-off (tests fix it). */
    protected random(): number {
        return Math.random();
    }
}

function withAttempt(delivery: Delivery, attempt: DeliveryAttempt): Delivery {
    return { ...delivery, attempts: [...delivery.attempts, attempt].slice(-MAX_ATTEMPTS_KEPT) };
}
