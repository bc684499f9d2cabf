import type { z } from 'zod';
import type { AccessRule } from './authority';

type MethodKeys<S> = { [K in keyof S]-?: S[K] extends (...args: never[]) => unknown ? K : never }[keyof S] & string;

/** What one RPC method requires of its caller and of its arguments. */
export interface RpcMethodContract {
    readonly access: AccessRule;
    /** A zod tuple for the arguments, checked before the method runs. */
    readonly args: z.ZodType<readonly unknown[], unknown>;
}

/**
 * The contract of an RPC service: one row for every method. The mapped type makes a method
 * without a row a compile error; the backend guard refuses any method that is not in the table.
 */
export type RpcContract<S> = { readonly [K in MethodKeys<S>]: RpcMethodContract };
