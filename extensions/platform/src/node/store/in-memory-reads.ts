import { DOCUMENT_ID_PATTERN } from '../../common/identifiers';
import type { StoredDocument } from '../../common/store-protocol';
import type { DocumentCollection, DocumentProblem } from './document-store';
import type { SecondaryIndex } from './secondary-index';
import { DocumentUnavailableError, DocumentValidationError } from './store-errors';

/** What a store holds of a collection in memory: its documents and their secondary indexes. */
export interface CollectionInMemory {
    readonly documents: Map<string, StoredDocument>;
    readonly indexes: Map<string, SecondaryIndex>;
    /** Ids that could not be read (a corrupt file, a row failing its schema): never overwritten. */
    readonly unavailable: Map<string, DocumentProblem>;
}

/**
 * The reads of a store that holds every document in memory (both stores do: the embedded one its
 * files, the PostgreSQL one its replica), served without any I/O, and the checks both make before
 * a write.
 */
export abstract class InMemoryReads {
    /** Set by `close()`: no write starts after it. */
    protected closed = false;
    protected abstract collection(collection: DocumentCollection): CollectionInMemory;

    get<T extends StoredDocument>(collection: DocumentCollection<T>, id: string): T | undefined {
        return this.collection(collection).documents.get(id) as T | undefined;
    }

    all<T extends StoredDocument>(collection: DocumentCollection<T>): IterableIterator<T> {
        return this.collection(collection).documents.values() as IterableIterator<T>;
    }

    count(collection: DocumentCollection): number {
        return this.collection(collection).documents.size;
    }

    findBy<T extends StoredDocument>(collection: DocumentCollection<T>, index: string, key: string): T[] {
        const held = this.collection(collection);
        const secondary = held.indexes.get(index);
        if (!secondary) {
            throw new Error(`${collection.name} has no index named ${index}`);
        }
        return secondary.idsFor(key).map(id => held.documents.get(id) as T);
    }

    protected checkId(collection: DocumentCollection, id: string): string {
        if (typeof id !== 'string' || !DOCUMENT_ID_PATTERN.test(id)) {
            throw new DocumentValidationError(collection.name, undefined, `id ${JSON.stringify(id)} is not a valid document id`);
        }
        return id;
    }

    protected checkAvailable(held: CollectionInMemory, id: string): void {
        const problem = held.unavailable.get(id);
        if (problem) {
            throw new DocumentUnavailableError(problem.collection, id, problem.file, problem.reason);
        }
    }

    protected checkOpen(): void {
        if (this.closed) {
            throw new Error('the store is closed');
        }
    }
}
