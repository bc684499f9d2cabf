import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { StoredDocument } from '../../../common/store-protocol';
import type { PoolClient } from 'pg';
import { runningBackendOf } from '../../backup/pause-protocol';
import type { DocumentCollection } from '../document-store';
import { describeDatabase } from '../postgres/connection-settings';
import { runMigrations } from '../postgres/migration-runner';
import { copyCollection } from './copy-documents';
import { collectionsIn, readCollection } from './embedded-documents';
import { refuseLiveServers } from './live-servers';
import { openToolPool } from './tool-database';
import { compareCopy, type CollectionComparison } from './verify-copy';

export interface MigrateStoreOptions {
    /** The data folder whose `store/` is copied. */
    readonly dataFolder: string;
    readonly databaseUrl: string;
    /** Collection definitions whose secondary-index keys are written (`document_keys`); others are copied without keys. */
    readonly definitions?: readonly DocumentCollection[];
    /** How recent a server's heartbeat must be for it to count as running. */
    readonly leaseSeconds?: number;
}

export interface CollectionMigration extends CollectionComparison {
    /** Key rows written, or undefined when the collection's definition (its indexes) was not known. */
    readonly keys: number | undefined;
}

export interface MigrationReport {
    /** host:port/database: never the password. */
    readonly database: string;
    readonly appliedMigrations: readonly number[];
    readonly collections: readonly CollectionMigration[];
    /** Every collection has the same count and checksum on both sides. */
    readonly verified: boolean;
}

/**
 * Copies an embedded data folder's store into an empty PostgreSQL database, in one transaction,
 * then verifies every collection on both sides. Refuses while Presswork runs on the folder or on
 * the database, and refuses a database that holds documents already (a second copy would mix two
 * shops). The files beside the store (print files, job folders, keys) stay where they are: the
 * servers share that folder.
 */
export async function migrateStore(options: MigrateStoreOptions): Promise<MigrationReport> {
    const database = describeDatabase(options.databaseUrl);
    const dataFolder = path.resolve(options.dataFolder);
    const storeFolder = path.join(dataFolder, 'store');
    if (!(await fs.stat(storeFolder).catch(() => undefined))?.isDirectory()) {
        throw new Error(`There is no embedded store at ${storeFolder}.`);
    }
    const pid = await runningBackendOf(dataFolder);
    if (pid !== undefined) {
        throw new Error(`Presswork (process ${pid}) runs on ${dataFolder}; stop it before copying its store.`);
    }
    const collections = new Map<string, StoredDocument[]>();
    for (const collection of await collectionsIn(storeFolder)) {
        collections.set(collection, await readCollection(storeFolder, collection));
    }
    const plan: CopyPlan = {
        database,
        storeFolder,
        collections,
        definitions: new Map((options.definitions ?? []).map(definition => [definition.name, definition])),
        leaseSeconds: options.leaseSeconds ?? 10
    };
    const pool = await openToolPool(options.databaseUrl);
    try {
        const appliedMigrations = await runMigrations(pool);
        const client = await pool.connect();
        try {
            const keys = await copyAll(client, plan);
            const comparisons = await compareCopy(client, storeFolder);
            return {
                database,
                appliedMigrations,
                collections: comparisons.map(comparison => ({ ...comparison, keys: keys.get(comparison.collection) })),
                verified: comparisons.every(comparison => comparison.matches)
            };
        } finally {
            client.release();
        }
    } finally {
        await pool.end().catch(() => undefined);
    }
}

interface CopyPlan {
    readonly database: string;
    readonly storeFolder: string;
    /** Every collection of the folder, its documents in id order. */
    readonly collections: ReadonlyMap<string, readonly StoredDocument[]>;
    readonly definitions: ReadonlyMap<string, DocumentCollection>;
    readonly leaseSeconds: number;
}

/**
 * The copy, in one transaction: refused while a server runs on the database or documents are there.
 * Returns the key rows written per collection (undefined: its definition was not known).
 */
async function copyAll(client: PoolClient, plan: CopyPlan): Promise<Map<string, number | undefined>> {
    const keys = new Map<string, number | undefined>();
    await client.query('BEGIN');
    try {
        // No server may write while the copy runs; one that starts meanwhile waits for the commit.
        await client.query('LOCK TABLE documents IN EXCLUSIVE MODE');
        await refuseLiveServers(client, plan.leaseSeconds, 'copying a store into it');
        const held = await client.query<{ count: string }>('SELECT count(*) AS count FROM documents');
        if (Number(held.rows[0].count) > 0) {
            throw new Error(`The database ${plan.database} holds ${held.rows[0].count} documents already; copy into an empty database.`);
        }
        for (const [collection, documents] of plan.collections) {
            const definition = plan.definitions.get(collection);
            const written = await copyCollection(client, collection, documents, definition);
            keys.set(collection, definition ? written : undefined);
        }
        await client.query('COMMIT');
    } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
    return keys;
}
