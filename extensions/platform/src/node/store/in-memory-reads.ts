import type { StoredDocument } from '../../common/store-protocol';
import type { DocumentCollection } from './document-store';
import type { SecondaryIndex } from './secondary-index';

/** What a store holds of a collection in memory: its documents and their secondary indexes. */
export interface CollectionInMemory {
    readonly documents: Map<string, StoredDocument>;
    readonly indexes: Map<string, SecondaryIndex>;
}

/**
 * The reads of a store that holds every document in memory (both stores do: the embedded one its
 * files, the PostgreSQL one its replica), served without any I/O.
 */
export abstract class InMemoryReads {
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
}
