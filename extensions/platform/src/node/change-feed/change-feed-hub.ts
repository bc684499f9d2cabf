import { inject, injectable, named } from '@theia/core/shared/inversify';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ILogger } from '@theia/core/lib/common/logger';
import { hasPermission } from '../../common/authority';
import type { ChangeFeedClient, DocumentDelta } from '../../common/change-feed-protocol';
import type { DocumentChange } from '../../common/store-protocol';
import { DocumentStore } from '../store/document-store';
import type { RpcCaller } from '../rpc/rpc-caller';
import { ChangeFeedProjection } from './change-feed-projection';

export interface ChangeFeedSubscriber {
    readonly caller: RpcCaller;
    readonly client: ChangeFeedClient;
    collections: ReadonlySet<string>;
}

/**
 * Fans committed changes out to every subscribed browser connection. Changes committed in the same
 * turn of the event loop travel together, so a burst of intake costs one message per browser.
 *
 * It starts with the backend rather than with the first browser: a root singleton first resolved
 * from a connection's container cannot see the root's named contribution providers.
 */
@injectable()
export class ChangeFeedHub implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ContributionProvider) @named(ChangeFeedProjection) protected readonly projectionProvider: ContributionProvider<ChangeFeedProjection>;
    @inject(ILogger) @named('platform:ChangeFeedHub') protected readonly logger: ILogger;

    protected readonly subscribers = new Set<ChangeFeedSubscriber>();
    protected pending: DocumentChange[] = [];
    protected projections = new Map<string, ChangeFeedProjection>();

    initialize(): void {
        this.projections = projectionsByCollection(this.projectionProvider.getContributions());
        this.store.onDidChange(change => this.enqueue(change));
    }

    add(subscriber: ChangeFeedSubscriber): void {
        this.subscribers.add(subscriber);
    }

    remove(subscriber: ChangeFeedSubscriber): void {
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
        for (const subscriber of this.subscribers) {
            const deltas = this.deltasFor(subscriber, changes);
            if (deltas.length) {
                try {
                    subscriber.client.onDidCommit(deltas);
                } catch (error) {
                    this.logger.warn('could not send changes to a browser', error);
                }
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
                deltas.push({
                    collection: change.collection, kind: change.kind, id: change.id, version: change.version,
                    document: change.document && projection.project(change.document)
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
