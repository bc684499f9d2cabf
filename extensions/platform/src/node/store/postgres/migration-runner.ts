import type { Pool } from 'pg';
import { MIGRATIONS, MIGRATION_LOCK_KEY, Migration } from './migrations';

/**
 * Brings the schema up to date: under the migrations' advisory lock (servers starting together
 * wait for each other, so each migration runs once), each missing migration in its own
 * transaction, recorded in `presswork_migrations`. Returns the versions it ran.
 */
export async function runMigrations(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
    const client = await pool.connect();
    // A cut connection also reports on the client: the failing query says it to the caller.
    client.on('error', () => undefined);
    try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
            await client.query(`CREATE TABLE IF NOT EXISTS presswork_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )`);
            const applied = new Set((await client.query<{ version: number }>('SELECT version FROM presswork_migrations')).rows.map(row => row.version));
            const known = Math.max(0, ...migrations.map(migration => migration.version));
            const newest = Math.max(0, ...applied);
            if (newest > known) {
                throw new Error(`the database's schema is at version ${newest}, newer than this Presswork knows (${known}): upgrade this server`);
            }
            const ran: number[] = [];
            for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
                if (!applied.has(migration.version)) {
                    await runOne(client, migration);
                    ran.push(migration.version);
                }
            }
            return ran;
        } finally {
            await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
    } finally {
        client.release();
    }
}

async function runOne(client: { query(sql: string, values?: unknown[]): Promise<unknown> }, migration: Migration): Promise<void> {
    await client.query('BEGIN');
    try {
        await client.query(migration.sql);
        await client.query('INSERT INTO presswork_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
    } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`);
    }
}
