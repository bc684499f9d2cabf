import type { Pool } from 'pg';
import type { Queryable } from './lease-book';

/** Who a server is, as the Servers view lists it. */
export interface ServerIdentity {
    readonly id: string;
    readonly host: string;
    readonly pid: number;
    readonly version: string;
}

/**
 * A server's row in `servers`: written at start, its heartbeat renewed with every check, marked
 * stopped on a clean stop. A server is live while its heartbeat is younger than the lease time;
 * all times are the database's (`now()`), so servers' clocks need not agree.
 */
export class ServerRegistry {
    constructor(
        protected readonly pool: Pool,
        protected readonly identity: ServerIdentity,
        protected readonly leaseSeconds: number
    ) { }

    /**
     * Registers the server on its first call, renews its heartbeat on the next ones. `on`: a
     * transaction's client, so that the heartbeat shares its now() with the lease renewal.
     */
    async heartbeat(on: Queryable = this.pool): Promise<void> {
        const { id, host, pid, version } = this.identity;
        await on.query(
            `INSERT INTO servers (id, host, pid, version) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), stopped_at = NULL`,
            [id, host, pid, version]);
    }

    /** Ids of the servers whose heartbeat is recent, this one included once it has beaten. */
    async liveServers(): Promise<string[]> {
        const result = await this.pool.query<{ id: string }>(
            `SELECT id FROM servers
             WHERE stopped_at IS NULL AND heartbeat_at > now() - make_interval(secs => $1)
             ORDER BY id`,
            [this.leaseSeconds]);
        return result.rows.map(row => row.id);
    }

    async stopped(): Promise<void> {
        await this.pool.query('UPDATE servers SET stopped_at = now() WHERE id = $1', [this.identity.id]);
    }

    /** Forgets servers silent for over a day that hold nothing, so the Servers view lists the shop's servers, not every restart. */
    async forgetLongGone(): Promise<void> {
        await this.pool.query(
            `DELETE FROM servers s WHERE heartbeat_at < now() - interval '1 day'
             AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.holder = s.id AND l.expires_at > now())`);
    }
}
