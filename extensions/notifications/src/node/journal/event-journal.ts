import type { Event } from '@theia/core/lib/common/event';
import type { PressworkEvent, PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';

/**
 * The durable, ordered record of every event (the outbox): appended by the event sources and the
 * `EventPublisher`, read by the rule dispatcher from its own persisted position and paged by
 * `GET /api/v1/events?after=<seq>`. Positions (`seq`) increase by one and survive restarts.
 *
 * A reader (the dispatcher) awaits `ready`, then loops `read(position, n)` until a page comes back
 * empty, persisting its position after dealing with each page, and wakes on `onDidAppend` to read
 * again (the event carries what was appended, but reading from its position never skips any);
 * it tells `JournalRetention.holdFrom` its position so that pruning keeps what it has not read.
 */
export const EventJournal = Symbol('EventJournal');
export interface EventJournal {
    /** Resolves once the journal is open and the events missed while Presswork was down are derived. */
    readonly ready: Promise<void>;
    /** The position of the last event journaled (0 when none). */
    readonly lastSeq: number;
    /**
     * Makes the drafts durable, in order, each with the next position; a draft whose id is
     * journaled already is skipped (derived again after a crash). Resolves with those appended.
     */
    append(drafts: readonly PressworkEventDraft[]): Promise<readonly PressworkEvent[]>;
    /** Up to `limit` events after position `afterSeq`, oldest first (fewer at the end, or where old ones were pruned). */
    read(afterSeq: number, limit: number): Promise<readonly PressworkEvent[]>;
    /** Fires after each durable append, with what was appended. */
    readonly onDidAppend: Event<readonly PressworkEvent[]>;
}

/**
 * How a reader of the journal keeps the events it has not read yet: pruning (after the retention,
 * 30 days by default) never removes a segment holding events after a held position.
 */
export const JournalRetention = Symbol('JournalRetention');
export interface JournalRetention {
    /** `consumer` (e.g. `rule-dispatcher`) has dealt with every event up to `seq`; call again as it moves on. */
    holdFrom(consumer: string, seq: number): void;
}
