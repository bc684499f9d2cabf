import { z } from 'zod';
import type { RpcContract } from './rpc-contract';

export const STORE_PROBLEMS_PATH = '/services/platform/store-problems';

/**
 * A document the store found at start but could not load (unreadable, invalid or too large). Its
 * file is left untouched; everything else runs, and writes to that document are refused until an
 * administrator repairs or removes the file and restarts.
 */
export interface StoreProblem {
    /** The collection, e.g. `orders`. */
    readonly collection: string;
    readonly id: string;
    /** The file, relative to the data folder. */
    readonly file: string;
    readonly reason: string;
}

/** Administrators' list of what the store could not load. */
export const StoreProblemsService = Symbol('StoreProblemsService');
export interface StoreProblemsService {
    list(): Promise<StoreProblem[]>;
}

export const StoreProblemsServiceContract: RpcContract<StoreProblemsService> = {
    list: { access: 'system.inspect', args: z.tuple([]) }
};
