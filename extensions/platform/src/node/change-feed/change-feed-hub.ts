import { inject, injectable, named } from '@theia/core/shared/inversify';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ILogger } from '@theia/core/lib/common/logger';
import { hasPermission } from '../../common/authority';
import { CHANGE_FEED_INTERVAL_MS } from '../../common/change-feed-protocol';
import type { ChangeFeedClient, DocumentDelta } from '../../common/change-feed-protocol';
import { Coalescer } from '../../common/coalescer';
import type { DocumentChange } from '../../common/store-protocol';
import { DocumentStore } from '../store/document-store';
import type { RpcCaller } from '../rpc/rpc-caller';
import { ChangeFeedProjection } from './change-feed-projection';
import { TurnQueue } from '../turn-queue';

export interface ChangeFeedSubscriber {
    readonly caller: RpcCaller;
    readonly client: ChangeFeedClient;
    collections: ReadonlySet<string>;
    /** Collections whose deltas go without their document (ids only). */
    withoutDocuments?: ReadonlySet<string>;
}

/**
 * Connections sent their changes per turn of the event loop. Each message is encoded for its
 * connection alone; the coalescers of connections that subscribed together fire together, and
 * twenty sessions' messages during intake ran as one task of 60-90 ms (load benchmark, CPU profile).
 */
export const CONNECTIONS_SENT_PER_TURN = 2;

/** What waits to go to one subscriber: each document's last change, in commit order. */
interface SubscriberQueue {
    readonly pending: Map<string, DocumentChange>;
    readonly coalescer: Coalescer;
}

/**
 * Fans committed changes out to every subscribed browser connection. Changes committed in the same
 * turn of the event loop travel together; while changes keep coming, each connection receives at
 * most one message per interval holding each document's last change, so a burst of intake costs a
 * browser a few messages a second whatever the rate of commits. The messages of many connections
 * due at once go out a few a turn (CONNECTIONS_SENT_PER_TURN), not as one long task.
 *
 * It starts with the backend rather than with the first browser: a root singleton first resolved
 * from a connection's container cannot see the root's named contribution providers.
 */
@injectable()
export class ChangeFeedHub implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ContributionProvider) @named(ChangeFeedProjection) protected readonly projectionProvider: ContributionProvider<ChangeFeedProjection>;
    @inject(ILogger) @named('platform:ChangeFeedHub') protected readonly logger: ILogger;

    protected readonly subscribers = new Map<ChangeFeedSubscriber, SubscriberQueue>();
    protected pending: DocumentChange[] = [];
    protected readonly sends = new TurnQueue(CONNECTIONS_SENT_PER_TURN);
    protected projections = new Map<string, ChangeFeedProjection>();
    /** At most one message per this interval to each connection while changes keep coming. */
    protected intervalMs = CHANGE_FEED_INTERVAL_MS;

    initialize(): void {
        this.projections = projectionsByCollection(this.projectionProvider.getContributions());
        this.store.onDidChange(change => this.enqueue(change));
    }

    add(subscriber: ChangeFeedSubscriber): void {
        if (!this.subscribers.has(subscriber)) {
            const pending = new Map<string, DocumentChange>();
            const coalescer = new Coalescer(() => this.sends.push(() => this.send(subscriber, pending)), this.intervalMs);
            this.subscribers.set(subscriber, { pending, coalescer });
        }
    }

    /** The connection closed: nothing more is sent to it and its timer stops. */
    remove(subscriber: ChangeFeedSubscriber): void {
        this.subscribers.get(subscriber)?.coalescer.dispose();
        this.subscribers.delete(subscriber);
    }

    protected enqueue(change: DocumentChange): void {
        if (!this.projections.has(change.collection)) {
            return;
        }
        if (this.pending.length === 0) {
            setImmediate(() => this.flush());
        }
        this.pending.push(change);
    }

    protected flush(): void {
        const changes = this.pending;
        this.pending = [];
        for (const [subscriber, queue] of this.subscribers) {
            let queued = false;
            for (const change of changes) {
                if (subscriber.collections.has(change.collection)) {
                    // A later change of the same document replaces the earlier one, at the end.
                    const key = `${change.collection}/${change.id}`;
                    queue.pending.delete(key);
                    queue.pending.set(key, change);
                    queued = true;
                }
            }
            if (queued) {
                queue.coalescer.request();
            }
        }
    }

    protected send(subscriber: ChangeFeedSubscriber, pending: Map<string, DocumentChange>): void {
        if (!this.subscribers.has(subscriber)) {
            return;
        }
        const deltas = this.deltasFor(subscriber, [...pending.values()]);
        pending.clear();
        if (deltas.length) {
            try {
                subscriber.client.onDidCommit(deltas);
            } catch (error) {
                this.logger.warn('could not send changes to a browser', error);
            }
        }
    }

    /** What this subscriber may see of the changes: nothing at all once its session has ended. */
    protected deltasFor(subscriber: ChangeFeedSubscriber, changes: readonly DocumentChange[]): DocumentDelta[] {
        let authority;
        try {
            authority = subscriber.caller.user().authority;
        } catch {
            return [];
        }
        const deltas: DocumentDelta[] = [];
        for (const change of changes) {
            const projection = this.projections.get(change.collection)!;
            if (subscriber.collections.has(change.collection) && hasPermission(authority, projection.permission)) {
                const withDocument = change.document && !subscriber.withoutDocuments?.has(change.collection);
                deltas.push({
                    collection: change.collection, kind: change.kind, id: change.id, version: change.version,
                    document: withDocument ? projection.project(change.document!) : undefined
                });
            }
        }
        return deltas;
    }
}

/** One projection per collection: a second would silently decide what browsers see instead of the first. */
export function projectionsByCollection(projections: readonly ChangeFeedProjection[]): Map<string, ChangeFeedProjection> {
    const byCollection = new Map<string, ChangeFeedProjection>();
    for (const projection of projections) {
        if (byCollection.has(projection.collection)) {
            throw new Error(`Two change-feed projections are bound for the collection "${projection.collection}"; bind one`);
        }
        byCollection.set(projection.collection, projection);
    }
    return byCollection;
}
