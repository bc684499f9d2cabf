import { inject, injectable } from '@theia/core/shared/inversify';
import type { EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { clip } from '@presswork/platform/lib/common/job-log';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { ConnectionsCollectionNames } from '../../common/connections-collections';
import type { ConnectionState } from '../connection-collections';

/** What connection events depend on: whether polling fails, since when and why (not when it last polled). */
export interface ConnectionSnapshot {
    readonly connectionId: string;
    /** The connection's name when its state was written (the state document holds only its id). */
    readonly connection: string;
    readonly failing: boolean;
    readonly since?: string;
    readonly reason?: string;
}

/**
 * Connection events from the poller's state documents (`connection-states`, one per connection):
 * failing when polling starts to fail (retrying or an error a person must fix), recovered when a
 * poll succeeds again; nothing for the polls between, however their message changes. The poller
 * keeps the failure's start in `since`, so connection id and `since` name each failure. A document
 * carries this status, so the journal derives it after a crash too: nothing is published by hand.
 */
@injectable()
export class ConnectionEventSource implements EventSourceContribution<ConnectionState, ConnectionSnapshot> {
    readonly id = 'connection-states';
    readonly collection = ConnectionsCollectionNames.states;

    @inject(DocumentStore) protected readonly store: DocumentStore;

    observe(state: ConnectionState): ConnectionSnapshot {
        const connection = this.store.get(ConnectionsCollection, state.id)?.name ?? state.id;
        const { status } = state;
        if ((status.state === 'retrying' || status.state === 'error') && status.since) {
            return { connectionId: state.id, connection, failing: true, since: status.since, reason: clip(status.message || 'polling fails', 2000) };
        }
        return { connectionId: state.id, connection, failing: false };
    }

    derive(previous: ConnectionSnapshot | undefined, next: ConnectionSnapshot | undefined, document?: ConnectionState): PressworkEventDraft[] {
        if (!next) {
            // A deleted connection neither fails nor recovers.
            return [];
        }
        const { connectionId, connection } = next;
        const subject = `connection:${connectionId}`;
        const drafts: PressworkEventDraft[] = [];
        // A failure that ended: polling works again, or (seen only after a restart) failed anew since.
        if (previous?.failing && previous.since && previous.since !== next.since) {
            drafts.push({
                // Named by the failure it ends: one recovery per failure. When it recovered is the poll that worked.
                id: `connection.recovered:${connectionId}:${previous.since}`, name: 'connection.recovered', subject,
                at: next.failing ? next.since! : document?.status.lastPollAt ?? previous.since,
                payload: { connectionId, connection, failingSince: previous.since }
            });
        }
        if (next.failing && next.since && next.since !== previous?.since) {
            drafts.push({
                id: `connection.failing:${connectionId}:${next.since}`, name: 'connection.failing', at: next.since, subject,
                payload: { connectionId, connection, since: next.since, reason: next.reason ?? 'polling fails' }
            });
        }
        return drafts;
    }
}
