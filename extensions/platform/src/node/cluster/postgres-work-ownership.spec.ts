import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { QueryResult, QueryResultRow } from 'pg';
import { Emitter } from '@theia/core/lib/common/event';
import type { DocumentChange } from '../../common/store-protocol';
import type { DocumentStore } from '../store/document-store';
import { MIGRATIONS } from '../store/postgres/migrations';
import { eventually } from '../test/eventually';
import { PostgresTestServer, sharedPostgresTestServer } from '../test/postgres-test-server';
import { recordingLogger } from '../test/recording-logger';
import { ORDER_PARTITIONS } from './order-partitions';
import { PostgresWorkOwnership } from './postgres-work-ownership';
import type { WorkScope } from './work-ownership';

/** 3 s keeps the suite short; PRESSWORK_TEST_LEASE_SECONDS=10 measures the default's takeover. */
const LEASE_SECONDS = Number(process.env.PRESSWORK_TEST_LEASE_SECONDS ?? 3);
const ALL_PARTITIONS = Array.from({ length: ORDER_PARTITIONS }, (_, partition) => partition);
/** A takeover comes this soon after the dead server's leases expire (a check is a few statements). */
const TAKEOVER_MARGIN_MS = 250;

/** What the ownership reads of the store: its connections, their changes, and catchUp. */
class ConnectionsOnlyStore {
    readonly kind = 'postgresql';
    readonly ready = Promise.resolve();
    readonly connections = new Map<string, { id: string; version: number }>();
    readonly catchUps: number[] = [];
    protected readonly changes = new Emitter<DocumentChange>();
    readonly onDidChange = this.changes.event;

    async catchUp(): Promise<void> {
        this.catchUps.push(performance.now());
    }

    all(): IterableIterator<unknown> {
        return this.connections.values();
    }

    add(id: string): void {
        this.connections.set(id, { id, version: 1 });
        this.changes.fire({ collection: 'connections', kind: 'created', id, version: 1 });
    }

    remove(id: string): void {
        this.connections.delete(id);
        this.changes.fire({ collection: 'connections', kind: 'deleted', id, version: 1 });
    }
}

/** A server that can also die: its checks stop and its connections close, its leases stay until they expire. */
class TestServer extends PostgresWorkOwnership {
    readonly events: string[] = [];

    async crash(): Promise<void> {
        this.halt();
        await this.checking;
        await Promise.all([this.leasePool.end(), this.lockPool.end()]);
    }
}

function nameOf(scope: WorkScope): string {
    return scope.kind === 'orders' ? `orders:${scope.partition}` : scope.kind === 'connection' ? `connection:${scope.connectionId}` : 'leader';
}

describe('PostgresWorkOwnership (a real PostgreSQL, two servers in one process)', function (): void {
    this.timeout(60_000);
    let database: PostgresTestServer;
    let url: string;
    let store: ConnectionsOnlyStore;
    let servers: TestServer[];

    /** Runs `sql` on the database of `databaseUrl` (a database of `on`), with a client of its own. */
    function query<R extends QueryResultRow>(sql: string, on = database, databaseUrl = url): Promise<QueryResult<R>> {
        return on.withClient(client => client.query<R>(sql), new URL(databaseUrl).pathname.slice(1));
    }

    async function migrate(on: PostgresTestServer, databaseUrl: string): Promise<void> {
        for (const migration of MIGRATIONS) {
            await query(migration.sql, on, databaseUrl);
        }
    }

    function server(databaseUrl = url): TestServer {
        const created: TestServer = new TestServer({
            databaseUrl, leaseSeconds: LEASE_SECONDS, store: store as unknown as DocumentStore, version: '9.9.9', logger: recordingLogger()
        });
        created.listen({
            gained: scope => created.events.push(`gained ${nameOf(scope)}`),
            losing: async scope => {
                created.events.push(`losing ${nameOf(scope)}`);
            }
        });
        servers.push(created);
        return created;
    }

    async function leaseHolders(): Promise<Map<string, string | undefined>> {
        const result = await query<{ name: string; holder: string | null }>('SELECT name, CASE WHEN expires_at > now() THEN holder END AS holder FROM leases');
        return new Map(result.rows.map(row => [row.name, row.holder ?? undefined]));
    }

    const balanced = (a: TestServer, b: TestServer, connections: number) => () => {
        const [roleA, roleB] = [a.role(), b.role()];
        return roleA.orderPartitions.length === ORDER_PARTITIONS / 2 && roleB.orderPartitions.length === ORDER_PARTITIONS / 2
            && roleA.connections.length === connections / 2 && roleB.connections.length === connections / 2
            && roleA.leader !== roleB.leader;
    };

    /** Two servers started one after the other, once each holds its fair share. */
    async function twoBalancedServers(): Promise<[TestServer, TestServer]> {
        const a = server();
        await a.start();
        const b = server();
        await b.start();
        await eventually(balanced(a, b, 4), 4 * LEASE_SECONDS * 1000, 'a fair share on both servers');
        return [a, b];
    }

    before(async () => {
        database = await sharedPostgresTestServer();
    });

    beforeEach(async () => {
        url = await database.createDatabase();
        await migrate(database, url);
        store = new ConnectionsOnlyStore();
        ['c1', 'c2', 'c3', 'c4'].forEach(id => store.add(id));
        servers = [];
    });

    afterEach(async () => {
        await Promise.all(servers.map(each => each.stop().catch(() => undefined)));
        await database.dropDatabase(new URL(url).pathname.slice(1));
    });

    it('gives one server everything, and each of two servers a fair share without overlap', async () => {
        const a = server();
        await a.start();
        assert.deepEqual(a.role(), { serverId: a.serverId, store: 'postgresql', leader: true, orderPartitions: ALL_PARTITIONS, connections: ['c1', 'c2', 'c3', 'c4'] });
        assert.ok(a.ownsOrder('any order') && a.ownsConnection('c3') && a.isLeader);

        const b = server();
        await b.start();
        await eventually(balanced(a, b, 4), 4 * LEASE_SECONDS * 1000, 'a fair share on both servers');
        const [roleA, roleB] = [a.role(), b.role()];
        assert.deepEqual([...roleA.orderPartitions, ...roleB.orderPartitions].sort((x, y) => x - y), ALL_PARTITIONS);
        assert.deepEqual([...roleA.connections, ...roleB.connections].sort(), ['c1', 'c2', 'c3', 'c4']);
        const holders = await leaseHolders();
        for (const partition of roleB.orderPartitions) {
            assert.equal(holders.get(`orders:${partition}`), b.serverId);
            assert.ok(a.events.includes(`losing orders:${partition}`), 'A gave up what B took, telling its listeners');
            assert.ok(b.events.includes(`gained orders:${partition}`));
        }
    });

    it('reports the scopes held already to a listener registered late', async () => {
        const a = server();
        await a.start();
        const gained: string[] = [];
        a.listen({ gained: scope => gained.push(nameOf(scope)) });
        assert.equal(gained.length, 1 + ORDER_PARTITIONS + 4);
        assert.ok(gained.includes('leader') && gained.includes('connection:c2') && gained.includes('orders:31'));
    });

    it('awaits losing before it releases a lease to a newcomer', async () => {
        const a = server();
        await a.start();
        let finishLosing!: () => void;
        const losingDone = new Promise<void>(resolve => finishLosing = resolve);
        const losing: string[] = [];
        a.listen({ losing: scope => (losing.push(nameOf(scope)), losingDone) });

        const b = server();
        await b.start();
        await eventually(() => losing.length >= ORDER_PARTITIONS / 2, 4 * LEASE_SECONDS * 1000, 'A giving partitions up');
        const given = losing.filter(name => name.startsWith('orders:'));
        assert.ok(a.role().orderPartitions.length <= ORDER_PARTITIONS / 2, 'work given up is no longer owned while losing runs');
        await delay(2 * LEASE_SECONDS * 1000);
        const holders = await leaseHolders();
        assert.ok(given.every(name => holders.get(name) === a.serverId), 'still held (renewed) by A while its listeners finish');
        assert.equal(b.role().orderPartitions.filter(partition => given.includes(`orders:${partition}`)).length, 0);

        finishLosing();
        await eventually(balanced(a, b, 4), 4 * LEASE_SECONDS * 1000, 'B taking what A released');
    });

    it('moves a dead server\'s partitions and connections to the survivor within the lease time', async () => {
        const [a, b] = await twoBalancedServers();
        const hadLeader = a.isLeader;

        const diedAt = performance.now();
        await a.crash();
        await eventually(() => b.role().orderPartitions.length === ORDER_PARTITIONS && b.role().connections.length === 4 && b.isLeader,
            3 * LEASE_SECONDS * 1000, 'B owning all the work');
        const takeoverMs = performance.now() - diedAt;
        console.info(`      takeover after a server's death: ${Math.round(takeoverMs)} ms (leaseSeconds ${LEASE_SECONDS}, A was ${hadLeader ? '' : 'not '}leader)`);
        // A renewed last before the crash, so its leases expired at most leaseSeconds after it (the margin is doubled for the test's own polling).
        assert.ok(takeoverMs <= LEASE_SECONDS * 1000 + 2 * TAKEOVER_MARGIN_MS, `takeover took ${Math.round(takeoverMs)} ms`);
    });

    it('takes a silent server\'s leases just after they expire, not at its next regular check', async () => {
        // A server that fell silent half way between two of B's checks: its leases and heartbeat end
        // 1.5 check intervals after B's first check, so B's regular checks would come 0.5 interval late.
        const checkIntervalMs = LEASE_SECONDS * 1000 / 3;
        const silentForMs = LEASE_SECONDS * 1000 - 1.5 * checkIntervalMs;
        await query(`INSERT INTO servers (id, host, pid, version, heartbeat_at) VALUES ('silent', 'elsewhere', 1, '9.9.9', now() - interval '${silentForMs} milliseconds')`);
        await query(`INSERT INTO leases (name, holder, expires_at, acquired_at, fencing)
            SELECT name, 'silent', now() + interval '${1.5 * checkIntervalMs} milliseconds', now(), 1
            FROM unnest(ARRAY['leader', 'connection:c1', 'connection:c2', 'connection:c3', 'connection:c4']
                || ARRAY(SELECT 'orders:' || partition FROM generate_series(0, ${ORDER_PARTITIONS - 1}) AS partition)) AS name`);
        const epochMs = (column: string) => query<{ name: string; ms: number }>(`SELECT name, (extract(epoch FROM ${column}) * 1000)::float8 AS ms FROM leases`)
            .then(result => new Map(result.rows.map(row => [row.name, row.ms])));
        const expiries = await epochMs('expires_at');
        const b = server();
        await b.start();
        assert.deepEqual(b.role().orderPartitions, [], 'nothing taken while the silent server\'s leases last');

        await eventually(() => b.role().orderPartitions.length === ORDER_PARTITIONS && b.role().connections.length === 4 && b.isLeader,
            3 * LEASE_SECONDS * 1000, 'B owning all the work');
        // Database times on both sides: the silent server's expiry and B's taking.
        for (const [name, acquiredMs] of await epochMs('acquired_at')) {
            const lagMs = acquiredMs - expiries.get(name)!;
            assert.ok(lagMs >= 0 && lagMs < TAKEOVER_MARGIN_MS, `${name} taken ${Math.round(lagMs)} ms after it expired`);
        }
    });

    it('beats the heartbeat with the renewal, so a server stops counting as live when its leases expire', async () => {
        const a = server();
        await a.start();
        // The leases were taken after the first heartbeat; the next check renews them with the next one.
        await delay(LEASE_SECONDS * 1000 / 3 + 500);
        const rows = await query<{ apart_ms: number }>(`SELECT (extract(epoch FROM (l.expires_at - make_interval(secs => ${LEASE_SECONDS})) - s.heartbeat_at) * 1000)::float8 AS apart_ms
            FROM leases l JOIN servers s ON s.id = l.holder`);
        assert.ok(rows.rows.length > 0);
        assert.ok(rows.rows.every(row => row.apart_ms === 0), `heartbeat and renewal apart by ${rows.rows.map(row => row.apart_ms).join(', ')} ms`);
    });

    it('on a clean stop hands the work over at once and marks the server stopped', async () => {
        const [a, b] = await twoBalancedServers();
        const stoppedAt = performance.now();
        await a.stop();
        assert.ok(a.events.filter(event => event.startsWith('losing orders:')).length >= ORDER_PARTITIONS / 2);
        await eventually(() => b.role().orderPartitions.length === ORDER_PARTITIONS && b.isLeader, 3 * LEASE_SECONDS * 1000, 'B owning all the work');
        assert.ok(performance.now() - stoppedAt < LEASE_SECONDS * 1000, 'before the leases would have expired');
        const rows = await query<{ id: string; stopped: boolean; version: string }>('SELECT id, stopped_at IS NOT NULL AS stopped, version FROM servers ORDER BY id');
        assert.deepEqual(rows.rows.find(row => row.id === a.serverId), { id: a.serverId, stopped: true, version: '9.9.9' });
        assert.deepEqual(rows.rows.find(row => row.id === b.serverId), { id: b.serverId, stopped: false, version: '9.9.9' });
    });

    it('leases a new connection to one server and releases a deleted one', async () => {
        const [a, b] = await twoBalancedServers();

        store.add('c5');
        await eventually(() => a.ownsConnection('c5') !== b.ownsConnection('c5'), 2 * LEASE_SECONDS * 1000, 'one server polling c5');
        const owner = a.ownsConnection('c5') ? a : b;
        store.remove('c5');
        await eventually(() => !owner.ownsConnection('c5'), 2000, 'c5 released');
        assert.ok(owner.events.includes('losing connection:c5'));
        await eventually(async () => !(await leaseHolders()).has('connection:c5'), 2000, 'the lease of c5 removed');
    });

    it('runs exclusive work of one name on one server at a time, after catching up', async () => {
        const a = server();
        const b = server();
        await Promise.all([a.start(), b.start()]);
        const intervals: Array<[number, number]> = [];
        const work = (owner: TestServer) => owner.exclusive('provisioning', async () => {
            const begun = performance.now();
            assert.ok(store.catchUps.some(at => at <= begun), 'the store caught up first');
            await delay(150);
            intervals.push([begun, performance.now()]);
        });
        await Promise.all([work(a), work(b), work(a), work(b)]);
        intervals.sort((x, y) => x[0] - y[0]);
        for (let index = 1; index < intervals.length; index++) {
            assert.ok(intervals[index][0] >= intervals[index - 1][1], 'no two runs overlap');
        }
        // Other names do not wait.
        const started = performance.now();
        await Promise.all([a.exclusive('closeout:1', () => delay(300)), b.exclusive('closeout:2', () => delay(300))]);
        assert.ok(performance.now() - started < 550, 'different names run side by side');
    });

    it('prunes changes older than an hour as the leader', async () => {
        await query(`INSERT INTO changes (position, collection, id, kind, version, at) VALUES
            (1, 'orders', 'old', 'created', 1, now() - interval '61 minutes'), (2, 'orders', 'recent', 'created', 1, now() - interval '59 minutes')`);
        const a = server();
        await a.start();
        assert.ok(a.isLeader);
        await eventually(async () => (await query<{ id: string }>('SELECT id FROM changes')).rows.map(row => row.id).join() === 'recent', 2000, 'the old change pruned');
    });

    it('fences itself when it loses the database, and takes the work up again when the database is back', async function (): Promise<void> {
        const own = await PostgresTestServer.start();
        try {
            const ownUrl = await own.createDatabase();
            await migrate(own, ownUrl);
            const a = server(ownUrl);
            await a.start();
            assert.equal(a.role().orderPartitions.length, ORDER_PARTITIONS);
            const lostAt = performance.now();
            await own.stopServer();
            await eventually(() => a.role().orderPartitions.length === 0 && !a.isLeader && a.role().connections.length === 0,
                LEASE_SECONDS * 1000, 'A dropping all its work');
            const fencedMs = performance.now() - lostAt;
            assert.ok(fencedMs < LEASE_SECONDS * 1000, `fenced after ${Math.round(fencedMs)} ms, before its leases could expire`);
            assert.ok(a.events.includes('losing leader') && a.events.includes('losing orders:0') && a.events.includes('losing connection:c1'));

            await own.startServer();
            await eventually(() => a.role().orderPartitions.length === ORDER_PARTITIONS && a.isLeader, 6 * LEASE_SECONDS * 1000, 'A working again');
            await a.stop();
        } finally {
            await own.stop();
        }
    });
});
