import type { Permission } from '@presswork/platform/lib/common';
import { CollectionNames } from '@presswork/platform/lib/common';
import type { ChangeFeedProjection } from '@presswork/platform/lib/node/change-feed/change-feed-projection';

/**
 * The connections views reload through the guarded service when told that something changed, so
 * the feed carries only that a document changed, never its content (tokens included).
 */
function announceOnly(collection: string, permission: Permission): ChangeFeedProjection {
    return { collection, permission, project: () => ({}) };
}

export const CONNECTION_FEED_PROJECTIONS: readonly ChangeFeedProjection[] = [
    announceOnly(CollectionNames.connections, 'connections.toggle'),
    announceOnly('connection-states', 'connections.toggle'),
    announceOnly('rejected-orders', 'connections.view'),
    announceOnly(CollectionNames.productionTemplates, 'connections.view')
];
