import { inject, injectable, named, postConstruct } from '@theia/core/shared/inversify';
import { RemoteConnectionProvider, ServiceConnectionProvider } from '@theia/core/lib/browser/messaging/service-connection-provider';
import { Emitter, Event } from '@theia/core/lib/common/event';
import { Disposable } from '@theia/core/lib/common/disposable';
import { ILogger } from '@theia/core/lib/common/logger';
import type { RpcProxy } from '@theia/core/lib/common/messaging/proxy-factory';
import { CHANGE_FEED_PATH, ChangeFeedClient, ChangeFeedServer, DocumentDelta } from '../common/change-feed-protocol';

/**
 * The browser's end of the change feed: views watch the collections they show and receive the
 * committed changes as deltas. After a reconnect they are told to reload, since changes may have
 * been missed meanwhile.
 */
@injectable()
export class ChangeFeedService implements ChangeFeedClient {
    @inject(RemoteConnectionProvider) protected readonly connections: ServiceConnectionProvider;
    @inject(ILogger) @named('platform:ChangeFeedService') protected readonly logger: ILogger;

    protected server: RpcProxy<ChangeFeedServer>;

    protected readonly onDidCommitEmitter = new Emitter<DocumentDelta[]>();
    readonly onDidCommitDeltas: Event<DocumentDelta[]> = this.onDidCommitEmitter.event;
    protected readonly onDidReconnectEmitter = new Emitter<void>();
    /** Fired after the connection came back: reload what you show. */
    readonly onDidReconnect: Event<void> = this.onDidReconnectEmitter.event;

    /** Per collection: how many watch it, and how many of them need the documents. */
    protected readonly watched = new Map<string, { watchers: number, withDocuments: number }>();
    protected connectedOnce = false;

    onDidCommit(deltas: DocumentDelta[]): void {
        this.onDidCommitEmitter.fire(deltas);
    }

    /**
     * Starts receiving a collection's changes; dispose to stop. With `documents: false` the deltas
     * say only which documents changed (no content travels unless another watcher needs it).
     */
    watch(collection: string, listener: (deltas: DocumentDelta[]) => void, options: { documents?: boolean } = {}): Disposable {
        const documents = options.documents !== false ? 1 : 0;
        const counts = this.watched.get(collection) ?? { watchers: 0, withDocuments: 0 };
        this.watched.set(collection, { watchers: counts.watchers + 1, withDocuments: counts.withDocuments + documents });
        this.resubscribe();
        const subscription = this.onDidCommitDeltas(deltas => {
            const relevant = deltas.filter(delta => delta.collection === collection);
            if (relevant.length) {
                listener(relevant);
            }
        });
        return Disposable.create(() => {
            subscription.dispose();
            const { watchers, withDocuments } = this.watched.get(collection) ?? { watchers: 1, withDocuments: documents };
            if (watchers > 1) {
                this.watched.set(collection, { watchers: watchers - 1, withDocuments: withDocuments - documents });
            } else {
                this.watched.delete(collection);
            }
            this.resubscribe();
        });
    }

    /** This service is the client of the backend feed; it resubscribes whenever the connection (re)opens. */
    @postConstruct()
    protected init(): void {
        this.server = this.connections.createProxy<ChangeFeedServer>(CHANGE_FEED_PATH, this);
        this.server.onDidOpenConnection(() => {
            if (this.connectedOnce) {
                this.resubscribe();
                this.onDidReconnectEmitter.fire();
            }
            this.connectedOnce = true;
        });
    }

    protected resubscribe(): void {
        const withoutDocuments = [...this.watched].flatMap(([collection, counts]) => counts.withDocuments ? [] : [collection]);
        this.server.subscribe([...this.watched.keys()], withoutDocuments).catch(error => this.logger.warn('change feed subscription failed', error));
    }
}
