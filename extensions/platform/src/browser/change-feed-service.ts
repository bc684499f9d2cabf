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

    protected readonly watched = new Map<string, number>();
    protected connectedOnce = false;

    onDidCommit(deltas: DocumentDelta[]): void {
        this.onDidCommitEmitter.fire(deltas);
    }

    /** Starts receiving a collection's changes; dispose to stop. */
    watch(collection: string, listener: (deltas: DocumentDelta[]) => void): Disposable {
        this.watched.set(collection, (this.watched.get(collection) ?? 0) + 1);
        this.resubscribe();
        const subscription = this.onDidCommitDeltas(deltas => {
            const relevant = deltas.filter(delta => delta.collection === collection);
            if (relevant.length) {
                listener(relevant);
            }
        });
        return Disposable.create(() => {
            subscription.dispose();
            const count = (this.watched.get(collection) ?? 1) - 1;
            if (count > 0) {
                this.watched.set(collection, count);
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
        this.server.subscribe([...this.watched.keys()]).catch(error => this.logger.warn('change feed subscription failed', error));
    }
}
