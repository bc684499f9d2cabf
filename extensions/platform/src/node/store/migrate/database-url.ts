import { Client } from 'pg';

/**
 * What the tools say about a database: where it is, never its password. The URL may carry the
 * password (`postgres://user:secret@host/db`), so nothing prints the URL itself.
 */
export function describeDatabase(url: string): string {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new Error('The database URL is not a valid postgres:// URL.');
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
        throw new Error('The database URL must start with postgres:// or postgresql://.');
    }
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
    return `${host}:${parsed.port || '5432'}/${database}`;
}

/** A connected client of the database; a connection failure says where, never with the password. */
export async function connectDatabase(url: string): Promise<Client> {
    const client = new Client({ connectionString: url });
    try {
        await client.connect();
    } catch (error) {
        await client.end().catch(() => undefined);
        throw new Error(`Cannot reach the database at ${describeDatabase(url)} (${error instanceof Error ? error.message : String(error)}).`);
    }
    return client;
}
