import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { Low } from 'lowdb';
import { Emitter } from '@theia/core/lib/common/event';
import { DocumentChange, StoredDocument } from '../../common/store-protocol';
import { describeZodError } from '../../common/validation-message';
import { DocumentCollection, DocumentProblem, DocumentStore, NewDocument } from './document-store';
import { DurableJsonFile, DurableWrite, OversizeDocumentError } from './durable-json-file';
import { GroupCommit } from './group-commit';
import { TEMPORARY_SUFFIX, syncFolder } from '../files/durable-file';
import { DocumentConflictError, DocumentNotFoundError, DocumentTooLargeError } from './store-errors';
import { KeyedLock } from './keyed-lock';
import { validatedDocument } from './document-validation';
import { changedDocument, revisedDocument } from './document-content';
import { SecondaryIndex } from './secondary-index';
import { WriteGate } from './write-gate';
import { InMemoryReads } from './in-memory-reads';

export interface FileDocumentStoreOptions {
    /** The folder that holds one sub-folder per collection. */
    readonly folder: string;
    readonly collections: readonly DocumentCollection[];
    /** Holds disk writes while a backup copies the folder; none when nothing ever pauses them. */
    readonly writeGate?: WriteGate;
    /**
     * How writes are made durable. `grouped` (the default): concurrent writes share fsync rounds
     * through a group commit. `each`: every write makes its own round, as the store did before
     * group commit; kept as the baseline benchmarks compare with.
     */
    readonly durability?: 'grouped' | 'each';
    /** The group commit used when `durability` is `grouped` (tests pass one that counts its fsyncs). */
    readonly groupCommit?: GroupCommit;
}

const COLLECTION_NAME = /^[a-z][a-z-]{0,62}$/;

interface LoadedCollection {
    readonly definition: DocumentCollection;
    readonly documents: Map<string, StoredDocument>;
    readonly indexes: Map<string, SecondaryIndex>;
    /** Ids whose files could not be read at open: never overwritten. */
    readonly unavailable: Map<string, DocumentProblem>;
}

/**
 * The embedded store: one small JSON file a document, in 256 shard folders a collection, written
 * through lowdb with a durable adapter. All documents are held in memory, so a durable write costs
 * the same whatever the size of the store. Concurrent writes of different documents share their
 * fsync rounds (group-commit.ts); each still resolves, and is announced, only once it is durable.
 */
export class FileDocumentStore extends InMemoryReads implements DocumentStore {
    readonly kind = 'embedded';

    protected readonly onDidChangeEmitter = new Emitter<DocumentChange>();
    readonly onDidChange = this.onDidChangeEmitter.event;
    readonly ready: Promise<void>;

    protected readonly loaded = new Map<string, LoadedCollection>();
    protected readonly locks = new KeyedLock();
    protected readonly problemList: DocumentProblem[] = [];
    protected readonly writeGate: WriteGate;
    /**
     * Shard folders known to exist (found at open, or made by this process), or being made: a
     * create in a folder not listed makes it first, and the creates that arrive meanwhile wait for
     * that one `mkdir`; later creates skip it (half a second of a 2,000-order intake). A folder
     * removed underneath is made again when a write finds it missing.
     */
    protected readonly shardFolders = new Map<string, Promise<void>>();
    /** The durable write of a document's file: through the group commit, or alone. */
    protected readonly durableWrite: DurableWrite | undefined;

    constructor(protected readonly options: FileDocumentStoreOptions) {
        super();
        this.writeGate = options.writeGate ?? new WriteGate();
        if (options.durability !== 'each') {
            const group = options.groupCommit ?? new GroupCommit();
            this.durableWrite = (file, content) => group.write(file, content);
        }
        this.ready = this.open();
        // Callers observe failures through `ready`; this keeps an early failure from being unhandled.
        this.ready.catch(() => undefined);
    }

    get problems(): readonly DocumentProblem[] {
        return this.problemList;
    }

    /** One process owns the folder: memory is always current. */
    catchUp(): Promise<void> {
        return this.ready;
    }


    async create<T extends StoredDocument>(collection: DocumentCollection<T>, document: NewDocument<T>): Promise<T> {
        const loaded = this.collection(collection);
        const id = this.checkId(collection, document.id);
        return this.locks.run(`${collection.name}/${id}`, async () => {
            this.checkAvailable(loaded, id);
            const existing = loaded.documents.get(id);
            if (existing) {
                throw new DocumentConflictError(collection.name, id, 0, existing.version);
            }
            return this.commit(loaded, { ...document, version: 1 } as unknown as T, 'created');
        });
    }

    async update<T extends StoredDocument>(collection: DocumentCollection<T>, document: T): Promise<T> {
        const loaded = this.collection(collection);
        const id = this.checkId(collection, document.id);
        return this.locks.run(`${collection.name}/${id}`, async () => {
            this.checkAvailable(loaded, id);
            const current = loaded.documents.get(id);
            if (!current || current.version !== document.version) {
                throw new DocumentConflictError(collection.name, id, document.version, current?.version);
            }
            return this.commit(loaded, { ...document, version: current.version + 1 }, 'updated');
        });
    }

    modify<T extends StoredDocument>(collection: DocumentCollection<T>, id: string, change: (current: T) => T): Promise<T> {
        return this.rewrite(collection, id, current => changedDocument(current, change));
    }

    revise<T extends StoredDocument>(collection: DocumentCollection<T>, id: string, revise: (current: T) => T): Promise<T> {
        return this.rewrite(collection, id, current => revisedDocument(current, revise));
    }

    /** Writes what `nextOf` makes of the current document, inside its lock; undefined from `nextOf`: nothing to write. */
    protected async rewrite<T extends StoredDocument>(collection: DocumentCollection<T>, id: string, nextOf: (current: T) => T | undefined): Promise<T> {
        const loaded = this.collection(collection);
        this.checkId(collection, id);
        return this.locks.run(`${collection.name}/${id}`, async () => {
            this.checkAvailable(loaded, id);
            const current = loaded.documents.get(id) as T | undefined;
            if (!current) {
                throw new DocumentNotFoundError(collection.name, id);
            }
            const next = nextOf(current);
            // Nothing changed: no write, no version, no event.
            return next ? this.commit(loaded, { ...next, version: current.version + 1 }, 'updated') : current;
        });
    }

    async delete(collection: DocumentCollection, id: string, expectedVersion: number): Promise<void> {
        const loaded = this.collection(collection);
        this.checkId(collection, id);
        await this.locks.run(`${collection.name}/${id}`, async () => {
            this.checkAvailable(loaded, id);
            const current = loaded.documents.get(id);
            if (!current || current.version !== expectedVersion) {
                throw new DocumentConflictError(collection.name, id, expectedVersion, current?.version);
            }
            this.checkOpen();
            await this.writeGate.pass(() => new DurableJsonFile(this.fileOf(collection, id)).remove());
            loaded.documents.delete(id);
            for (const index of loaded.indexes.values()) {
                index.remove(current);
            }
            this.onDidChangeEmitter.fire({ collection: collection.name, kind: 'deleted', id, version: current.version });
        });
    }

    async close(): Promise<void> {
        this.closed = true;
        await this.locks.idle();
        this.onDidChangeEmitter.dispose();
    }

    /**
     * Validates, writes durably, then updates memory and announces the change, in that order. With
     * group commit the write waits for its batch's fsync round: concurrent commits of other
     * documents share it, and each resolves only once its own document is durable.
     */
    protected async commit<T extends StoredDocument>(loaded: LoadedCollection, candidate: T, kind: 'created' | 'updated'): Promise<T> {
        this.checkOpen();
        const name = loaded.definition.name;
        const document = validatedDocument(loaded.definition as DocumentCollection<T>, candidate, loaded.documents.get(candidate.id) as T | undefined);
        const file = this.fileOf(loaded.definition, document.id);
        if (kind === 'created') {
            await this.makeShardFolder(path.dirname(file));
        }
        const db = new Low<T>(new DurableJsonFile<T>(file, this.durableWrite), document);
        try {
            await this.writeGate.pass(() => db.write());
        } catch (error) {
            if (!isMissingFolder(error) || !this.shardFolders.delete(path.dirname(file))) {
                throw error instanceof OversizeDocumentError ? new DocumentTooLargeError(name, document.id, error.bytes, error.message) : error;
            }
            // The folder was removed underneath since this process made it: make it again and write once more.
            await this.makeShardFolder(path.dirname(file));
            await this.writeGate.pass(() => db.write());
        }
        const previous = loaded.documents.get(document.id);
        loaded.documents.set(document.id, document);
        for (const index of loaded.indexes.values()) {
            index.update(document, previous);
        }
        this.onDidChangeEmitter.fire({ collection: name, kind, id: document.id, version: document.version, document });
        return document;
    }

    protected makeShardFolder(folder: string): Promise<void> {
        let made = this.shardFolders.get(folder);
        if (!made) {
            made = fs.mkdir(folder, { recursive: true, mode: 0o700 }).then(() => undefined);
            this.shardFolders.set(folder, made);
            // A failed mkdir is not remembered: the next create tries again.
            made.catch(() => this.shardFolders.get(folder) === made && this.shardFolders.delete(folder));
        }
        return made;
    }

    protected collection(collection: DocumentCollection): LoadedCollection {
        const loaded = this.loaded.get(collection.name);
        if (!loaded) {
            throw new Error(`the store has no collection named ${collection.name}${this.loaded.size ? '' : ' (it is not open yet)'}`);
        }
        return loaded;
    }


    protected fileOf(collection: DocumentCollection, id: string): string {
        return path.join(this.options.folder, collection.name, shardOf(id), `${id}.json`);
    }

    protected async open(): Promise<void> {
        await fs.mkdir(this.options.folder, { recursive: true, mode: 0o700 });
        for (const definition of this.options.collections) {
            if (!COLLECTION_NAME.test(definition.name) || this.loaded.has(definition.name)) {
                throw new Error(`invalid or repeated collection name: ${definition.name}`);
            }
            this.loaded.set(definition.name, await this.load(definition));
        }
    }

    protected async load(definition: DocumentCollection): Promise<LoadedCollection> {
        const folder = path.join(this.options.folder, definition.name);
        await fs.mkdir(folder, { recursive: true, mode: 0o700 });
        const loaded: LoadedCollection = {
            definition,
            documents: new Map(),
            indexes: new Map(Object.entries(definition.indexes ?? {}).map(([name, keys]) => [name, new SecondaryIndex(keys as SecondaryIndex['keysOf'])])),
            unavailable: new Map()
        };
        const files = await this.listDocumentFiles(folder);
        for (const file of files) {
            this.loadFile(loaded, file);
        }
        for (const document of loaded.documents.values()) {
            for (const index of loaded.indexes.values()) {
                index.update(document, undefined);
            }
        }
        return loaded;
    }

    protected loadFile(loaded: LoadedCollection, file: string): void {
        const { name, schema } = loaded.definition;
        const id = path.basename(file, '.json');
        let reason: string;
        try {
            const raw = new DurableJsonFile<unknown>(file).readSync();
            const parsed = schema.safeParse(raw);
            if (parsed.success && parsed.data.id === id) {
                loaded.documents.set(id, parsed.data);
                return;
            }
            reason = parsed.success ? `it holds the document ${JSON.stringify(parsed.data.id)}, not ${id}` : describeZodError(parsed.error);
        } catch (error) {
            reason = error instanceof Error ? error.message : String(error);
        }
        const problem: DocumentProblem = { collection: name, id, file, reason };
        loaded.unavailable.set(id, problem);
        this.problemList.push(problem);
    }

    /** Lists `<shard>/<id>.json` files, removing what interrupted writes left behind. */
    protected async listDocumentFiles(folder: string): Promise<string[]> {
        const files: string[] = [];
        for (const shard of await fs.readdir(folder, { withFileTypes: true })) {
            if (!shard.isDirectory()) {
                continue;
            }
            const shardFolder = path.join(folder, shard.name);
            this.shardFolders.set(shardFolder, Promise.resolve());
            let removed = false;
            for (const entry of await fs.readdir(shardFolder)) {
                if (entry.endsWith(TEMPORARY_SUFFIX)) {
                    await fs.rm(path.join(shardFolder, entry), { force: true });
                    removed = true;
                } else if (entry.endsWith('.json')) {
                    files.push(path.join(shardFolder, entry));
                }
            }
            if (removed) {
                await syncFolder(shardFolder);
            }
        }
        return files;
    }
}

/** A write that failed because the file's folder is not there (ENOENT), directly or as the group commit's cause. */
function isMissingFolder(error: unknown): boolean {
    for (let cause = error; cause instanceof Error; cause = cause.cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
            return true;
        }
    }
    return false;
}

/** Spreads documents over 256 folders so that no folder grows huge. */
export function shardOf(id: string): string {
    return createHash('sha1').update(id).digest('hex').slice(0, 2);
}
