/** A change read from the change table, with the document as it is now (absent once deleted). */
export interface ChangeRow {
    readonly tx: string;
    readonly position: number;
    readonly collection: string;
    readonly id: string;
    readonly version: number | null;
    readonly revision: number | null;
    /** Absent for this server's own writes, which memory took when they were made. */
    readonly body: unknown;
    /** Written by this server. */
    readonly own: boolean;
}

/** Where a reader of the change table stands: after this (transaction, position). */
export interface ChangePosition {
    readonly tx: string;
    readonly position: number;
}

/** `$1` is the reading server: its own writes come without their bodies (it holds them already). */
const CHANGE_COLUMNS = `c.tx::text AS tx, c.position::float8 AS position, c.collection, c.id,
    d.version, d.revision::float8 AS revision, c.server IS NOT DISTINCT FROM $1 AS own,
    CASE WHEN c.server IS NOT DISTINCT FROM $1 THEN NULL ELSE d.body END AS body
    FROM changes c LEFT JOIN documents d USING (collection, id)`;

/**
 * Changes of finished transactions only (below the oldest one running), after `$2, $3`, in
 * (transaction, position) order: a transaction that commits later has a transaction id at or above
 * that horizon, so it can never fall behind what was read.
 */
export const CHANGES_AFTER = `SELECT ${CHANGE_COLUMNS}
    WHERE c.tx < pg_snapshot_xmin(pg_current_snapshot()) AND (c.tx, c.position) > ($2::xid8, $3::bigint)
    ORDER BY c.tx, c.position LIMIT $4`;

/** Changes after `$2, $3` committed in the snapshot `$4`: what `catchUp` must see, whatever still runs. */
export const CHANGES_VISIBLE_IN = `SELECT ${CHANGE_COLUMNS}
    WHERE (c.tx, c.position) > ($2::xid8, $3::bigint) AND pg_visible_in_snapshot(c.tx, $4::pg_snapshot)
    ORDER BY c.tx, c.position LIMIT $5`;
