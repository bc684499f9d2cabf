import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { PostgresTestServer } from '@presswork/platform/lib/node/test/postgres-test-server';
import { LoadServer } from '../load/load-server';

/** The administrator's password every cluster test server is provisioned with. */
export const CLUSTER_ADMIN_PASSWORD = 'Cluster-test-1';

/** A PostgreSQL cluster of this run (its own, so that a test may restart it) and one database on it. */
export class ClusterDatabase {
    protected constructor(readonly server: PostgresTestServer, readonly url: string) { }

    static async start(): Promise<ClusterDatabase> {
        const server = await PostgresTestServer.start({ settings: { max_connections: '200' } });
        return new ClusterDatabase(server, await server.createDatabase());
    }

    get name(): string {
        return new URL(this.url).pathname.slice(1);
    }

    /** Runs one query on the database. */
    query<R>(sql: string, values: unknown[] = []): Promise<R[]> {
        return this.server.withClient(async client => (await client.query(sql, values)).rows as R[], this.name);
    }

    /** Every document of `collection` as stored (the store's `body` column). */
    async documents<D>(collection: string): Promise<D[]> {
        return (await this.query<{ body: D }>('SELECT body FROM documents WHERE collection = $1', [collection])).map(row => row.body);
    }

    stop(): Promise<void> {
        return this.server.stop();
    }
}

export interface ClusterSettings {
    /** The shared data folder (print files, PDFs, hot folders). */
    readonly dataFolder: string;
    /** PostgreSQL's URL; absent: the embedded store (then one server only). */
    readonly databaseUrl?: string;
    readonly leaseSeconds?: number;
    /** More PRESSWORK_* settings (the store to poll, the printer). */
    readonly settings?: Readonly<Record<string, string>>;
}

/**
 * Real Presswork servers started as `npm start` starts them, all on one data folder and (with a
 * database URL) one PostgreSQL database: server `index` can be killed with kill -9 and started again.
 */
export class ServerCluster {
    protected readonly servers: (LoadServer | undefined)[];

    protected constructor(protected readonly options: ClusterSettings, count: number) {
        this.servers = new Array(count).fill(undefined);
    }

    /** Starts `count` servers together (first start's provisioning must then happen once). */
    static async start(options: ClusterSettings, count: number): Promise<ServerCluster> {
        if (!options.databaseUrl && count > 1) {
            throw new Error('the embedded store serves one server only');
        }
        await fs.mkdir(options.dataFolder, { recursive: true });
        const cluster = new ServerCluster(options, count);
        try {
            await Promise.all(cluster.servers.map((_, index) => cluster.startServer(index)));
        } catch (error) {
            await cluster.stop();
            throw error;
        }
        return cluster;
    }

    get size(): number {
        return this.servers.length;
    }

    async startServer(index: number): Promise<LoadServer> {
        const server = await LoadServer.spawn(this.options.dataFolder, clusterEnvironment(this.options));
        this.servers[index] = server;
        await server.waitUntilHealthy();
        return server;
    }

    /** kill -9 of server `index`'s backend: no handler runs; its leases stay until they expire. */
    async kill(index: number): Promise<void> {
        const server = this.servers[index];
        this.servers[index] = undefined;
        await server?.killBackend();
    }

    server(index: number): LoadServer | undefined {
        return this.servers[index];
    }

    /** The URLs of the servers running now. */
    liveUrls(): string[] {
        return this.servers.flatMap(server => server ? [server.url] : []);
    }

    /** What the servers printed last, for a failure's report. */
    recentOutput(): string {
        return this.servers.map((server, index) => `--- server ${index} ---\n${server?.recentOutput.slice(-3000) ?? '(not running)'}`).join('\n');
    }

    async stop(): Promise<void> {
        await Promise.all(this.servers.map(server => server?.stop()));
        this.servers.fill(undefined);
    }
}

/** The environment every server of a cluster starts with. */
export function clusterEnvironment(options: ClusterSettings): Record<string, string> {
    return {
        PRESSWORK_DEMO: '0', PRESSWORK_ADMIN_PASSWORD: CLUSTER_ADMIN_PASSWORD,
        ...(options.databaseUrl ? { PRESSWORK_DATABASE_URL: options.databaseUrl } : {}),
        PRESSWORK_LEASE_SECONDS: String(options.leaseSeconds ?? 4),
        ...options.settings
    };
}

/** The demo hot folder first start creates in the data folder (PRESSWORK_DEMO=0 and no printer URL). */
export function demoHotFolder(dataFolder: string): string {
    return path.join(dataFolder, 'hot-folders', 'demo');
}
