import type { StoredDocument } from './store-protocol';
import type { PressworkEventDraft } from './presswork-events';

/**
 * How the owner of a kind of document says which events its changes are (backend). The
 * notifications extension keeps, for every document of `collection`, the last `observe`d
 * snapshot (journaled with the events, so it survives a crash) and, on each committed change and
 * once at start for changes it missed, asks `derive` for the events between two snapshots.
 * Snapshots are small, plain JSON (a job's state and since, not the order): equal snapshots mean
 * no event.
 */
export const EventSourceContribution = Symbol('EventSourceContribution');
export interface EventSourceContribution<D extends StoredDocument = StoredDocument, S = unknown> {
    /** Unique among sources, e.g. `jobs`, `printer-states`. */
    readonly id: string;
    /** The collection (its name) whose changes this source reads. */
    readonly collection: string;
    /** What of the document its events depend on; must be JSON-serializable and deterministic. */
    observe(document: D): S;
    /**
     * The events from `previous` to `next` (previous undefined: first seen; next undefined: the
     * document was deleted). `document` is the current one when it exists. Each draft's id must be
     * derived from the snapshots (never random, never the clock), so deriving again finds it.
     */
    derive(previous: S | undefined, next: S | undefined, document: D | undefined): PressworkEventDraft[];
}

/**
 * Where an owner hands events that no document change carries (a connection's polling failing, a
 * closeout part refused): the notifications extension binds it; without it installed, nothing is
 * bound, so publishers inject it `@optional()`. Resolves once the events are durable.
 */
export const EventPublisher = Symbol('EventPublisher');
export interface EventPublisher {
    publish(events: readonly PressworkEventDraft[]): Promise<void>;
}
