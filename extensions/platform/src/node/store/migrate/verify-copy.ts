import type { ClientBase } from 'pg';
import { CollectionChecksum } from './document-checksum';
import { collectionsIn, readCollection } from './embedded-documents';

export interface CollectionFingerprint {
    readonly count: number;
    readonly checksum: string;
}

export interface CollectionComparison {
    readonly collection: string;
    readonly folder: CollectionFingerprint;
    readonly database: CollectionFingerprint;
    readonly matches: boolean;
}

const PAGE = 1000;

/** A collection's fingerprint as the embedded store folder holds it (read afresh). */
export async function folderFingerprint(storeFolder: string, collection: string): Promise<CollectionFingerprint> {
    const checksum = new CollectionChecksum();
    for (const document of await readCollection(storeFolder, collection)) {
        checksum.add({ id: document.id, version: document.version, body: document });
    }
    return { count: checksum.count, checksum: checksum.digest() };
}

/** A collection's fingerprint as the database holds it, read a page at a time in id order. */
export async function databaseFingerprint(client: ClientBase, collection: string): Promise<CollectionFingerprint> {
    const checksum = new CollectionChecksum();
    let after = '';
    for (; ;) {
        const page = await client.query<{ id: string; version: number; body: unknown }>(
            `SELECT id, version, body FROM documents WHERE collection = $1 AND id COLLATE "C" > $2 ORDER BY id COLLATE "C" LIMIT ${PAGE}`,
            [collection, after]
        );
        for (const row of page.rows) {
            checksum.add(row);
        }
        if (page.rows.length < PAGE) {
            return { count: checksum.count, checksum: checksum.digest() };
        }
        after = page.rows[page.rows.length - 1].id;
    }
}

/** Compares every collection of the folder and of the database: the same documents, at the same versions, with the same bodies. */
export async function compareCopy(client: ClientBase, storeFolder: string): Promise<CollectionComparison[]> {
    const inDatabase = (await client.query<{ collection: string }>('SELECT DISTINCT collection FROM documents')).rows.map(row => row.collection);
    const inFolder = await collectionsIn(storeFolder);
    const comparisons: CollectionComparison[] = [];
    for (const collection of [...new Set([...inFolder, ...inDatabase])].sort()) {
        // A collection only the database holds compares against an empty one.
        const folder = inFolder.includes(collection) ? await folderFingerprint(storeFolder, collection) : { count: 0, checksum: new CollectionChecksum().digest() };
        const database = await databaseFingerprint(client, collection);
        comparisons.push({ collection, folder, database, matches: folder.count === database.count && folder.checksum === database.checksum });
    }
    return comparisons;
}
