import { Pool } from 'pg';
import type { ClusterDirectory, ClusterServer } from './cluster-directory';

/** How long a server that stopped or stopped answering stays listed, so an administrator sees it went. */
const RECENTLY_GONE = '1 hour';

/** Lease names as `PostgresWorkOwnership` writes them. */
const ORDERS_LEASE = /^orders:(\d+)$/;
const CONNECTION_LEASE = /^connection:(.+)$/;
const LEADER_LEASE = 'leader';

interface ServerRow {
    readonly id: string;
    readonly host: string;
    readonly pid: number;
    readonly version: string;
    readonly started_at: Date;
    readonly heartbeat_at: Date;
    readonly live: boolean;
}

interface LeaseRow {
    readonly name: string;
    readonly holder: string;
}

/**
 * Reads the `servers` and `leases` tables (database time throughout) through a pool of its own,
 * one connection at most: the Servers view is read by an administrator now and then.
 */
export class PostgresClusterDirectory implements ClusterDirectory {
    protected readonly pool: Pool;

    constructor(databaseUrl: string, protected readonly leaseSeconds: number, onError: (error: Error) => void) {
        this.pool = new Pool({ connectionString: databaseUrl, max: 1, idleTimeoutMillis: 10_000, allowExitOnIdle: true, application_name: 'presswork-servers-view' });
        // An idle connection lost (the database restarted) must not take the server down; the next read reconnects.
        this.pool.on('error', onError);
    }

    async listServers(): Promise<ClusterServer[]> {
        const servers = await this.pool.query<ServerRow>(
            `SELECT id, host, pid, version, started_at, heartbeat_at,
                    stopped_at IS NULL AND heartbeat_at > now() - make_interval(secs => $1) AS live
               FROM servers
              WHERE heartbeat_at > now() - $2::interval
              ORDER BY live DESC, started_at, id`, [this.leaseSeconds, RECENTLY_GONE]);
        const leases = await this.pool.query<LeaseRow>('SELECT name, holder FROM leases WHERE holder IS NOT NULL AND expires_at > now()');
        return servers.rows.map(row => ({
            id: row.id,
            host: row.host,
            pid: row.pid,
            version: row.version,
            startedAt: row.started_at.toISOString(),
            lastHeartbeatAt: row.heartbeat_at.toISOString(),
            live: row.live,
            leases: leasesOf(row.id, leases.rows)
        }));
    }

    async dispose(): Promise<void> {
        await this.pool.end();
    }
}

function leasesOf(serverId: string, leases: readonly LeaseRow[]): ClusterServer['leases'] {
    const held = leases.filter(lease => lease.holder === serverId).map(lease => lease.name);
    return {
        leader: held.includes(LEADER_LEASE),
        orderPartitions: held.flatMap(name => ORDERS_LEASE.exec(name)?.[1] ?? []).map(Number).sort((a, b) => a - b),
        connectionIds: held.flatMap(name => CONNECTION_LEASE.exec(name)?.[1] ?? []).sort()
    };
}
