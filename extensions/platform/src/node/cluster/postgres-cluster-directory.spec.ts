import * as assert from 'node:assert/strict';
import { Client } from 'pg';
import { MIGRATIONS } from '../store/postgres/migrations';
import { PostgresTestServer, sharedPostgresTestServer } from '../test/postgres-test-server';
import { PostgresClusterDirectory } from './postgres-cluster-directory';

const LEASE_SECONDS = 10;

describe('PostgresClusterDirectory (a real PostgreSQL)', function (): void {
    // The first spec of the process starts the shared cluster (initdb).
    this.timeout(60_000);

    let server: PostgresTestServer;
    let database: string;
    let client: Client;
    let directory: PostgresClusterDirectory;
    let errors: Error[];

    before(async () => {
        server = await sharedPostgresTestServer();
    });

    beforeEach(async () => {
        const url = await server.createDatabase();
        database = new URL(url).pathname.slice(1);
        client = new Client({ connectionString: url });
        await client.connect();
        // The schema as the store's migrations make it.
        for (const migration of MIGRATIONS) {
            await client.query(migration.sql);
        }
        errors = [];
        directory = new PostgresClusterDirectory(url, LEASE_SECONDS, error => errors.push(error));
    });

    afterEach(async () => {
        await directory.dispose();
        await client.end();
        await server.dropDatabase(database);
    });

    /** A server registered as `PostgresWorkOwnership` does: times relative to the database's now, in seconds. */
    async function registerServer(id: string, options: { startedAgo?: number, heartbeatAgo?: number, stopped?: boolean, version?: string } = {}): Promise<void> {
        await client.query(
            `INSERT INTO servers (id, host, pid, version, started_at, heartbeat_at, stopped_at)
             VALUES ($1, $2, $3, $4, now() - make_interval(secs => $5), now() - make_interval(secs => $6), CASE WHEN $7 THEN now() END)`,
            [id, `host-${id}`, 4000 + id.length, options.version ?? '1.4.0', options.startedAgo ?? 600, options.heartbeatAgo ?? 1, options.stopped ?? false]);
    }

    async function lease(name: string, holder: string, expiresIn = 8): Promise<void> {
        await client.query(
            `INSERT INTO leases (name, holder, expires_at, acquired_at, fencing) VALUES ($1, $2, now() + make_interval(secs => $3), now(), 1)`,
            [name, holder, expiresIn]);
    }

    it('lists registered servers with their host, process, version and times, live ones first', async () => {
        await registerServer('b', { startedAgo: 100 });
        await registerServer('a', { startedAgo: 300 });
        await registerServer('gone', { startedAgo: 900, heartbeatAgo: 60 });
        await registerServer('stopped', { startedAgo: 50, heartbeatAgo: 2, stopped: true });

        const servers = await directory.listServers();

        assert.deepEqual(servers.map(listed => [listed.id, listed.live]), [['a', true], ['b', true], ['gone', false], ['stopped', false]]);
        const [a] = servers;
        assert.equal(a.host, 'host-a');
        assert.equal(a.pid, 4001);
        assert.equal(a.version, '1.4.0');
        const { rows: [{ now }] } = await client.query<{ now: Date }>('SELECT now()');
        assert.ok(Math.abs(now.getTime() - 300_000 - Date.parse(a.startedAt)) < 5000, `started about 5 minutes before the database's now (${a.startedAt})`);
        assert.ok(Math.abs(now.getTime() - 1000 - Date.parse(a.lastHeartbeatAt)) < 5000, 'last heartbeat about a second ago');
    });

    it('leaves out servers gone for more than an hour', async () => {
        await registerServer('old', { startedAgo: 9000, heartbeatAgo: 3700 });
        await registerServer('now');
        assert.deepEqual((await directory.listServers()).map(listed => listed.id), ['now']);
    });

    it('gives each server the leases it holds now: leader, order partitions ascending, connections', async () => {
        await registerServer('a', { startedAgo: 300 });
        await registerServer('b', { startedAgo: 100 });
        await lease('leader', 'a');
        for (const partition of [3, 0, 1, 2, 17]) {
            await lease(`orders:${partition}`, 'a');
        }
        await lease('orders:4', 'b');
        await lease('orders:5', 'b', -1); // expired: no longer held
        await lease('connection:c-1', 'b');
        await lease('connection:c-0', 'b');
        await client.query(`INSERT INTO leases (name, holder) VALUES ('orders:6', NULL)`); // free

        const [a, b] = await directory.listServers();

        assert.deepEqual(a.leases, { leader: true, orderPartitions: [0, 1, 2, 3, 17], connectionIds: [] });
        assert.deepEqual(b.leases, { leader: false, orderPartitions: [4], connectionIds: ['c-0', 'c-1'] });
    });

    it('lists nothing on a database no server has started on yet', async () => {
        assert.deepEqual(await directory.listServers(), []);
        assert.deepEqual(errors, []);
    });
});
