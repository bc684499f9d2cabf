/** Names of the platform's collections: folder names on disk, and how the change feed reports them. */
export const CollectionNames = {
    orders: 'orders',
    workflows: 'workflows',
    connections: 'connections',
    productionTemplates: 'production-templates',
    printers: 'printers',
    users: 'users'
} as const;
