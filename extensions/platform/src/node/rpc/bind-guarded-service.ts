import { interfaces } from '@theia/core/shared/inversify';
import { ConnectionHandler } from '@theia/core/lib/common/messaging';
import { ILogger } from '@theia/core/lib/common/logger';
import type { RpcContract } from '../../common/rpc-contract';
import { RpcCaller } from './rpc-caller';
import { guardRpcService } from './rpc-guard';
import { GuardedRpcConnectionHandler } from './rpc-path-policy';

export interface GuardedServiceOptions<S extends object, C extends object, I extends S = S> {
    readonly path: string;
    /** Resolved in the browser connection's own container, so it may inject `RpcCaller`. */
    readonly service: interfaces.ServiceIdentifier<I>;
    readonly contract: RpcContract<S>;
    /** Hands the service the proxy for calls back to the browser. */
    readonly connectClient?: (service: I, client: C) => void;
}

/**
 * Serves an RPC service on a browser connection behind the guard. Call it inside a
 * `ConnectionContainerModule`, so each connection gets its own handler and caller.
 */
export function bindGuardedService<S extends object, C extends object = object, I extends S = S>(bind: interfaces.Bind, options: GuardedServiceOptions<S, C, I>): void {
    bind(ConnectionHandler).toDynamicValue(({ container }) => new GuardedRpcConnectionHandler<C>(options.path, client => {
        const service = container.get<I>(options.service);
        options.connectClient?.(service, client);
        const logger = container.get<ILogger>(ILogger).child('platform:RpcGuard');
        return guardRpcService<S>(service, options.contract, container.get<RpcCaller>(RpcCaller), logger);
    })).inSingletonScope();
}
