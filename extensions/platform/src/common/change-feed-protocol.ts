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
    /**
     * Receive deltas of these collections (replacing an earlier subscription of this connection);
     * those also listed in `withoutDocuments` come as ids only, for views that only need to know.
     */
    subscribe(collections: string[], withoutDocuments?: string[]): Promise<void>;
}

/**
 * A connection receives at most one message per this interval while changes keep coming (each
 * document once, as last committed); the first change after a quiet interval goes out at once.
 */
export const CHANGE_FEED_INTERVAL_MS = 250;

const collectionNames = z.array(z.string().max(64)).max(50);
export const ChangeFeedServerContract: RpcContract<ChangeFeedServer> = {
    subscribe: { access: 'signed-in', args: z.tuple([collectionNames, collectionNames.optional()]) }
};
