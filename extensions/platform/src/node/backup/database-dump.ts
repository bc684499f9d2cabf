import { describeDatabase } from '../store/postgres/connection-settings';
import { openToolPool } from '../store/migrate/tool-database';
import { refuseLiveServers } from '../store/migrate/live-servers';
import { conninfoDatabase, fileDigest, libpqEnvironment, postgresTool, runPostgresTool } from './postgres-tools';

/** A PostgreSQL backup's database half: the dump file's size and checksum, and where it came from. */
export interface DatabaseDump {
    readonly bytes: number;
    readonly sha256: string;
    readonly source: string;
}

/**
 * `pg_dump -Fc` of the database into `file`: one consistent snapshot (pg_dump reads in a single
 * REPEATABLE READ transaction), taken while the servers keep working.
 */
export async function dumpDatabase(databaseUrl: string, file: string): Promise<DatabaseDump> {
    const source = describeDatabase(databaseUrl);
    await runPostgresTool(postgresTool('pg_dump'), ['--format=custom', '--no-password', `--file=${file}`], libpqEnvironment(databaseUrl))
        .catch(error => Promise.reject(new Error(`Could not dump the database at ${source}: ${(error as Error).message}`)));
    return { ...await fileDigest(file), source };
}

/**
 * Brings a dump back into the database: `pg_restore --clean --if-exists` in one transaction, so a
 * failure leaves the database as it was. Refuses while a server of that database is live (a
 * heartbeat within the lease time): it would keep writing into what is being replaced.
 */
export async function restoreDatabase(databaseUrl: string, file: string, leaseSeconds: number): Promise<void> {
    const target = describeDatabase(databaseUrl);
    await refuseWhileServersLive(databaseUrl, leaseSeconds);
    const environment = libpqEnvironment(databaseUrl);
    const args = ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--no-password',
        `--dbname=${conninfoDatabase(environment.PGDATABASE ?? environment.PGUSER ?? '')}`, file];
    await runPostgresTool(postgresTool('pg_restore'), args, environment)
        .catch(error => Promise.reject(new Error(`Could not restore the database at ${target}; it is as it was: ${(error as Error).message}`)));
}

async function refuseWhileServersLive(databaseUrl: string, leaseSeconds: number): Promise<void> {
    const pool = await openToolPool(databaseUrl);
    const client = await pool.connect();
    try {
        await refuseLiveServers(client, leaseSeconds, 'restoring');
    } finally {
        client.release();
        await pool.end().catch(() => undefined);
    }
}
