import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import { ConnectionsCollectionNames } from './connections-collections';

/** Collections whose changes the connections views follow live (beside the connections themselves). */
export const CONNECTION_FEED_COLLECTIONS = [ConnectionsCollectionNames.states, ConnectionsCollectionNames.rejectedOrders, CollectionNames.productionTemplates] as const;
