import type { StoredDocument } from '../../../common/store-protocol';
import { describeZodError } from '../../../common/validation-message';
import type { DocumentCollection, DocumentProblem } from '../document-store';
import { SecondaryIndex } from '../secondary-index';
import { validateDocument } from '../document-validation';

/** One collection held in memory: its documents, the revision each was read at, its indexes. */
export interface ReplicaCollection {
    readonly definition: DocumentCollection;
    readonly documents: Map<string, StoredDocument>;
    /** The change position of the write each document (or unreadable row) is held at. */
    readonly revisions: Map<string, number>;
    readonly indexes: Map<string, SecondaryIndex>;
    /** Rows that fail their schema: never overwritten, reported as problems. */
    readonly unavailable: Map<string, DocumentProblem>;
    /**
     * Positions of recent deletions: a change read before the delete committed must not bring the
     * document back. Kept until a tail pass that began after the delete has ended.
     */
    readonly tombstones: Map<string, { readonly position: number; readonly generation: number }>;
}

/** What applying a row did to memory: the caller announces it. */
export type ReplicaOutcome =
    | { readonly kind: 'created' | 'updated'; readonly document: StoredDocument }
    | { readonly kind: 'deleted'; readonly previous: StoredDocument }
    | { readonly kind: 'unchanged' };

/**
 * The PostgreSQL store's full copy of every collection, as the embedded store keeps one: reads
 * are served from here. Every change carries its revision, and one older than what is held is
 * ignored: local writes, the change tail and refreshes may arrive in any order.
 */
export class DocumentReplica {
    protected readonly collections = new Map<string, ReplicaCollection>();
    protected generation = 0;

    constructor(definitions: readonly DocumentCollection[], protected readonly describeRow: (collection: string, id: string) => string) {
        for (const definition of definitions) {
            if (!/^[a-z][a-z-]{0,62}$/.test(definition.name) || this.collections.has(definition.name)) {
                throw new Error(`invalid or repeated collection name: ${definition.name}`);
            }
            this.collections.set(definition.name, {
                definition,
                documents: new Map(),
                revisions: new Map(),
                indexes: new Map(Object.entries(definition.indexes ?? {}).map(([name, keys]) => [name, new SecondaryIndex(keys as SecondaryIndex['keysOf'])])),
                unavailable: new Map(),
                tombstones: new Map()
            });
        }
    }

    get names(): string[] {
        return [...this.collections.keys()];
    }

    find(name: string): ReplicaCollection | undefined {
        return this.collections.get(name);
    }

    /** The revision memory holds `id` at, counting deletions; -1 when it knows nothing of it. */
    knownRevision(collection: ReplicaCollection, id: string): number {
        return collection.revisions.get(id) ?? collection.tombstones.get(id)?.position ?? -1;
    }

    /**
     * Takes `body` (read from the database, at `version` and `revision`) when it is newer than what
     * memory holds. A body that fails the schema makes the document unavailable, as a corrupt file does.
     */
    applyRow(collection: ReplicaCollection, id: string, version: number, revision: number, body: unknown): ReplicaOutcome {
        if (revision <= this.knownRevision(collection, id)) {
            return { kind: 'unchanged' };
        }
        const parsed = validateDocument(collection.definition, { ...(body as object), id, version } as StoredDocument, collection.documents.get(id));
        if (parsed.success) {
            return this.put(collection, parsed.data as StoredDocument, revision);
        }
        const problem: DocumentProblem = { collection: collection.definition.name, id, file: this.describeRow(collection.definition.name, id), reason: describeZodError(parsed.error) };
        const previous = this.drop(collection, id);
        collection.unavailable.set(id, problem);
        collection.revisions.set(id, revision);
        return previous ? { kind: 'deleted', previous } : { kind: 'unchanged' };
    }

    /** Takes a document this server has just written (or read as current) at `revision`. */
    put(collection: ReplicaCollection, document: StoredDocument, revision: number): ReplicaOutcome {
        if (revision <= this.knownRevision(collection, document.id)) {
            return { kind: 'unchanged' };
        }
        const previous = collection.documents.get(document.id);
        collection.documents.set(document.id, document);
        collection.revisions.set(document.id, revision);
        collection.tombstones.delete(document.id);
        collection.unavailable.delete(document.id);
        for (const index of collection.indexes.values()) {
            index.update(document, previous);
        }
        return { kind: previous ? 'updated' : 'created', document };
    }

    /** Forgets a document deleted at `position`, unless memory holds a newer write of it. */
    remove(collection: ReplicaCollection, id: string, position: number): ReplicaOutcome {
        if (position <= this.knownRevision(collection, id)) {
            return { kind: 'unchanged' };
        }
        const previous = this.drop(collection, id);
        collection.unavailable.delete(id);
        collection.tombstones.set(id, { position, generation: this.generation });
        return previous ? { kind: 'deleted', previous } : { kind: 'unchanged' };
    }

    /** A tail pass begins: returns its generation, for `forgetTombstonesBefore` once it has ended. */
    beginPass(): number {
        return ++this.generation;
    }

    /** Deletions recorded before `generation` began can no longer be undone by a stale read. */
    forgetTombstonesBefore(generation: number): void {
        for (const collection of this.collections.values()) {
            for (const [id, tombstone] of collection.tombstones) {
                if (tombstone.generation < generation) {
                    collection.tombstones.delete(id);
                }
            }
        }
    }

    protected drop(collection: ReplicaCollection, id: string): StoredDocument | undefined {
        const previous = collection.documents.get(id);
        if (previous) {
            collection.documents.delete(id);
            for (const index of collection.indexes.values()) {
                index.remove(previous);
            }
        }
        collection.revisions.delete(id);
        return previous;
    }
}
