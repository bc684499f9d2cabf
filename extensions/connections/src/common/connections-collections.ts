/** The connections extension's own collections, by name: folders on disk and change feed keys. */
export const ConnectionsCollectionNames = {
    states: 'connection-states',
    logs: 'connection-logs',
    rejectedOrders: 'rejected-orders'
} as const;
