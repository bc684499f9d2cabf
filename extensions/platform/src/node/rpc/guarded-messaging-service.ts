import { injectable } from '@theia/core/shared/inversify';
import { bindContributionProvider, ConnectionHandler, ContributionProvider } from '@theia/core/lib/common';
import type { Channel } from '@theia/core/lib/common/message-rpc/channel';
import { ConnectionHandlers, DefaultMessagingService } from '@theia/core/lib/node/messaging/default-messaging-service';
import { servedHandler } from './rpc-path-policy';

/**
 * Theia's messaging service, serving each browser connection only the RPC paths that have a row
 * (rpc-path-policy): Presswork's and Theia's services behind the guard, never a path nobody has
 * looked at. Mirrors `DefaultMessagingService.getConnectionChannelHandlers` of Theia 1.74.
 */
@injectable()
export class GuardedMessagingService extends DefaultMessagingService {
    protected readonly reportedUnserved = new Set<string>();

    protected override getConnectionChannelHandlers(socket: Channel): ConnectionHandlers<Channel> {
        const connectionContainer = this.createMainChannelContainer(socket);
        bindContributionProvider(connectionContainer, ConnectionHandler);
        connectionContainer.load(...this.connectionModules.getContributions());
        const handlers = new ConnectionHandlers(this.channelHandlers);
        const bound = connectionContainer.getNamed<ContributionProvider<ConnectionHandler>>(ContributionProvider, ConnectionHandler);
        for (const handler of bound.getContributions(true)) {
            const served = servedHandler(handler, connectionContainer, this.logger);
            if (served) {
                handlers.push(served.path, (_, channel) => served.onConnection(channel));
            } else if (!this.reportedUnserved.has(handler.path)) {
                this.reportedUnserved.add(handler.path);
                this.logger.warn(`not serving the RPC path ${handler.path} to browsers: it has no row in the RPC path policy`);
            }
        }
        return handlers;
    }
}
