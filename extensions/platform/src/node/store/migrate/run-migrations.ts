import type { ClientBase } from 'pg';
import { MIGRATIONS, MIGRATION_LOCK_KEY, type Migration } from '../postgres/migrations';

/**
 * Brings a database's schema up to date: the migrations not yet recorded in
 * `presswork_migrations`, in order, each in its own transaction, under the migration advisory
 * lock, so a server starting at the same moment migrates once. (The store's own runner does the
 * same at a server's start; the tools call this one.)
 */
export async function runMigrations(client: ClientBase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
        await client.query(`CREATE TABLE IF NOT EXISTS presswork_migrations (
            version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
        const done = new Set((await client.query<{ version: number }>('SELECT version FROM presswork_migrations')).rows.map(row => row.version));
        const applied: number[] = [];
        for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
            if (done.has(migration.version)) {
                continue;
            }
            await client.query('BEGIN');
            try {
                await client.query(migration.sql);
                await client.query('INSERT INTO presswork_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
                await client.query('COMMIT');
            } catch (error) {
                await client.query('ROLLBACK');
                throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`);
            }
            applied.push(migration.version);
        }
        return applied;
    } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
}
