import { inject, injectable } from '@theia/core/shared/inversify';
import type { ChangeFeedClient, ChangeFeedServer } from '../../common/change-feed-protocol';
import { RpcCaller } from '../rpc/rpc-caller';
import { ChangeFeedHub, ChangeFeedSubscriber } from './change-feed-hub';

/** The change feed of one browser connection. */
@injectable()
export class ChangeFeedServerImpl implements ChangeFeedServer {
    @inject(RpcCaller) protected readonly caller: RpcCaller;
    @inject(ChangeFeedHub) protected readonly hub: ChangeFeedHub;

    protected subscriber: ChangeFeedSubscriber | undefined;
    protected client: ChangeFeedClient | undefined;

    connect(client: ChangeFeedClient): void {
        this.client = client;
    }

    async subscribe(collections: string[], withoutDocuments: string[] = []): Promise<void> {
        if (!this.client) {
            return;
        }
        if (!this.subscriber) {
            this.subscriber = { caller: this.caller, client: this.client, collections: new Set() };
            this.hub.add(this.subscriber);
        }
        this.subscriber.collections = new Set(collections);
        this.subscriber.withoutDocuments = new Set(withoutDocuments);
    }

    dispose(): void {
        if (this.subscriber) {
            this.hub.remove(this.subscriber);
            this.subscriber = undefined;
        }
    }
}
