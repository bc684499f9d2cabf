import { interfaces } from '@theia/core/shared/inversify';
import { ConnectionHandler, RpcConnectionHandler } from '@theia/core/lib/common/messaging';
import { ConnectionContainerModule } from '@theia/core/lib/node/messaging/connection-container-module';
import type { ILogger } from '@theia/core/lib/common/logger';
import { loggerPath, type ILoggerServer } from '@theia/core/lib/common/logger-protocol';
import { BROWSER_SERVED_PATHS, THEIA_SERVICE_CONTRACTS } from '../../common/theia-service-contracts';
import { BrowserLogServer } from '../hardening/browser-log-server';
import { RpcCaller } from './rpc-caller';
import { guardRpcService } from './rpc-guard';
import { stacklessClient, stacklessFactory } from './stackless-errors';

/** The handler `bindGuardedService` binds: a Presswork service whose guard is already in place. */
export class GuardedRpcConnectionHandler<C extends object> extends RpcConnectionHandler<C> { }

/** What a browser reaches instead of the Theia service itself, where the service alone is too trusting. */
const FACADES: Readonly<Record<string, (service: object, container: interfaces.Container) => object>> = {
    [loggerPath]: (service, container) => new BrowserLogServer(service as ILoggerServer, container.get<RpcCaller>(RpcCaller))
};

/**
 * How one bound connection handler is served on a browser connection, or `undefined` when it is
 * not served at all. Presswork's guarded services and Theia's services with a contract are served
 * behind the guard, with errors stripped of stacks; the services the browser itself serves are
 * left as they are; any other path (one a later Theia or a new module binds) is not served
 * until it has a row.
 */
export function servedHandler(handler: ConnectionHandler, container: interfaces.Container, logger: ILogger): ConnectionHandler | undefined {
    if (BROWSER_SERVED_PATHS.includes(handler.path)) {
        return handler;
    }
    if (!(handler instanceof RpcConnectionHandler)) {
        return undefined;
    }
    const { path, targetFactory, factoryConstructor } = handler as RpcConnectionHandler<object>;
    const factory = stacklessFactory(factoryConstructor, path, logger);
    if (handler instanceof GuardedRpcConnectionHandler) {
        return new RpcConnectionHandler(path, client => targetFactory(stacklessClient(client)), factory);
    }
    const contract = Object.hasOwn(THEIA_SERVICE_CONTRACTS, path) ? THEIA_SERVICE_CONTRACTS[path] : undefined;
    if (!contract) {
        return undefined;
    }
    return new RpcConnectionHandler(path, client => {
        const service = targetFactory(stacklessClient(client)) as object;
        const reached = FACADES[path]?.(service, container) ?? service;
        return guardRpcService(reached, contract, container.get<RpcCaller>(RpcCaller), logger);
    }, factory);
}

/** Every RPC path bound for a browser connection of this container: its own handlers and those of each connection module. */
export function boundRpcPaths(root: interfaces.Container): string[] {
    return boundConnectionHandlers(root).map(handler => handler.path);
}

/** The connection handlers a browser connection gets, resolved in a throwaway connection container (nothing is started). */
export function boundConnectionHandlers(root: interfaces.Container): ConnectionHandler[] {
    const connection = root.createChild();
    try {
        for (const module of root.getAll<interfaces.ContainerModule>(ConnectionContainerModule)) {
            connection.load(module);
        }
        const handlers: ConnectionHandler[] = [];
        for (let container: interfaces.Container | null = connection; container; container = container.parent) {
            if (container.isCurrentBound(ConnectionHandler)) {
                handlers.push(...container.getAll<ConnectionHandler>(ConnectionHandler));
            }
        }
        return handlers;
    } finally {
        connection.unbindAll();
    }
}
