import { Pool } from 'pg';
import { databaseSettings, readDatabaseOptions } from '../store/postgres/connection-settings';

export interface ClusterPoolOptions {
    readonly max: number;
    /** How long to wait for a connection before a query fails (a database that is down). */
    readonly connectTimeoutMs: number;
    /** Fails a query that has not answered in time (absent: no limit, as for advisory locks that wait). */
    readonly queryTimeoutMs?: number;
    /** Told about a connection that broke while idle (the pool drops it and opens a new one later). */
    readonly onIdleError: (error: Error) => void;
}

/**
 * A small pool of connections to the shop's database for the cluster's own statements (heartbeats,
 * leases, advisory locks), apart from the store's pool so that a busy store never delays a
 * heartbeat. Connection and TLS settings are the store's (`databaseSettings`): one rule for both.
 */
export function openClusterPool(databaseUrl: string, options: ClusterPoolOptions, environment: NodeJS.ProcessEnv = process.env): Pool {
    const pool = new Pool({
        ...databaseSettings(databaseUrl, { ...readDatabaseOptions(environment), poolSize: options.max, connectTimeoutMs: options.connectTimeoutMs }),
        query_timeout: options.queryTimeoutMs,
        application_name: 'presswork-cluster'
    });
    pool.on('error', options.onIdleError);
    return pool;
}
