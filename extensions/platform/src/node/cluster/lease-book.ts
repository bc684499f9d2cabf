import type { Pool, PoolClient } from 'pg';

/** Where a statement runs: the pool, or a client inside a transaction. */
export type Queryable = Pick<Pool | PoolClient, 'query'>;

/** A lease as another server sees it: taken while its holder renews it. */
export interface LeaseState {
    readonly name: string;
    readonly holder: string | undefined;
    /** Held and not expired (database time). */
    readonly live: boolean;
    /** For a live lease, milliseconds from the database's now() until it expires. */
    readonly expiresInMs: number | undefined;
}

/**
 * The `leases` table for one holder. A lease is taken only when free or expired (or already this
 * holder's), and each new holding increments `fencing`; renewals and releases touch only this
 * holder's rows. Expiry is database time (`now()`), so servers' clocks need not agree.
 */
export class LeaseBook {
    constructor(
        protected readonly pool: Pool,
        protected readonly holder: string,
        protected readonly leaseSeconds: number
    ) { }

    async list(): Promise<LeaseState[]> {
        const result = await this.pool.query<{ name: string; holder: string | null; live: boolean; expires_in_ms: number }>(
            `SELECT name, holder, (holder IS NOT NULL AND expires_at > now()) AS live,
                (extract(epoch FROM expires_at - now()) * 1000)::float8 AS expires_in_ms FROM leases`);
        return result.rows.map(row => ({ name: row.name, holder: row.holder ?? undefined, live: row.live, expiresInMs: row.live ? row.expires_in_ms : undefined }));
    }

    /**
     * Takes those of `names` that are free or expired; the names taken. Rows are locked in name
     * order, the same on every server, so two servers taking leases together never deadlock.
     */
    async acquire(names: readonly string[]): Promise<Set<string>> {
        if (!names.length) {
            return new Set();
        }
        const result = await this.pool.query<{ name: string }>(
            `INSERT INTO leases (name, holder, expires_at, acquired_at, fencing)
             SELECT name, $2, now() + make_interval(secs => $3), now(), 1 FROM unnest($1::text[]) WITH ORDINALITY AS wanted (name, rank) ORDER BY rank
             ON CONFLICT (name) DO UPDATE
                SET holder = excluded.holder, expires_at = excluded.expires_at, acquired_at = now(), fencing = leases.fencing + 1
                WHERE leases.holder IS NULL OR leases.holder = excluded.holder OR leases.expires_at <= now()
             RETURNING name`,
            [[...names].sort(), this.holder, this.leaseSeconds]);
        return new Set(result.rows.map(row => row.name));
    }

    /**
     * Extends this holder's leases among `names`; the names still held (one missing was taken over).
     * `on`: a transaction's client, so that the renewal shares its now() with the heartbeat.
     */
    async renew(names: readonly string[], on: Queryable = this.pool): Promise<Set<string>> {
        if (!names.length) {
            return new Set();
        }
        const result = await on.query<{ name: string }>(
            `UPDATE leases SET expires_at = now() + make_interval(secs => $3)
             WHERE name = ANY($1::text[]) AND holder = $2 AND expires_at > now()
             RETURNING name`,
            [names, this.holder, this.leaseSeconds]);
        return new Set(result.rows.map(row => row.name));
    }

    /** Frees this holder's leases among `names` for another server to take at once. */
    async release(names: readonly string[]): Promise<void> {
        if (names.length) {
            await this.pool.query('UPDATE leases SET holder = NULL, expires_at = now() WHERE name = ANY($1::text[]) AND holder = $2', [names, this.holder]);
        }
    }

    /** Removes leases of work that no longer exists (a deleted connection), unless another server holds one. */
    async forget(names: readonly string[]): Promise<void> {
        if (names.length) {
            await this.pool.query(
                'DELETE FROM leases WHERE name = ANY($1::text[]) AND (holder IS NULL OR holder = $2 OR expires_at <= now())',
                [names, this.holder]);
        }
    }
}
