import { z } from 'zod';
import type { DocumentChangeKind } from './store-protocol';
import type { RpcContract } from './rpc-contract';

export const CHANGE_FEED_PATH = '/services/platform/changes';

/** A committed change as one browser may see it: the document is projected for its reader. */
export interface DocumentDelta {
    readonly collection: string;
    readonly kind: DocumentChangeKind;
    readonly id: string;
    readonly version: number;
    readonly document?: unknown;
}

/** Called by the backend; the name starts with `on` so it travels as a notification. */
export interface ChangeFeedClient {
    onDidCommit(deltas: DocumentDelta[]): void;
}

export const ChangeFeedServer = Symbol('ChangeFeedServer');
export interface ChangeFeedServer {
    /** Receive deltas of these collections (replacing an earlier subscription of this connection). */
    subscribe(collections: string[]): Promise<void>;
}

export const ChangeFeedServerContract: RpcContract<ChangeFeedServer> = {
    subscribe: { access: 'signed-in', args: z.tuple([z.array(z.string().max(64)).max(50)]) }
};
