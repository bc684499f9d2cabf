import type { ClientBase } from 'pg';

export interface LiveServer {
    readonly id: string;
    readonly host: string;
    readonly pid: number;
}

/**
 * The Presswork servers of a database that are live: not stopped, and a heartbeat within the lease
 * time (database time). A database without the `servers` table has never had one.
 */
export async function liveServersOf(client: ClientBase, leaseSeconds: number): Promise<LiveServer[]> {
    const exists = await client.query<{ table: string | null }>(`SELECT to_regclass('servers')::text AS table`);
    if (!exists.rows[0]?.table) {
        return [];
    }
    const live = await client.query<LiveServer>(
        `SELECT id, host, pid FROM servers WHERE stopped_at IS NULL AND heartbeat_at > now() - make_interval(secs => $1) ORDER BY id`,
        [leaseSeconds]
    );
    return live.rows;
}

/** Refuses, naming them, while servers run on the database: `what` is what they would get in the way of. */
export async function refuseLiveServers(client: ClientBase, leaseSeconds: number, what: string): Promise<void> {
    const live = await liveServersOf(client, leaseSeconds);
    if (live.length) {
        const names = live.map(server => `${server.host} (process ${server.pid})`).join(', ');
        throw new Error(`Presswork runs on this database (${names}); stop every server before ${what}.`);
    }
}
