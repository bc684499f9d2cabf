/** The closeout extension's own collections, by name: folders on disk and change feed keys. */
export const CloseoutCollectionNames = {
    /** Closeout records, one per order (id = order id); the change feed carries their progress. */
    closeouts: 'closeouts'
} as const;
