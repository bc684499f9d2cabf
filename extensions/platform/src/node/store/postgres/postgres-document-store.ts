import { randomUUID } from 'node:crypto';
import { ClientBase, Pool, PoolClient, PoolConfig } from 'pg';
import { Emitter } from '@theia/core/lib/common/event';
import { MAX_DOCUMENT_BYTES } from '../../../common/document-limits';
import { DocumentChange, StoredDocument } from '../../../common/store-protocol';
import { DocumentCollection, DocumentProblem, DocumentStore, NewDocument } from '../document-store';
import { OversizeDocumentError } from '../durable-json-file';
import { KeyedLock } from '../keyed-lock';
import { DocumentConflictError, DocumentNotFoundError, DocumentTooLargeError, StoreOutOfReachError } from '../store-errors';
import { ChangeRow } from './change-rows';
import { ChangeTail, wakeUpOthers } from './change-tail';
import { CONNECT_TIMEOUT_MS, DatabaseOptions, databaseSettings, describeDatabase, withoutPassword } from './connection-settings';
import { DocumentReplica, ReplicaCollection, ReplicaOutcome } from './document-replica';
import { IndexKey, WriteTarget, deleteDocument, insertDocument, readDocument, readVersion, updateDocument } from './document-writes';
import { NOT_MADE, Settlement, settleCreate, settleDelete, settleUpdate } from './lost-write-settlement';
import { runMigrations } from './migration-runner';
import { ownTimers } from './own-timers';
import { loadSnapshot } from './snapshot-loader';
import { InMemoryReads } from '../in-memory-reads';
import { validatedDocument } from '../document-validation';
import { changedDocument, revisedDocument, sameContent } from '../document-content';

export interface PostgresDocumentStoreOptions extends DatabaseOptions {
    /** `postgres://user:password@host:port/database?sslmode=…` */
    readonly url: string;
    readonly collections: readonly DocumentCollection[];
    /** Recorded on every change row this store writes; a fresh id per start when not given. */
    readonly serverId?: string;
    /** How often the change tail looks without a NOTIFY (ms). */
    readonly pollMs?: number;
    /** Where the store reports trouble it recovers from by itself (the database gone for a while). */
    readonly log?: (message: string) => void;
}

/** How often `modify` reads the current document again after another server's write got in first. */
const MODIFY_ATTEMPTS = 20;
/** A statement whose connection keeps being lost under it is given up after this many tries. */
const LOST_STATEMENT_ATTEMPTS = 5;
/** The least time between two wake-ups of the other servers (ms): a little delay of the change feed for fewer statements. */
const WAKE_UP_SPACING_MS = 10;

/**
 * The PostgreSQL store: documents as `jsonb` rows with versions, shared by several servers. Like
 * the embedded store it holds every collection in memory (reads never wait for the database);
 * each write is one statement, version-checked in the database, then taken into memory and
 * announced. Other servers' writes arrive through the change tail (`remote: true`).
 */
export class PostgresDocumentStore extends InMemoryReads implements DocumentStore {
    readonly kind = 'postgresql';
    readonly serverId: string;
    /** The store's pool: other platform modules may query the database through it. */
    readonly pool: Pool;
    readonly ready: Promise<void>;

    protected readonly onDidChangeEmitter = new Emitter<DocumentChange>();
    readonly onDidChange = this.onDidChangeEmitter.event;

    protected readonly settings: PoolConfig;
    protected readonly replica: DocumentReplica;
    protected readonly locks = new KeyedLock();
    protected tail: ChangeTail | undefined;
    /** A wake-up of the other servers is on its way; `wakeAgain`: another write came since it left. */
    protected waking = false;
    protected wakeAgain = false;
    protected reportedTrouble = false;

    constructor(protected readonly options: PostgresDocumentStoreOptions) {
        super();
        this.serverId = options.serverId ?? randomUUID();
        this.settings = databaseSettings(options.url, options);
        this.pool = new Pool(this.settings);
        // An idle connection cut by a database restart: the pool drops it, the next query opens another.
        this.pool.on('error', error => this.trouble(error));
        this.replica = new DocumentReplica(options.collections, (collection, id) => `${this.where}: documents ${collection}/${id}`);
        this.ready = this.open();
        // Callers observe failures through `ready`; this keeps an early failure from being unhandled.
        this.ready.catch(() => undefined);
    }

    /** `host:port/database`: for messages, never with the password. */
    get where(): string {
        return describeDatabase(this.options.url);
    }

    get problems(): readonly DocumentProblem[] {
        return this.replica.names.flatMap(name => [...this.replica.find(name)!.unavailable.values()]);
    }

    async catchUp(): Promise<void> {
        await this.ready;
        this.checkOpen();
        try {
            await this.tail!.catchUp();
        } catch (error) {
            throw isConnectionError(error) ? new StoreOutOfReachError(`Presswork cannot reach its database at ${this.where} (${this.describe(error)})`) : error;
        }
    }


    async create<T extends StoredDocument>(collection: DocumentCollection<T>, document: NewDocument<T>): Promise<T> {
        const loaded = this.collection(collection);
        const id = this.checkId(collection, document.id);
        return this.locks.run(this.lockKey(collection, id), async () => {
            this.checkAvailable(loaded, id);
            const existing = loaded.documents.get(id);
            if (existing) {
                throw new DocumentConflictError(collection.name, id, 0, existing.version);
            }
            const { document: candidate, body } = this.validate(loaded, { ...document, version: 1 } as unknown as T);
            const written = await this.surely(db => insertDocument(db, this.target(collection, id), body, this.keysOf(loaded, candidate)),
                db => settleCreate(db, collection.name, id, body));
            if (!written) {
                throw new DocumentConflictError(collection.name, id, 0, await this.refresh(loaded, id));
            }
            return this.taken(loaded, candidate, written.revision);
        });
    }

    async update<T extends StoredDocument>(collection: DocumentCollection<T>, document: T): Promise<T> {
        const loaded = this.collection(collection);
        const id = this.checkId(collection, document.id);
        return this.locks.run(this.lockKey(collection, id), () => {
            this.checkAvailable(loaded, id);
            return this.write(loaded, document);
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
        return this.locks.run(this.lockKey(collection, id), async () => {
            // Memory is the first guess; a write based on a stale copy is refused by the version
            // check, and the current document is read from the database for the next attempt.
            for (let attempt = 1; ; attempt++) {
                this.checkAvailable(loaded, id);
                const current = loaded.documents.get(id) as T | undefined;
                if (!current) {
                    if (await this.refresh(loaded, id) === undefined) {
                        throw new DocumentNotFoundError(collection.name, id);
                    }
                    continue;
                }
                const next = nextOf(current);
                if (!next) {
                    // Nothing to change, if memory holds the current version: no write, no event.
                    if (await this.read(db => readVersion(db, collection.name, id)) === current.version) {
                        return current;
                    }
                } else {
                    try {
                        return await this.write(loaded, next);
                    } catch (error) {
                        // A conflict has read the current document into memory already.
                        if (!(error instanceof DocumentConflictError) || attempt >= MODIFY_ATTEMPTS) {
                            throw error;
                        }
                        continue;
                    }
                }
                if (attempt >= MODIFY_ATTEMPTS) {
                    throw new Error(`${collection.name}/${id} kept changing under ${MODIFY_ATTEMPTS} attempts to change it; try again`);
                }
                await this.refresh(loaded, id);
            }
        });
    }

    async delete(collection: DocumentCollection, id: string, expectedVersion: number): Promise<void> {
        const loaded = this.collection(collection);
        this.checkId(collection, id);
        await this.locks.run(this.lockKey(collection, id), async () => {
            this.checkAvailable(loaded, id);
            this.checkOpen();
            const deleted = await this.surely(db => deleteDocument(db, this.target(collection, id), expectedVersion),
                db => settleDelete(db, collection.name, id, expectedVersion));
            if (!deleted) {
                throw new DocumentConflictError(collection.name, id, expectedVersion, await this.refresh(loaded, id));
            }
            this.announce(loaded, id, this.replica.remove(loaded, id, deleted.revision), false);
            this.wakeOthers();
        });
    }

    async close(): Promise<void> {
        if (this.closed) {
            return;
        }
        this.closed = true;
        await this.ready.catch(() => undefined);
        await this.locks.idle();
        await this.tail?.stop();
        await this.pool.end().catch(() => undefined);
        this.onDidChangeEmitter.dispose();
    }

    /** Validates and writes `document` if its version is still the database's; memory follows. */
    protected async write<T extends StoredDocument>(loaded: ReplicaCollection, document: T): Promise<T> {
        const { document: candidate, body } = this.validate(loaded, { ...document, version: document.version + 1 });
        const held = loaded.documents.get(document.id);
        const keys = this.keysOf(loaded, candidate);
        // Keys are rewritten only when they changed from those of the version being replaced.
        const keysChanged = held?.version !== document.version || !sameContent(this.keysOf(loaded, held), keys);
        const written = await this.surely(db => updateDocument(db, this.target(loaded.definition, document.id), body, document.version, keys, keysChanged),
            db => settleUpdate(db, loaded.definition.name, document.id, body, document.version));
        if (!written) {
            throw new DocumentConflictError(loaded.definition.name, document.id, document.version, await this.refresh(loaded, document.id));
        }
        return this.taken(loaded, candidate, written.revision);
    }

    /** A write went through: memory takes it and it is announced as this server's. */
    protected taken<T extends StoredDocument>(loaded: ReplicaCollection, document: T, revision: number): T {
        this.announce(loaded, document.id, this.replica.put(loaded, document, revision), false);
        this.wakeOthers();
        return document;
    }

    /**
     * Tells the other servers' tails that changes were committed: after the commit, in a statement
     * of its own, and one at a time (writes that commit meanwhile share the next). Inside the write
     * it would hold a database-wide lock through the commit (migration 3). A lost wake-up only
     * delays the others until their next poll.
     */
    protected wakeOthers(): void {
        if (this.waking) {
            this.wakeAgain = true;
            return;
        }
        this.waking = true;
        const wake = async (): Promise<void> => {
            do {
                this.wakeAgain = false;
                const sentAt = ownTimers.now();
                await wakeUpOthers(this.pool, this.serverId).catch(() => undefined);
                if (this.wakeAgain && !this.closed) {
                    // Writes meanwhile share the next wake-up, a few milliseconds on: under load, far fewer statements.
                    await new Promise(resolve => ownTimers.setTimeout(resolve, Math.max(0, sentAt + WAKE_UP_SPACING_MS - ownTimers.now())));
                }
            } while (this.wakeAgain && !this.closed);
            this.waking = false;
        };
        void wake();
    }

    /** Reads the document as the database holds it now into memory; its version (undefined: gone). */
    protected async refresh(loaded: ReplicaCollection, id: string): Promise<number | undefined> {
        const row = await this.read(db => readDocument(db, loaded.definition.name, id));
        if (row) {
            this.announce(loaded, id, this.replica.applyRow(loaded, id, row.version, row.revision, row.body), true);
        } else {
            const known = loaded.documents.get(id);
            if (known) {
                // Deleted by another server: the tail has not read it yet; its position will be higher.
                this.announce(loaded, id, this.replica.remove(loaded, id, this.replica.knownRevision(loaded, id) + 0.5), true);
            }
        }
        return row?.version;
    }

    /** The change tail's rows, each under its document's lock so that it never overtakes a local write. */
    protected async applyChanges(rows: readonly ChangeRow[]): Promise<void> {
        for (const row of rows) {
            const loaded = this.replica.find(row.collection);
            if (!loaded) {
                continue;
            }
            await this.locks.run(this.lockKey(loaded.definition, row.id), async () => {
                if (row.revision === null) {
                    this.announce(loaded, row.id, this.replica.remove(loaded, row.id, row.position), true);
                } else if (!row.own) {
                    this.announce(loaded, row.id, this.replica.applyRow(loaded, row.id, row.version!, row.revision, row.body), true);
                } else if (row.revision > this.replica.knownRevision(loaded, row.id)) {
                    // A write of this server that memory missed (its connection broke after the commit).
                    await this.refresh(loaded, row.id);
                }
            });
        }
    }

    protected announce(loaded: ReplicaCollection, id: string, outcome: ReplicaOutcome, remote: boolean): void {
        if (outcome.kind === 'unchanged' || this.closed && remote) {
            return;
        }
        const collection = loaded.definition.name;
        const change: DocumentChange = outcome.kind === 'deleted'
            ? { collection, kind: 'deleted', id, version: outcome.previous.version }
            : { collection, kind: outcome.kind, id, version: outcome.document.version, document: outcome.document };
        this.onDidChangeEmitter.fire(remote ? { ...change, remote: true } : change);
    }

    protected async open(): Promise<void> {
        let snapshot;
        try {
            await runMigrations(this.pool);
            snapshot = await loadSnapshot(this.pool, this.replica.names);
        } catch (error) {
            await this.pool.end().catch(() => undefined);
            throw new Error(isConnectionError(error)
                ? `Presswork cannot reach its database at ${this.where} (${this.describe(error)})`
                : `Presswork cannot open its database at ${this.where}: ${this.describe(error)}`);
        }
        for (const row of snapshot.rows) {
            this.replica.applyRow(this.replica.find(row.collection)!, row.id, row.version, row.revision, row.body);
        }
        this.tail = new ChangeTail({
            pool: this.pool,
            serverId: this.serverId,
            listenConfig: this.settings,
            start: snapshot.start,
            pollMs: this.options.pollMs,
            apply: rows => this.applyChanges(rows),
            beginRead: () => this.replica.beginPass(),
            endRead: read => this.replica.forgetTombstonesBefore(read),
            onError: error => this.trouble(error)
        });
        this.tail.start();
    }

    /**
     * Runs a statement on a pooled connection. While the database cannot be reached, waits for a
     * connection a bounded time (a restart of the database passes unnoticed), then fails saying so;
     * a connection lost during the statement leaves its outcome unknown, and the error says that.
     */
    protected async database<R>(work: (db: ClientBase) => Promise<R>): Promise<R> {
        this.checkOpen();
        const client = await this.connect();
        let broken: Error | undefined;
        // A connection cut while checked out (the database restarting) reports on the client
        // itself; unheard, that report would end the server.
        const onError = (error: Error): void => {
            broken = error;
        };
        client.on('error', onError);
        try {
            const result = await work(client);
            this.reportedTrouble = false;
            return result;
        } catch (error) {
            if (isConnectionError(error)) {
                broken = error as Error;
                throw new LostStatementError(`Presswork lost its database at ${this.where} during a statement, which may or may not have been made (${this.describe(error)})`);
            }
            throw error;
        } finally {
            client.off('error', onError);
            client.release(broken);
        }
    }

    /**
     * Runs a write statement so that a database restart under it is not the caller's problem: when
     * the connection is lost during the statement, the row is read once the database answers again
     * (`settle`), and the write counts as made, is made again, or meets a conflict.
     */
    protected async surely<R>(statement: (db: ClientBase) => Promise<R>, settle: (db: ClientBase) => Promise<Settlement>): Promise<R | Exclude<Settlement, typeof NOT_MADE>> {
        for (let attempt = 1; ; attempt++) {
            try {
                return await this.database(statement);
            } catch (error) {
                if (!(error instanceof LostStatementError) || attempt >= LOST_STATEMENT_ATTEMPTS) {
                    throw error;
                }
            }
            const settled = await this.read(settle);
            if (settled !== NOT_MADE) {
                return settled;
            }
        }
    }

    /** Runs a read: a connection lost under it only means reading again. */
    protected async read<R>(work: (db: ClientBase) => Promise<R>): Promise<R> {
        for (let attempt = 1; ; attempt++) {
            try {
                return await this.database(work);
            } catch (error) {
                if (!(error instanceof LostStatementError) || attempt >= LOST_STATEMENT_ATTEMPTS) {
                    throw error;
                }
            }
        }
    }

    protected async connect(): Promise<PoolClient> {
        const deadline = ownTimers.now() + (this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
        for (; ;) {
            try {
                return await this.pool.connect();
            } catch (error) {
                if (this.closed || ownTimers.now() >= deadline || !isConnectionError(error)) {
                    throw new StoreOutOfReachError(`Presswork cannot reach its database at ${this.where} (${this.describe(error)})`);
                }
                this.trouble(error);
                await new Promise(resolve => ownTimers.setTimeout(resolve, 200));
            }
        }
    }

    /** Trouble the store recovers from by itself: said once until things work again. */
    protected trouble(error: unknown): void {
        if (!this.reportedTrouble && !this.closed) {
            this.reportedTrouble = true;
            this.options.log?.(`the database at ${this.where} is unavailable; retrying (${this.describe(error)})`);
        }
    }

    protected describe(error: unknown): string {
        const message = error instanceof AggregateError && error.errors.length
            ? error.errors.map(inner => inner instanceof Error ? inner.message : String(inner)).join('; ')
            : error instanceof Error ? error.message || error.name : String(error);
        return withoutPassword(message, this.options.url);
    }

    /** The document as its schema reads it, and its JSON text (the row's body): measured once, sent as measured. */
    protected validate<T extends StoredDocument>(loaded: ReplicaCollection, candidate: T): { document: T; body: string } {
        const name = loaded.definition.name;
        const document = validatedDocument(loaded.definition as DocumentCollection<T>, candidate, loaded.documents.get(candidate.id) as T | undefined);
        const body = JSON.stringify(document);
        const bytes = Buffer.byteLength(body);
        if (bytes > MAX_DOCUMENT_BYTES) {
            throw new DocumentTooLargeError(name, candidate.id, bytes, new OversizeDocumentError(bytes).message);
        }
        return { document, body };
    }

    protected keysOf(loaded: ReplicaCollection, document: StoredDocument | undefined): IndexKey[] {
        if (!document) {
            return [];
        }
        const keys: IndexKey[] = [];
        for (const [name, index] of loaded.indexes) {
            const found = index.keysOf(document);
            for (const key of found === undefined ? [] : typeof found === 'string' ? [found] : found) {
                keys.push({ index_name: name, key });
            }
        }
        return keys;
    }

    protected target(collection: DocumentCollection, id: string): WriteTarget {
        return { collection: collection.name, id, server: this.serverId };
    }

    protected lockKey(collection: DocumentCollection, id: string): string {
        return `${collection.name}/${id}`;
    }

    protected collection(collection: DocumentCollection): ReplicaCollection {
        const loaded = this.replica.find(collection.name);
        if (!loaded) {
            throw new Error(`the store has no collection named ${collection.name}`);
        }
        return loaded;
    }

}

/** The connection broke during a statement: whether it was made is unknown until the row is read. */
class LostStatementError extends StoreOutOfReachError { }

const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const CLIENT_CONNECTION_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|connection error|not queryable|Cannot use a pool after calling end/i;

/** Errors of reaching the database (refused, cut, timed out, shut down, refused sign-in), not of a statement. */
function isConnectionError(error: unknown): boolean {
    if (error instanceof AggregateError) {
        return error.errors.some(isConnectionError);
    }
    const code = (error as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') {
        // SQLSTATE classes 08 (connection), 28 (authorization), 3D000 (no such database), 57P (shutdown).
        return SOCKET_ERRORS.has(code) || code.startsWith('08') || code.startsWith('28') || code === '3D000' || code.startsWith('57P');
    }
    return error instanceof Error && CLIENT_CONNECTION_MESSAGE.test(error.message);
}
