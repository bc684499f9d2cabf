import { randomUUID } from 'node:crypto';
import type { ILogger } from '@theia/core/lib/common/logger';
import { ResponseError } from '@theia/core/lib/common/message-rpc/rpc-message-encoder';
import type { RpcProxyFactory } from '@theia/core/lib/common/messaging/proxy-factory';
import { PressworkError } from '../../common/errors';

/*
 * Errors leave the server for a browser as a message (and a code, and a reference for the
 * unexpected ones), never with a stack: stacks name the server's files and stay in its log
 * (issue 18, fault 9). Every RPC path the backend serves goes through here.
 */

export type RpcProxyFactoryConstructor = new () => RpcProxyFactory<object>;

/** A copy of the error for a browser: message, name, code and data, no stack. */
export function withoutStack(error: Error): Error {
    const { code, data } = error as { code?: unknown, data?: unknown };
    const copy = new Error(error.message);
    copy.name = error.name;
    Object.assign(copy, code === undefined ? {} : { code }, data === undefined ? {} : { data });
    copy.stack = undefined;
    return copy;
}

/**
 * The factory Theia (or Presswork) chose for a path, answering errors without stacks. An error
 * the factory does not turn into an application error (anything unexpected) is logged here with
 * its stack and reaches the browser as an internal error with the log's reference.
 */
export function stacklessFactory(Base: RpcProxyFactoryConstructor, path: string, logger: ILogger): RpcProxyFactoryConstructor {
    return class StacklessRpcProxyFactory extends Base {
        protected override serializeError(error: unknown): unknown {
            let serialized: unknown = super.serializeError(error);
            if (!(serialized instanceof ResponseError)) {
                const reference = randomUUID().slice(0, 8);
                logger.error(`a call on ${path} failed (reference ${reference})`, error);
                serialized = super.serializeError(PressworkError.Internal(reference));
            }
            const response = serialized as ResponseError;
            if (typeof response.data === 'object' && response.data !== null) {
                delete (response.data as { stack?: unknown }).stack;
            }
            response.stack = undefined;
            return response;
        }
    };
}

/** Theia passes events such as "this file could not be read" to the browser as Error arguments: those lose their stacks too. */
export function stacklessClient<C extends object>(client: C): C {
    return new Proxy(client, {
        get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver);
            if (typeof value !== 'function') {
                return value;
            }
            return (...args: unknown[]) => value.apply(target, args.map(arg => arg instanceof Error ? withoutStack(arg) : arg));
        }
    });
}
