import { randomUUID } from 'node:crypto';
import { ApplicationError } from '@theia/core/lib/common/application-error';
import type { ILogger } from '@theia/core/lib/common/logger';
import { FileSystemProviderError } from '@theia/filesystem/lib/common/files';
import { allowsAuthority } from '../../common/authority';
import { PressworkError } from '../../common/errors';
import type { RpcContract, RpcMethodContract } from '../../common/rpc-contract';
import { describeZodError } from '../../common/validation-message';
import { DocumentConflictError, DocumentNotFoundError, DocumentUnavailableError, DocumentValidationError } from '../store/store-errors';
import type { RpcCaller } from './rpc-caller';
import { answeringCall } from '../waited-call';

/**
 * The one place where every RPC call is checked: the method must be in the service's contract,
 * the caller signed in and holding the method's permission, the arguments valid. Errors leave as
 * typed application errors; anything unexpected is logged here and reaches the browser only as a
 * reference, never as a stack or an internal message. The service runs as a call someone waits for
 * (waited-call.ts): its writes go ahead of the background's.
 */
export function guardRpcService<S extends object>(service: S, contract: RpcContract<S>, caller: RpcCaller, logger: ILogger): S {
    const rows = contract as unknown as Record<string, RpcMethodContract>;
    return new Proxy({} as S, {
        get: (_target, property) => {
            if (typeof property !== 'string' || property === 'then' || property === 'toJSON') {
                return undefined;
            }
            return (...args: unknown[]) => invoke(property, args);
        }
    });

    async function invoke(method: string, args: unknown[]): Promise<unknown> {
        const row = Object.hasOwn(rows, method) ? rows[method] : undefined;
        if (!row) {
            throw PressworkError.AccessDenied(`${method} is not an operation this service offers`);
        }
        const user = caller.user();
        if (!allowsAuthority(row.access, user.authority)) {
            logger.warn(`refused ${method} to ${user.name} (${user.authority}): needs ${row.access}`);
            throw PressworkError.AccessDenied(`Your authority (${user.authority}) does not allow this`);
        }
        const reserved = reservedKeyIn(args);
        if (reserved) {
            throw PressworkError.InvalidInput(`Invalid request: ${reserved.path.join('.')}: the name "${reserved.key}" is reserved`);
        }
        const parsed = row.args.safeParse(args);
        if (!parsed.success) {
            throw PressworkError.InvalidInput(`Invalid request: ${describeZodError(parsed.error)}`);
        }
        try {
            const implementation = (service as Record<string, (...values: unknown[]) => unknown>)[method];
            return await answeringCall(() => implementation.apply(service, [...parsed.data]));
        } catch (error) {
            throw translateError(error, method, logger);
        }
    }
}

function translateError(error: unknown, method: string, logger: ILogger): Error {
    // Theia's file service tells a missing settings file by its code: those pass as they are.
    if (typeof error === 'object' && error !== null && (ApplicationError.is(error) || error instanceof FileSystemProviderError)) {
        return error;
    }
    if (error instanceof DocumentConflictError) {
        return PressworkError.Conflict(error.message, error.currentVersion);
    }
    if (error instanceof DocumentValidationError) {
        return PressworkError.InvalidInput(error.message);
    }
    if (error instanceof DocumentNotFoundError) {
        return PressworkError.NotFound(error.message);
    }
    if (error instanceof DocumentUnavailableError) {
        return PressworkError.Refused(error.message);
    }
    const reference = randomUUID().slice(0, 8);
    logger.error(`${method} failed (reference ${reference})`, error);
    return PressworkError.Internal(reference);
}

/** Keys that reach or replace an object's prototype: refused anywhere in a call's arguments. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first reserved key in the arguments, with where it is. Schemas strip unknown keys of the
 * objects they know, but free-form values (a custom activity's defaults) would carry them through.
 */
export function reservedKeyIn(args: readonly unknown[]): { key: string, path: (string | number)[] } | undefined {
    const pending: { value: unknown, path: (string | number)[] }[] = args.map((value, index) => ({ value, path: [index] }));
    const seen = new Set<object>();
    for (let next = pending.pop(); next; next = pending.pop()) {
        const { value, path } = next;
        // Bytes (a file's content) hold no keys worth walking, only a great many indices.
        if (typeof value !== 'object' || value === null || seen.has(value) || ArrayBuffer.isView(value)) {
            continue;
        }
        seen.add(value);
        for (const key of Object.keys(value)) {
            if (RESERVED_KEYS.has(key)) {
                return { key, path };
            }
            pending.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
        }
    }
    return undefined;
}
