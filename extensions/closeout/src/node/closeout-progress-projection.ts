import type { ChangeFeedProjection } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import type { StoredDocument } from '@presswork/platform/lib/common/store-protocol';
import { CloseoutCollectionNames } from '../common/closeout-collections';
import { CloseoutProgress } from '../common/closeout-protocol';
import type { CloseoutDocument } from './closeout-collections';
import { progressOf } from './closeout-runner';

/** Closeout progress goes live to the dialogs of those who may close orders out: parts and lock, never the audit. */
export const CloseoutProgressProjection: ChangeFeedProjection = {
    collection: CloseoutCollectionNames.closeouts,
    permission: 'orders.closeout',
    project: (document: StoredDocument): CloseoutProgress => progressOf(document as CloseoutDocument, undefined)
};
