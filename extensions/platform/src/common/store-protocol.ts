/** What every stored document carries: its id and the version the store gave it. */
export interface StoredDocument {
    readonly id: string;
    readonly version: number;
}

export type DocumentChangeKind = 'created' | 'updated' | 'deleted';

/** Which store holds the documents: the embedded file store, or PostgreSQL shared by several servers. */
export type StoreKind = 'embedded' | 'postgresql';

/** One committed change, as the store announces it (and the change feed forwards it). */
export interface DocumentChange<T extends StoredDocument = StoredDocument> {
    readonly collection: string;
    readonly kind: DocumentChangeKind;
    readonly id: string;
    readonly version: number;
    /** The document after the change; absent for a deletion. */
    readonly document?: T;
    /**
     * Committed by another server and read from the database's change table (PostgreSQL store
     * only). Work that one server must do once (run a step, send a notification) checks
     * `WorkOwnership` rather than reacting to every change it hears of.
     */
    readonly remote?: boolean;
}

/** Error names the frontend can rely on after an RPC round trip (classes do not survive it). */
export const StoreErrors = {
    conflict: 'DocumentConflictError',
    notFound: 'DocumentNotFoundError',
    invalid: 'DocumentValidationError',
    tooLarge: 'DocumentTooLargeError',
    unavailable: 'DocumentUnavailableError',
    outOfReach: 'StoreOutOfReachError'
} as const;
