/** A change read from the change table, with the document as it is now (absent once deleted). */
export interface ChangeRow {
    readonly tx: string;
    readonly position: number;
    readonly collection: string;
    readonly id: string;
    readonly version: number | null;
    readonly revision: number | null;
    readonly body: unknown;
}

/** Where a reader of the change table stands: after this (transaction, position). */
export interface ChangePosition {
    readonly tx: string;
    readonly position: number;
}

const CHANGE_COLUMNS = `c.tx::text AS tx, c.position::float8 AS position, c.collection, c.id,
    d.version, d.revision::float8 AS revision, d.body
    FROM changes c LEFT JOIN documents d USING (collection, id)`;

/**
 * Changes of finished transactions only (below the oldest one running), after `$1, $2`, in
 * (transaction, position) order: a transaction that commits later has a transaction id at or above
 * that horizon, so it can never fall behind what was read.
 */
export const CHANGES_AFTER = `SELECT ${CHANGE_COLUMNS}
    WHERE c.tx < pg_snapshot_xmin(pg_current_snapshot()) AND (c.tx, c.position) > ($1::xid8, $2::bigint)
    ORDER BY c.tx, c.position LIMIT $3`;

/** Changes after `$1, $2` committed in the snapshot `$3`: what `catchUp` must see, whatever still runs. */
export const CHANGES_VISIBLE_IN = `SELECT ${CHANGE_COLUMNS}
    WHERE (c.tx, c.position) > ($1::xid8, $2::bigint) AND pg_visible_in_snapshot(c.tx, $3::pg_snapshot)
    ORDER BY c.tx, c.position LIMIT $4`;
