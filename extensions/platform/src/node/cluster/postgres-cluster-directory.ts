import type { Pool } from 'pg';
import { openClusterPool } from './cluster-pool';
import type { ClusterDirectory, ClusterServer } from './cluster-directory';
import { scopeOfLease } from './lease-names';

/** How long a server that stopped or stopped answering stays listed, so an administrator sees it went. */
const RECENTLY_GONE = '1 hour';

/** A database that does not answer fails the view's read instead of leaving it waiting. */
const CONNECT_TIMEOUT_MS = 5000;
const QUERY_TIMEOUT_MS = 10_000;

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
        // An idle connection lost (the database restarted) must not take the server down; the next read reconnects.
        this.pool = openClusterPool(databaseUrl, { max: 1, connectTimeoutMs: CONNECT_TIMEOUT_MS, queryTimeoutMs: QUERY_TIMEOUT_MS, onIdleError: onError });
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
    const scopes = leases.filter(lease => lease.holder === serverId).flatMap(lease => scopeOfLease(lease.name) ?? []);
    return {
        leader: scopes.some(scope => scope.kind === 'leader'),
        orderPartitions: scopes.flatMap(scope => scope.kind === 'orders' ? [scope.partition] : []).sort((a, b) => a - b),
        connectionIds: scopes.flatMap(scope => scope.kind === 'connection' ? [scope.connectionId] : []).sort()
    };
}
