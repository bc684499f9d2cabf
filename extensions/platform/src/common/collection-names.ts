/**
 * Names of the platform's collections: folder names on disk, and how the change feed reports them.
 * Each feature keeps its own in `common/<feature>-collections.ts`, read by its node and browser code.
 */
export const CollectionNames = {
    orders: 'orders',
    workflows: 'workflows',
    connections: 'connections',
    productionTemplates: 'production-templates',
    printers: 'printers',
    /** Printer pools: ordered printers a Print step may name instead of one printer. */
    printerPools: 'printer-pools',
    users: 'users',
    apiTokens: 'api-tokens',
    /** Sign-in sessions, kept in the store so that a restart or another server keeps users signed in. */
    sessions: 'sessions',
    /** One document: the shop's name, address and logo, as its documents print them. */
    shopIdentity: 'shop-identity'
} as const;
