import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { StoredDocument } from '../../../common/store-protocol';
import { runningBackendOf } from '../../backup/pause-protocol';
import type { DocumentCollection } from '../document-store';
import { copyCollection } from './copy-documents';
import { connectDatabase, describeDatabase } from './database-url';
import { collectionsIn, readCollection } from './embedded-documents';
import { refuseLiveServers } from './live-servers';
import { runMigrations } from './run-migrations';
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
    const definitions = new Map((options.definitions ?? []).map(definition => [definition.name, definition]));
    const leaseSeconds = options.leaseSeconds ?? 10;

    const client = await connectDatabase(options.databaseUrl);
    try {
        const appliedMigrations = await runMigrations(client);
        const keys = new Map<string, number | undefined>();
        await client.query('BEGIN');
        try {
            // No server may write while the copy runs; one that starts meanwhile waits for the commit.
            await client.query('LOCK TABLE documents IN EXCLUSIVE MODE');
            await refuseLiveServers(client, leaseSeconds, 'copying a store into it');
            const held = await client.query<{ count: string }>('SELECT count(*) AS count FROM documents');
            if (Number(held.rows[0].count) > 0) {
                throw new Error(`The database ${database} holds ${held.rows[0].count} documents already; copy into an empty database.`);
            }
            for (const [collection, documents] of collections) {
                const definition = definitions.get(collection);
                const written = await copyCollection(client, collection, documents, definition);
                keys.set(collection, definition ? written : undefined);
            }
            await client.query('COMMIT');
        } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
        }
        const comparisons = await compareCopy(client, storeFolder);
        return {
            database,
            appliedMigrations,
            collections: comparisons.map(comparison => ({ ...comparison, keys: keys.get(comparison.collection) })),
            verified: comparisons.every(comparison => comparison.matches)
        };
    } finally {
        await client.end().catch(() => undefined);
    }
}
