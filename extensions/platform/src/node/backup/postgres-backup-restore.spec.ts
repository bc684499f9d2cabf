import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as tar from 'tar';
import { z } from 'zod';
import type { Client } from 'pg';
import type { DocumentCollection } from '../store/document-store';
import { FileDocumentStore } from '../store/file-document-store';
import { migrateStore } from '../store/migrate/migrate-store';
import { databaseFingerprint } from '../store/migrate/verify-copy';
import { sharedPostgresTestServer, type PostgresTestServer } from '../test/postgres-test-server';
import { TempFolder } from '../test/temp-store';
import { DATABASE_ENTRY, MANIFEST_ENTRY } from './backup-format';
import { createBackup } from './create-backup';
import { libpqEnvironment, postgresTool } from './postgres-tools';
import { restoreBackup } from './restore-backup';

const ItemSchema = z.object({ id: z.string(), version: z.number().int(), note: z.string() });
const Items: DocumentCollection<z.infer<typeof ItemSchema>> = { name: 'orders', schema: ItemSchema };

describe('backup and restore with PostgreSQL', function (): void {
    this.timeout(60_000);
    let server: PostgresTestServer;
    let root: TempFolder;
    let dataFolder: string;
    let url: string;
    let database: string;

    before(async () => {
        server = await sharedPostgresTestServer();
    });

    /** A shop on PostgreSQL: documents in the database (copied from a store), print files and the key in the files folder. */
    beforeEach(async () => {
        root = await TempFolder.create('presswork-pg-backup-');
        dataFolder = root.join('data');
        url = await server.createDatabase();
        database = new URL(url).pathname.slice(1);
        const store = new FileDocumentStore({ folder: path.join(dataFolder, 'store'), collections: [Items] });
        await store.ready;
        await Promise.all(Array.from({ length: 50 }, (_, index) => store.create(Items, { id: `order-${index}`, note: `as backed up ${index}` })));
        await store.close();
        assert.equal((await migrateStore({ dataFolder, databaseUrl: url })).verified, true);
        await fs.rm(path.join(dataFolder, 'store'), { recursive: true });
        await fs.mkdir(path.join(dataFolder, 'jobs', 'order-1'), { recursive: true });
        await fs.writeFile(path.join(dataFolder, 'jobs', 'order-1', 'print.pdf'), 'as backed up');
        await fs.mkdir(path.join(dataFolder, 'keys'), { mode: 0o700 });
        await fs.writeFile(path.join(dataFolder, 'keys', 'secrets.key'), 'key', { mode: 0o600 });
    });

    afterEach(async () => {
        await root.remove();
        await server.dropDatabase(database);
    });

    const inDatabase = <T>(work: (client: Client) => Promise<T>) => server.withClient(work, database);

    async function entriesOf(archive: string): Promise<string[]> {
        const entries: string[] = [];
        await tar.list({ file: archive, onReadEntry: entry => entries.push(entry.path.replace(/\/$/, '')) });
        return entries;
    }

    it('backs up a dump of the database and the files folder, and brings the documents back as they were', async () => {
        const before = await inDatabase(client => databaseFingerprint(client, 'orders'));
        const archive = root.join('shop.tar.gz');
        const summary = await createBackup(dataFolder, archive, { databaseUrl: url });
        assert.equal(summary.database?.source, `127.0.0.1:${server.port}/${database}`);
        assert.equal(summary.files, 2);
        const entries = await entriesOf(archive);
        assert.ok(entries.includes(DATABASE_ENTRY) && entries.includes('data/jobs/order-1/print.pdf') && entries.includes('data/keys/secrets.key'), entries.join(', '));
        assert.ok(!entries.some(entry => entry.startsWith('data/store')), 'no store folder in a PostgreSQL backup');

        await inDatabase(async client => {
            await client.query(`UPDATE documents SET body = jsonb_set(body, '{note}', '"changed"'), version = version + 1 WHERE id = 'order-1'`);
            await client.query(`DELETE FROM documents WHERE id = 'order-2'`);
            await client.query(`INSERT INTO documents (collection, id, version, revision, body) VALUES ('orders', 'order-new', 1, nextval('change_position'), '{"id": "order-new"}')`);
        });
        await fs.writeFile(path.join(dataFolder, 'jobs', 'order-1', 'print.pdf'), 'changed');
        assert.notEqual((await inDatabase(client => databaseFingerprint(client, 'orders'))).checksum, before.checksum);

        const restored = await restoreBackup(archive, dataFolder, { force: true, databaseUrl: url });
        assert.equal(restored.manifest.database?.sha256, summary.database?.sha256);
        assert.deepEqual(await inDatabase(client => databaseFingerprint(client, 'orders')), before);
        assert.equal(await fs.readFile(path.join(dataFolder, 'jobs', 'order-1', 'print.pdf'), 'utf8'), 'as backed up');
        assert.ok(restored.replacedFolder, 'the files folder it replaced is kept aside');
        // The change table and its sequence are back too: a server started now resumes from them.
        const positions = await inDatabase(async client => (await client.query('SELECT (SELECT max(position) FROM changes) AS changes, (SELECT last_value FROM change_position) AS sequence')).rows[0]);
        assert.equal(positions.changes, positions.sequence);
    });

    it('refuses to restore while a server of the database is live, and leaves the database as it was', async () => {
        const archive = root.join('shop.tar.gz');
        await createBackup(dataFolder, archive, { databaseUrl: url });
        await inDatabase(async client => {
            await client.query(`DELETE FROM documents WHERE id = 'order-3'`);
            await client.query(`INSERT INTO servers (id, host, pid, version) VALUES ('s1', 'press-1', 4242, '0.1.0')`);
        });
        await assert.rejects(restoreBackup(archive, dataFolder, { force: true, databaseUrl: url }), /Presswork runs on this database \(press-1 \(process 4242\)\); stop every server before restoring/);
        assert.equal((await inDatabase(client => databaseFingerprint(client, 'orders'))).count, 49);
        // A server that stopped heartbeating longer ago than the lease is not live.
        await inDatabase(client => client.query(`UPDATE servers SET heartbeat_at = now() - interval '1 minute'`));
        await restoreBackup(archive, dataFolder, { force: true, databaseUrl: url, leaseSeconds: 10 });
        assert.equal((await inDatabase(client => databaseFingerprint(client, 'orders'))).count, 50);
    });

    it('refuses a dump that is not the one its manifest describes, before touching the database or the files', async () => {
        const archive = root.join('shop.tar.gz');
        await createBackup(dataFolder, archive, { databaseUrl: url });
        const unpacked = root.join('unpacked');
        await fs.mkdir(unpacked);
        await tar.extract({ file: archive, cwd: unpacked });
        await fs.appendFile(path.join(unpacked, DATABASE_ENTRY), 'tampered');
        const tampered = root.join('tampered.tar.gz');
        await tar.create({ gzip: true, cwd: unpacked, file: tampered }, await fs.readdir(unpacked));
        await inDatabase(client => client.query(`DELETE FROM documents WHERE id = 'order-4'`));

        await assert.rejects(restoreBackup(tampered, dataFolder, { force: true, databaseUrl: url }), /database\.dump is not the one its manifest describes/);
        assert.equal((await inDatabase(client => databaseFingerprint(client, 'orders'))).count, 49);
        assert.ok(await fs.stat(path.join(dataFolder, 'keys', 'secrets.key')));
    });

    it('restores a database backup only into a database, and an embedded backup only without one', async () => {
        const archive = root.join('shop.tar.gz');
        await createBackup(dataFolder, archive, { databaseUrl: url });
        await assert.rejects(restoreBackup(archive, root.join('elsewhere')), /holds a PostgreSQL database \(from 127\.0\.0\.1:\d+\/presswork_\w+\); set PRESSWORK_DATABASE_URL/);
        const embedded = root.join('embedded.tar.gz');
        await createBackup(dataFolder, embedded);
        assert.ok(!(await entriesOf(embedded)).includes(DATABASE_ENTRY));
        await assert.rejects(restoreBackup(embedded, root.join('elsewhere'), { databaseUrl: url }), /is of an embedded data folder.*migrate-store/);
    });

    it('gives pg_dump the password in its environment only, never on its command line', async () => {
        await inDatabase(client => client.query(`CREATE ROLE shop_${database} LOGIN PASSWORD 'S3cret-pw' SUPERUSER`));
        const spy = root.join('bin');
        await fs.mkdir(spy);
        const real = postgresTool('pg_dump', {});
        // A stand-in pg_dump that notes what it was given, then runs the real one.
        await fs.writeFile(path.join(spy, 'pg_dump'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${spy}/args"\nprintf '%s' "$PGPASSWORD" > "${spy}/password"\nexec "${real}" "$@"\n`, { mode: 0o755 });
        const previous = process.env.PRESSWORK_PG_BIN;
        process.env.PRESSWORK_PG_BIN = spy;
        try {
            const withPassword = `postgres://shop_${database}:S3cret-pw@127.0.0.1:${server.port}/${database}`;
            const summary = await createBackup(dataFolder, root.join('shop.tar.gz'), { databaseUrl: withPassword });
            assert.equal(summary.database?.source, `127.0.0.1:${server.port}/${database}`);
        } finally {
            process.env.PRESSWORK_PG_BIN = previous;
            if (previous === undefined) {
                delete process.env.PRESSWORK_PG_BIN;
            }
        }
        assert.doesNotMatch(await fs.readFile(path.join(spy, 'args'), 'utf8'), /S3cret|postgres:\/\//);
        assert.equal(await fs.readFile(path.join(spy, 'password'), 'utf8'), 'S3cret-pw');
        assert.doesNotMatch(await manifestOf(root.join('shop.tar.gz')), /S3cret/);
    });

    it('turns the URL into libpq settings, TLS included, and drops inherited PG variables', () => {
        const environment = libpqEnvironment('postgresql://shop:p%40ss@db.example.com:6543/presswork?sslmode=verify-full&sslrootcert=/etc/ca.pem',
            { PGHOST: 'elsewhere', PGPASSWORD: 'old', PATH: '/usr/bin' });
        assert.deepEqual({ ...environment }, {
            PATH: '/usr/bin', PGHOST: 'db.example.com', PGPORT: '6543', PGUSER: 'shop', PGPASSWORD: 'p@ss', PGDATABASE: 'presswork',
            PGSSLMODE: 'verify-full', PGSSLROOTCERT: '/etc/ca.pem', PGAPPNAME: 'presswork-backup'
        });
        assert.equal(libpqEnvironment('postgres://db/presswork', { PRESSWORK_DATABASE_CA: '/etc/shop-ca.pem' }).PGSSLMODE, 'verify-full');
    });

    async function manifestOf(archive: string): Promise<string> {
        const unpacked = root.join('manifest');
        await fs.mkdir(unpacked, { recursive: true });
        await tar.extract({ file: archive, cwd: unpacked, filter: entry => entry === MANIFEST_ENTRY });
        return fs.readFile(path.join(unpacked, MANIFEST_ENTRY), 'utf8');
    }
});
