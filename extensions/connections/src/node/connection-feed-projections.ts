import { CollectionNames } from '@presswork/platform/lib/common';
import { ChangeFeedProjection, announceChanges } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import { ConnectionsCollectionNames } from '../common/connections-collections';

/** The connections views reload through the guarded service when told that something changed. */
export const CONNECTION_FEED_PROJECTIONS: readonly ChangeFeedProjection[] = [
    announceChanges(CollectionNames.connections, 'connections.toggle'),
    announceChanges(ConnectionsCollectionNames.states, 'connections.toggle'),
    announceChanges(ConnectionsCollectionNames.rejectedOrders, 'connections.view'),
    announceChanges(CollectionNames.productionTemplates, 'connections.view')
];
