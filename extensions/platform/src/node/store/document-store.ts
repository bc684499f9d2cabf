import type { z } from 'zod';
import type { Event } from '@theia/core/lib/common/event';
import type { DocumentChange, StoreKind, StoredDocument } from '../../common/store-protocol';

/**
 * A kind of document, kept in a folder of its own. Secondary indexes map a document to the keys
 * it is found by (for example an order by its order number).
 */
export interface DocumentCollection<T extends StoredDocument = StoredDocument> {
    /** Folder name in the data folder: lower-case letters and dashes. */
    readonly name: string;
    readonly schema: z.ZodType<T, unknown>;
    readonly indexes?: Readonly<Record<string, IndexKeys<T>>>;
    /**
     * Fields of the schema (a plain object schema, whose output reads back as itself) that hold
     * lists of entries with an `id`, whose own rules (length bounds, unique ids) depend only on the
     * number of entries and their ids. A write that keeps those has only its changed entries
     * validated (document-validation.ts), not the whole list.
     */
    readonly entryLists?: readonly string[];
}

/** The key(s) a document is found by. Method syntax keeps it assignable from narrower collections. */
export type IndexKeys<T> = { keysOf(document: T): string | readonly string[] | undefined }['keysOf'];

/** Extensions declare the collections they keep, so the store loads them all at open. */
export const DocumentCollectionContribution = Symbol('DocumentCollectionContribution');
export interface DocumentCollectionContribution {
    readonly collections: readonly DocumentCollection[];
}

/** A document that could not be loaded at open: its file is left where it is, untouched. */
export interface DocumentProblem {
    readonly collection: string;
    readonly id: string;
    readonly file: string;
    readonly reason: string;
}

export type NewDocument<T extends StoredDocument> = Omit<T, 'version'>;

/**
 * The repository seam: the embedded file store (the default) and the PostgreSQL store
 * (`PRESSWORK_DATABASE_URL`, several servers) implement it. Reads are served from memory; every
 * write is durable before its promise resolves, and every committed write is announced on
 * `onDidChange`: with PostgreSQL, other servers' writes too, once read from the change table
 * (`DocumentChange.remote`). Version checks hold across servers: a stale write is refused.
 */
export const DocumentStore = Symbol('DocumentStore');
export interface DocumentStore {
    readonly kind: StoreKind;
    /** Resolves once every collection is loaded; rejects if the store cannot be opened at all. */
    readonly ready: Promise<void>;
    /**
     * Resolves once every change committed anywhere before the call is in memory and announced.
     * The embedded store is always current; the PostgreSQL store reads its change table up to now.
     * For a decision that must see other servers' writes (first-start provisioning, under
     * `WorkOwnership.exclusive`).
     */
    catchUp(): Promise<void>;
    readonly onDidChange: Event<DocumentChange>;
    /** Documents found unreadable or invalid at open. */
    readonly problems: readonly DocumentProblem[];

    get<T extends StoredDocument>(collection: DocumentCollection<T>, id: string): T | undefined;
    all<T extends StoredDocument>(collection: DocumentCollection<T>): IterableIterator<T>;
    count(collection: DocumentCollection): number;
    findBy<T extends StoredDocument>(collection: DocumentCollection<T>, index: string, key: string): T[];

    /** Stores a new document at version 1; refuses an id that exists already (so a repeat cannot duplicate). */
    create<T extends StoredDocument>(collection: DocumentCollection<T>, document: NewDocument<T>): Promise<T>;
    /** Replaces a document if `document.version` is still the current one; otherwise a conflict error. */
    update<T extends StoredDocument>(collection: DocumentCollection<T>, document: T): Promise<T>;
    /**
     * Reads the current document and writes what `change` returns, with no other write to that
     * document in between: for services that own a change rather than relay a user's edit. When
     * the change's result equals the current document (deep equality), nothing is written and no
     * event fires: the current document is returned as it is.
     */
    modify<T extends StoredDocument>(collection: DocumentCollection<T>, id: string, change: (current: T) => T): Promise<T>;
    /**
     * `modify` without the copy, for hot writers that change a small part of a large document (a
     * job of an order moving a step): `revise` gets the current document itself, frozen all the way
     * down, and returns the next one built around it, sharing the parts it leaves as they are (or
     * the current document, for no change). Like `modify`, it may run again on a fresher document.
     * The document stays frozen in the store's memory, as what it hands out is never to be edited.
     */
    revise<T extends StoredDocument>(collection: DocumentCollection<T>, id: string, revise: (current: T) => T): Promise<T>;
    /** Removes a document if `expectedVersion` is still the current one. */
    delete(collection: DocumentCollection, id: string, expectedVersion: number): Promise<void>;
    close(): Promise<void>;
}
