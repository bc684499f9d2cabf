import type { Pool } from 'pg';
import type { ChangePosition } from './change-rows';

export interface SnapshotRow {
    readonly collection: string;
    readonly id: string;
    readonly version: number;
    readonly revision: number;
    readonly body: unknown;
}

export interface Snapshot {
    readonly rows: readonly SnapshotRow[];
    /**
     * Where the change tail starts: every transaction below the snapshot's oldest running one is
     * in `rows`; changes from that one on may or may not be, and are read again (memory ignores
     * what it holds already).
     */
    readonly start: ChangePosition;
}

/** Every document of `collections`, and the tail's start, from one REPEATABLE READ snapshot. */
export async function loadSnapshot(pool: Pool, collections: readonly string[]): Promise<Snapshot> {
    const client = await pool.connect();
    // A cut connection also reports on the client: the failing query says it to the caller.
    client.on('error', () => undefined);
    try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
            const horizon = await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
            const documents = await client.query<SnapshotRow>(
                'SELECT collection, id, version, revision::float8 AS revision, body FROM documents WHERE collection = ANY($1::text[])', [collections]);
            return { rows: documents.rows, start: { tx: horizon.rows[0].xmin, position: -1 } };
        } finally {
            await client.query('COMMIT');
        }
    } finally {
        client.release();
    }
}
