/** Collections whose changes the connections views follow live (beside the connections themselves). */
export const CONNECTION_FEED_COLLECTIONS = ['connection-states', 'rejected-orders', 'production-templates'] as const;
