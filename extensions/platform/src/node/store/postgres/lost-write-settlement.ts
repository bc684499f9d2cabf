import { isDeepStrictEqual } from 'node:util';
import type { ClientBase } from 'pg';
import { readDocument, type WrittenRow } from './document-writes';

/** The write was not made: it is to be made again. */
export const NOT_MADE = Symbol('not made');
export type Settlement = WrittenRow | undefined | typeof NOT_MADE;

/**
 * A connection lost during a write statement (the database restarted) leaves its outcome
 * unknown. Once the database answers again, the row tells: each function below returns the
 * written row when the write was made, NOT_MADE when the row is still as the write found it (so
 * it is made again), and undefined when someone else changed it meanwhile (a conflict).
 */
export async function settleCreate(db: ClientBase, collection: string, id: string, body: string): Promise<Settlement> {
    const row = await readDocument(db, collection, id);
    if (!row) {
        return NOT_MADE;
    }
    return row.version === 1 && isDeepStrictEqual(row.body, JSON.parse(body)) ? { version: 1, revision: row.revision } : undefined;
}

export async function settleUpdate(db: ClientBase, collection: string, id: string, body: string, expectedVersion: number): Promise<Settlement> {
    const row = await readDocument(db, collection, id);
    if (!row) {
        return undefined;
    }
    if (row.version === expectedVersion) {
        return NOT_MADE;
    }
    return row.version === expectedVersion + 1 && isDeepStrictEqual(row.body, JSON.parse(body)) ? { version: row.version, revision: row.revision } : undefined;
}

export async function settleDelete(db: ClientBase, collection: string, id: string, expectedVersion: number): Promise<Settlement> {
    const row = await readDocument(db, collection, id);
    if (row) {
        return row.version === expectedVersion ? NOT_MADE : undefined;
    }
    const result = await db.query<{ position: number }>(
        `SELECT position::float8 AS position FROM changes WHERE collection = $1 AND id = $2 AND kind = 'deleted' ORDER BY position DESC LIMIT 1`, [collection, id]);
    const position = result.rows[0]?.position;
    return position === undefined ? undefined : { version: expectedVersion, revision: position };
}
