import { Pool } from 'pg';
import { databaseSettings, describeDatabase, readDatabaseOptions, withoutPassword } from '../postgres/connection-settings';

/**
 * A small pool for a command-line tool (migrate-store, restore), with the servers' connection
 * settings (TLS from the URL, `PRESSWORK_DATABASE_CA`). Its first connection is tried at once, so a
 * database out of reach is said plainly, where it is and never with the password.
 */
export async function openToolPool(url: string, environment: NodeJS.ProcessEnv = process.env): Promise<Pool> {
    const pool = new Pool({ ...databaseSettings(url, readDatabaseOptions(environment)), max: 2, application_name: 'presswork-tools' });
    // An idle connection lost while the tool works: the next query reconnects or fails in words.
    pool.on('error', () => undefined);
    try {
        (await pool.connect()).release();
    } catch (error) {
        await pool.end().catch(() => undefined);
        throw new Error(`Cannot reach the database at ${describeDatabase(url)} (${withoutPassword(error instanceof Error ? error.message : String(error), url)}).`);
    }
    return pool;
}
