import type { ClientBase } from 'pg';
import type { StoredDocument } from '../../../common/store-protocol';
import type { DocumentCollection } from '../document-store';

/** Who wrote the change rows of a migration (the `changes.server` column). */
export const MIGRATION_WRITER = 'migrate-store';

/** Rows of one INSERT: big enough to make the round trips cheap, small enough for any document size. */
const BATCH_DOCUMENTS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * Writes one collection's documents as the PostgreSQL store writes them: a `documents` row each
 * (the document as its body, its version kept, its revision a new change position), a `changes`
 * row at that position, and the keys of the collection's secondary indexes when its definition is
 * known. Runs inside the caller's transaction. Returns how many key rows it wrote.
 */
export async function copyCollection(
    client: ClientBase, collection: string, documents: readonly StoredDocument[], definition: DocumentCollection | undefined
): Promise<number> {
    let keys = 0;
    for (const batch of batchesOf(documents)) {
        await client.query(`
            WITH input AS MATERIALIZED (
                SELECT e.item->>'id' AS id, (e.item->>'version')::integer AS version, e.item->'body' AS body, nextval('change_position') AS revision
                FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(item, n)
                ORDER BY e.n
            ), written AS (
                INSERT INTO documents (collection, id, version, revision, body)
                SELECT $1, id, version, revision, body FROM input
                RETURNING id, version, revision
            )
            INSERT INTO changes (position, collection, id, kind, version, server)
            SELECT revision, $1, id, 'created', version, $3 FROM written`,
        [collection, JSON.stringify(batch.map(document => ({ id: document.id, version: document.version, body: document }))), MIGRATION_WRITER]);
        const rows = definition ? keyRowsOf(definition, batch) : [];
        if (rows.length) {
            await client.query(`
                INSERT INTO document_keys (collection, index_name, key, id)
                SELECT $1, k.index_name, k.key, k.id FROM jsonb_to_recordset($2::jsonb) AS k(index_name text, key text, id text)`,
            [collection, JSON.stringify(rows)]);
            keys += rows.length;
        }
    }
    return keys;
}

interface KeyRow {
    readonly index_name: string;
    readonly key: string;
    readonly id: string;
}

/** The keys each index gives each document, as the in-memory SecondaryIndex reads them (a repeated key once). */
export function keyRowsOf(definition: DocumentCollection, documents: readonly StoredDocument[]): KeyRow[] {
    const rows: KeyRow[] = [];
    for (const [indexName, keysOf] of Object.entries(definition.indexes ?? {})) {
        for (const document of documents) {
            let keys: string | readonly string[] | undefined;
            try {
                keys = keysOf(document);
            } catch (error) {
                throw new Error(`${definition.name}/${document.id}: its ${indexName} key cannot be read (${error instanceof Error ? error.message : String(error)})`);
            }
            const list = keys === undefined ? [] : typeof keys === 'string' ? [keys] : keys;
            for (const key of new Set(list)) {
                rows.push({ index_name: indexName, key, id: document.id });
            }
        }
    }
    return rows;
}

function* batchesOf(documents: readonly StoredDocument[]): Generator<StoredDocument[]> {
    let batch: StoredDocument[] = [];
    let bytes = 0;
    for (const document of documents) {
        const size = JSON.stringify(document).length;
        if (batch.length && (batch.length >= BATCH_DOCUMENTS || bytes + size > BATCH_BYTES)) {
            yield batch;
            batch = [];
            bytes = 0;
        }
        batch.push(document);
        bytes += size;
    }
    if (batch.length) {
        yield batch;
    }
}
