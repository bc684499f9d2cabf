import * as fs from 'node:fs';
import { Pool } from 'pg';

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
 * heartbeat. The URL's TLS settings (`sslmode`, `sslrootcert`, …) are honoured by `pg`; the
 * optional `PRESSWORK_DATABASE_CA` file is the authority to trust.
 */
export function openClusterPool(databaseUrl: string, options: ClusterPoolOptions, environment: NodeJS.ProcessEnv = process.env): Pool {
    const caFile = environment.PRESSWORK_DATABASE_CA;
    const pool = new Pool({
        connectionString: databaseUrl,
        max: options.max,
        connectionTimeoutMillis: options.connectTimeoutMs,
        query_timeout: options.queryTimeoutMs,
        application_name: 'presswork-cluster',
        ...(caFile ? { ssl: { ca: fs.readFileSync(caFile, 'utf8'), rejectUnauthorized: true } } : {})
    });
    pool.on('error', options.onIdleError);
    return pool;
}
