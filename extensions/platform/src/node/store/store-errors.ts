import { StoreErrors } from '../../common/store-protocol';

/** A write based on a version that is no longer current: the caller must reload and decide again. */
export class DocumentConflictError extends Error {
    override readonly name = StoreErrors.conflict;
    constructor(readonly collection: string, readonly id: string, readonly expectedVersion: number, readonly currentVersion: number | undefined) {
        super(currentVersion === undefined
            ? `${collection}/${id} was changed by someone else: it no longer exists (you had version ${expectedVersion})`
            : `${collection}/${id} was changed by someone else: it is at version ${currentVersion}, you had version ${expectedVersion}; reload and try again`);
    }
}

export class DocumentNotFoundError extends Error {
    override readonly name = StoreErrors.notFound;
    constructor(readonly collection: string, readonly id: string) {
        super(`${collection}/${id} does not exist`);
    }
}

/** A document that does not match its collection's schema, on its way in or read from disk. */
export class DocumentValidationError extends Error {
    override readonly name: string = StoreErrors.invalid;
    constructor(readonly collection: string, readonly id: string | undefined, readonly problems: string) {
        super(`${collection}/${id ?? '(new)'} is not valid: ${problems}`);
    }
}

/** A document that would be bigger than the store can read back: refused before it is written. */
export class DocumentTooLargeError extends DocumentValidationError {
    override readonly name = StoreErrors.tooLarge;
    constructor(collection: string, id: string, readonly bytes: number, reason: string) {
        super(collection, id, reason);
    }
}

/**
 * The store could not be reached (its database away longer than a write waits for it), or lost it
 * during a statement, which may or may not have been made. Nothing about the document is wrong:
 * the same work tried again once the store answers will do (a write based on what the caller last
 * read meets a conflict if it was made after all).
 */
export class StoreOutOfReachError extends Error {
    override readonly name: string = StoreErrors.outOfReach;
}

/** A document whose file could not be read at start-up: kept on disk for inspection and never overwritten. */
export class DocumentUnavailableError extends Error {
    override readonly name = StoreErrors.unavailable;
    constructor(readonly collection: string, readonly id: string, readonly file: string, readonly reason: string) {
        super(`${collection}/${id} is unavailable: its file ${file} could not be read (${reason}); it is left untouched for inspection`);
    }
}
