import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentCollection } from '../store/document-store';
import { FileDocumentStore } from '../store/file-document-store';
import { PLATFORM_COLLECTIONS } from '../store/platform-collections';

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

/** A real file store over `folder` with the platform's collections and `collections`, open. */
export async function openStore(folder: string, collections: readonly DocumentCollection[] = []): Promise<FileDocumentStore> {
    const store = new FileDocumentStore({ folder, collections: [...PLATFORM_COLLECTIONS, ...collections] });
    await store.ready;
    return store;
}

/**
 * A temporary data folder whose `store` sub-folder holds a real, open file store: the platform's
 * collections and `collections`. `reopen` is a restart; `dispose` closes and removes everything.
 */
export class TempStore extends TempFolder {
    protected current: FileDocumentStore;

    protected constructor(folder: string, protected readonly collections: readonly DocumentCollection[]) {
        super(folder);
    }

    static async open(collections: readonly DocumentCollection[] = [], prefix = 'presswork-store-'): Promise<TempStore> {
        const temp = new TempStore(await fs.mkdtemp(path.join(os.tmpdir(), prefix)), collections);
        temp.current = await openStore(temp.storeFolder, collections);
        return temp;
    }

    get store(): FileDocumentStore {
        return this.current;
    }

    get storeFolder(): string {
        return this.join('store');
    }

    /** As a restart: the store is closed and opened again from its files. */
    async reopen(): Promise<FileDocumentStore> {
        await this.current.close();
        this.current = await openStore(this.storeFolder, this.collections);
        return this.current;
    }

    async dispose(): Promise<void> {
        await this.current.close().catch(() => undefined);
        await this.remove();
    }
}

/** See `TempStore`. */
export function openTempStore(collections: readonly DocumentCollection[] = [], prefix?: string): Promise<TempStore> {
    return TempStore.open(collections, prefix);
}
