import * as path from 'node:path';
import type { StoreKind } from '../../common/store-protocol';
import { sharedPostgresTestServer } from './postgres-test-server';

/** Which store the tests' stores are: `PRESSWORK_TEST_STORE=postgresql` runs them on PostgreSQL. */
export function testStoreKind(): StoreKind {
    const kind = process.env.PRESSWORK_TEST_STORE ?? 'embedded';
    if (kind !== 'embedded' && kind !== 'postgresql') {
        throw new Error(`PRESSWORK_TEST_STORE must be embedded or postgresql, not ${JSON.stringify(kind)}`);
    }
    return kind;
}

/** The database standing for each store folder, and emptied databases ready for another folder. */
const databases = new Map<string, Promise<string>>();
const emptied: string[] = [];

/**
 * The URL of the database that stands for `folder` on the shared test server: a fresh (empty)
 * one the first time, the same one after, as a folder is the same folder after a restart.
 */
export function testDatabaseFor(folder: string): Promise<string> {
    const key = path.resolve(folder);
    let url = databases.get(key);
    if (!url) {
        const reused = emptied.pop();
        url = reused ? Promise.resolve(reused) : sharedPostgresTestServer().then(server => server.createDatabase());
        databases.set(key, url);
    }
    return url;
}

/**
 * The folder's database is done with (its stores are closed): it is emptied and kept for the next
 * test, which costs much less than creating a database; schema and migrations stay.
 */
export async function releaseTestDatabase(folder: string): Promise<void> {
    const key = path.resolve(folder);
    const url = databases.get(key);
    if (!url) {
        return;
    }
    databases.delete(key);
    const server = await sharedPostgresTestServer();
    const database = new URL(await url).pathname.slice(1);
    await server.withClient(client => client.query(
        // Leases and servers exist once the migrations ran; a store that never opened has no tables.
        `DO $$ BEGIN
            IF to_regclass('documents') IS NOT NULL THEN
                TRUNCATE documents, document_keys, changes, servers, leases;
            END IF;
        END $$`), database);
    emptied.push(await url);
}
