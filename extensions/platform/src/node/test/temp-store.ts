import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentCollection, DocumentStore } from '../store/document-store';
import { FileDocumentStore } from '../store/file-document-store';
import { PLATFORM_COLLECTIONS } from '../store/platform-collections';
import { PostgresDocumentStore } from '../store/postgres/postgres-document-store';
import { testDatabaseFor, releaseTestDatabase, testStoreKind } from './test-databases';

/** A temporary folder, created for a test and removed after it. */
export class TempFolder {
    protected constructor(readonly path: string) { }

    static async create(prefix = 'presswork-test-'): Promise<TempFolder> {
        return new TempFolder(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
    }

    join(...parts: string[]): string {
        return path.join(this.path, ...parts);
    }

    async remove(): Promise<void> {
        await fs.rm(this.path, { recursive: true, force: true });
    }
}

/**
 * A real store with the platform's collections and `collections`, open: the file store over
 * `folder`, or, with `PRESSWORK_TEST_STORE=postgresql`, a PostgreSQL store over the database that
 * stands for `folder` on the shared test server (a fresh one the first time, the same one after).
 */
export async function openStore(folder: string, collections: readonly DocumentCollection[] = []): Promise<DocumentStore> {
    const all = [...PLATFORM_COLLECTIONS, ...collections];
    const store = testStoreKind() === 'postgresql'
        ? new PostgresDocumentStore({ url: await testDatabaseFor(folder), collections: all })
        : new FileDocumentStore({ folder, collections: all });
    try {
        await store.ready;
    } catch (error) {
        await store.close().catch(() => undefined);
        throw error;
    }
    return store;
}

/**
 * A temporary data folder whose `store` sub-folder holds a real, open store (see `openStore`):
 * the platform's collections and `collections`. `reopen` is a restart (with PostgreSQL: a new store
 * on the same database); `dispose` closes and removes everything.
 */
export class TempStore extends TempFolder {
    protected current: DocumentStore;

    protected constructor(folder: string, protected readonly collections: readonly DocumentCollection[]) {
        super(folder);
    }

    static async open(collections: readonly DocumentCollection[] = [], prefix = 'presswork-store-'): Promise<TempStore> {
        const temp = new TempStore(await fs.mkdtemp(path.join(os.tmpdir(), prefix)), collections);
        temp.current = await openStore(temp.storeFolder, collections);
        return temp;
    }

    get store(): DocumentStore {
        return this.current;
    }

    get storeFolder(): string {
        return this.join('store');
    }

    /** As a restart: the store is closed and opened again from what it made durable. */
    async reopen(): Promise<DocumentStore> {
        await this.current.close();
        this.current = await openStore(this.storeFolder, this.collections);
        return this.current;
    }

    async dispose(): Promise<void> {
        await this.current.close().catch(() => undefined);
        await releaseTestDatabase(this.storeFolder);
        await this.remove();
    }
}

/** See `TempStore`. */
export function openTempStore(collections: readonly DocumentCollection[] = [], prefix?: string): Promise<TempStore> {
    return TempStore.open(collections, prefix);
}
