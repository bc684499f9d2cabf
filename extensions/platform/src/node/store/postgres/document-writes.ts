import type { ClientBase } from 'pg';

/** One key row of a document's secondary indexes: `document_keys` holds them in SQL. */
export interface IndexKey {
    readonly index_name: string;
    readonly key: string;
}

/** What a write statement returns when it went through: the document's new version and revision. */
export interface WrittenRow {
    readonly version: number;
    readonly revision: number;
}

export interface WriteTarget {
    readonly collection: string;
    readonly id: string;
    /** The server that writes, recorded on the change row. */
    readonly server: string;
}

/*
 * Statements run as named (prepared) statements: each connection parses and plans a write once,
 * not at every write. Each write is ONE autocommitted statement: the document row (version-checked), its change row
 * (position = the document's new revision, from `change_position`) and, only when they changed,
 * its index keys. A write whose check fails changes nothing and returns no row.
 */

const KEYS = `jsonb_to_recordset($5::jsonb) AS k(index_name text, key text)`;

const CREATE = `
WITH doc AS (
    INSERT INTO documents (collection, id, version, revision, body)
    VALUES ($1, $2, 1, nextval('change_position'), $3::jsonb)
    ON CONFLICT (collection, id) DO NOTHING
    RETURNING collection, id, version, revision
), change AS (
    INSERT INTO changes (position, collection, id, kind, version, server)
    SELECT revision, collection, id, 'created', version, $4 FROM doc
), keys AS (
    INSERT INTO document_keys (collection, index_name, key, id)
    SELECT doc.collection, k.index_name, k.key, doc.id FROM doc, ${KEYS}
)
SELECT version, revision::float8 AS revision FROM doc`;

const UPDATE = `
WITH doc AS (
    UPDATE documents SET version = version + 1, revision = nextval('change_position'), body = $3::jsonb
    WHERE collection = $1 AND id = $2 AND version = $6
    RETURNING collection, id, version, revision
), change AS (
    INSERT INTO changes (position, collection, id, kind, version, server)
    SELECT revision, collection, id, 'updated', version, $4 FROM doc
), dropped AS (
    DELETE FROM document_keys d
    WHERE $7 AND d.collection = $1 AND d.id = $2 AND EXISTS (SELECT 1 FROM doc)
      AND (d.index_name, d.key) NOT IN (SELECT k.index_name, k.key FROM ${KEYS})
), added AS (
    INSERT INTO document_keys (collection, index_name, key, id)
    SELECT doc.collection, k.index_name, k.key, doc.id FROM doc, ${KEYS} WHERE $7
    ON CONFLICT DO NOTHING
)
SELECT version, revision::float8 AS revision FROM doc`;

const DELETE = `
WITH doc AS (
    DELETE FROM documents WHERE collection = $1 AND id = $2 AND version = $3
    RETURNING collection, id, version
)
INSERT INTO changes (position, collection, id, kind, version, server)
SELECT nextval('change_position'), collection, id, 'deleted', version, $4 FROM doc
RETURNING version, position::float8 AS revision`;

/** Inserts the document at version 1; undefined when its id exists already. */
export async function insertDocument(db: ClientBase, target: WriteTarget, body: string, keys: readonly IndexKey[]): Promise<WrittenRow | undefined> {
    const result = await db.query<WrittenRow>({ name: 'presswork-create', text: CREATE, values: [target.collection, target.id, body, target.server, JSON.stringify(keys)] });
    return result.rows[0];
}

/** Replaces the document at `expectedVersion`; undefined when it is not at that version (or gone). */
export async function updateDocument(
    db: ClientBase, target: WriteTarget, body: string, expectedVersion: number, keys: readonly IndexKey[], keysChanged: boolean
): Promise<WrittenRow | undefined> {
    const result = await db.query<WrittenRow>({
        name: 'presswork-update', text: UPDATE, values: [target.collection, target.id, body, target.server, JSON.stringify(keys), expectedVersion, keysChanged]
    });
    return result.rows[0];
}

/** Deletes the document at `expectedVersion` (its keys go with it); undefined when it is not at that version. */
export async function deleteDocument(db: ClientBase, target: WriteTarget, expectedVersion: number): Promise<WrittenRow | undefined> {
    const result = await db.query<WrittenRow>({ name: 'presswork-delete', text: DELETE, values: [target.collection, target.id, expectedVersion, target.server] });
    return result.rows[0];
}

/** A document as the database holds it now. */
export interface DocumentRow {
    readonly version: number;
    readonly revision: number;
    readonly body: unknown;
}

export async function readDocument(db: ClientBase, collection: string, id: string): Promise<DocumentRow | undefined> {
    const result = await db.query<DocumentRow>({
        name: 'presswork-read', text: 'SELECT version, revision::float8 AS revision, body FROM documents WHERE collection = $1 AND id = $2', values: [collection, id]
    });
    return result.rows[0];
}

/** Only the version: whether a document held in memory is still the current one. */
export async function readVersion(db: ClientBase, collection: string, id: string): Promise<number | undefined> {
    const result = await db.query<{ version: number }>({
        name: 'presswork-read-version', text: 'SELECT version FROM documents WHERE collection = $1 AND id = $2', values: [collection, id]
    });
    return result.rows[0]?.version;
}
