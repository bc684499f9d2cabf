import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { z } from 'zod';
import type { DocumentCollection } from '../document-store';
import { FileDocumentStore } from '../file-document-store';
import { pauseFilesOf } from '../../backup/pause-protocol';
import { freePort } from '../../test/free-port';
import { sharedPostgresTestServer, type PostgresTestServer } from '../../test/postgres-test-server';
import { TempFolder } from '../../test/temp-store';
import { Pool } from 'pg';
import { describeDatabase } from '../postgres/connection-settings';
import { runMigrations } from '../postgres/migration-runner';
import { MIGRATIONS } from '../postgres/migrations';
import { canonicalJson } from './document-checksum';
import { migrateStore } from './migrate-store';
import { formatMigrationReport } from './migration-table';
import { compareCopy } from './verify-copy';

const ThingSchema = z.object({ id: z.string(), version: z.number().int(), tags: z.array(z.string()), nested: z.record(z.string(), z.unknown()) });
type Thing = z.infer<typeof ThingSchema>;
/** Indexed by each of its tags: the keys the copy must write. */
const Things: DocumentCollection<Thing> = { name: 'things', schema: ThingSchema, indexes: { tag: thing => thing.tags } };
/** A collection the tool has no definition of: copied, without keys. */
const Notes: DocumentCollection<Thing> = { name: 'notes', schema: ThingSchema };

describe('migrate-store: an embedded data folder copied into PostgreSQL', function (): void {
    this.timeout(60_000);
    let server: PostgresTestServer;
    let folder: TempFolder;
    let url: string;

    before(async () => {
        server = await sharedPostgresTestServer();
    });

    beforeEach(async () => {
        folder = await TempFolder.create('presswork-migrate-');
        url = await server.createDatabase();
        const store = new FileDocumentStore({ folder: folder.join('store'), collections: [Things, Notes] });
        await store.ready;
        // Written together, so the store's group commit shares the fsyncs.
        await Promise.all(Array.from({ length: 300 }, async (_, index) => {
            const thing = await store.create(Things, { id: `thing-${index}`, tags: [`t${index % 7}`, `t${index % 7}`, 'all'], nested: { b: index, a: [1, { z: 'é', y: null }] } });
            if (index % 3 === 0) {
                await store.update(Things, { ...thing, nested: { changed: true } });
            }
        }));
        await store.create(Notes, { id: 'note-1', tags: [], nested: {} });
        await store.close();
    });

    afterEach(async () => {
        await folder.remove();
        await server.dropDatabase(new URL(url).pathname.slice(1));
    });

    it('copies every collection with its versions, a change row per document and the index keys, and verifies both sides', async () => {
        const report = await migrateStore({ dataFolder: folder.path, databaseUrl: url, definitions: [Things] });

        assert.equal(report.verified, true);
        assert.deepEqual(report.appliedMigrations, MIGRATIONS.map(migration => migration.version));
        assert.deepEqual(report.collections.map(row => [row.collection, row.folder.count, row.database.count, row.keys, row.matches]),
            [['notes', 1, 1, undefined, true], ['things', 300, 300, 600, true]]);
        await server.withClient(async client => {
            const row = (await client.query(`SELECT version, body, revision FROM documents WHERE collection = 'things' AND id = 'thing-3'`)).rows[0];
            assert.equal(row.version, 2);
            assert.deepEqual(row.body, { id: 'thing-3', version: 2, tags: ['t3', 't3', 'all'], nested: { changed: true } });
            const change = (await client.query(`SELECT kind, version, server FROM changes WHERE position = $1`, [row.revision])).rows[0];
            assert.deepEqual(change, { kind: 'created', version: 2, server: 'migrate-store' });
            assert.equal((await client.query('SELECT count(*)::int AS n FROM changes')).rows[0].n, 301);
            const tagged = await client.query(`SELECT id FROM document_keys WHERE collection = 'things' AND index_name = 'tag' AND key = 't3' ORDER BY id`);
            assert.equal(tagged.rows.length, 43);
            assert.equal((await client.query(`SELECT max(position) AS p FROM changes`)).rows[0].p, (await client.query(`SELECT last_value AS p FROM change_position`)).rows[0].p);
        }, new URL(url).pathname.slice(1));
        const table = formatMigrationReport(report);
        assert.match(table, /^things\s+300\s+300\s+600\s+[0-9a-f]{16}\s+same$/m);
        assert.match(table, /^notes\s+1\s+1\s+not indexed\s+[0-9a-f]{16}\s+same$/m);
    });

    it('refuses a database that holds documents already, and leaves it as it was', async () => {
        await migrateStore({ dataFolder: folder.path, databaseUrl: url, definitions: [Things] });
        await assert.rejects(migrateStore({ dataFolder: folder.path, databaseUrl: url }), /holds 301 documents already; copy into an empty database/);
        await server.withClient(async client => {
            assert.equal((await client.query('SELECT count(*)::int AS n FROM changes')).rows[0].n, 301);
        }, new URL(url).pathname.slice(1));
    });

    it('refuses while Presswork runs on the data folder or on the database', async () => {
        const pidFile = pauseFilesOf(folder.path).pid;
        await fs.mkdir(path.dirname(pidFile), { recursive: true });
        await fs.writeFile(pidFile, String(process.pid));
        await assert.rejects(migrateStore({ dataFolder: folder.path, databaseUrl: url }), new RegExp(`Presswork \\(process ${process.pid}\\) runs on`));
        await fs.rm(pidFile);

        const pool = new Pool({ connectionString: url });
        await runMigrations(pool);
        await pool.end();
        await server.withClient(async client => {
            await client.query(`INSERT INTO servers (id, host, pid, version) VALUES ('a', 'press-1', 4242, '0.1.0')`);
        }, new URL(url).pathname.slice(1));
        await assert.rejects(migrateStore({ dataFolder: folder.path, databaseUrl: url }), /Presswork runs on this database \(press-1 \(process 4242\)\); stop every server/);
    });

    it('refuses a folder with a file that is not a document, before writing anything', async () => {
        const shard = (await fs.readdir(folder.join('store', 'things')))[0];
        await fs.writeFile(folder.join('store', 'things', shard, 'broken.json'), '{"id": "brok');
        await assert.rejects(migrateStore({ dataFolder: folder.path, databaseUrl: url }), /1 file\(s\) of things are not documents .*\n {2}things\/..\/broken\.json: /);
        await server.withClient(async client => {
            assert.equal((await client.query(`SELECT to_regclass('documents')::text AS t`)).rows[0].t, null);
        }, new URL(url).pathname.slice(1));
    });

    it('finds a document that differs between the folder and the database', async () => {
        await migrateStore({ dataFolder: folder.path, databaseUrl: url });
        await server.withClient(async client => {
            await client.query(`UPDATE documents SET body = jsonb_set(body, '{nested}', '{"changed": false}') WHERE id = 'thing-9'`);
            const comparisons = await compareCopy(client, folder.join('store'));
            assert.deepEqual(comparisons.map(row => [row.collection, row.folder.count, row.database.count, row.matches]), [['notes', 1, 1, true], ['things', 300, 300, false]]);
            const table = formatMigrationReport({ database: 'db', appliedMigrations: [], verified: false, collections: comparisons.map(row => ({ ...row, keys: 0 })) });
            assert.match(table, /^things\s+300\s+300\s+0\s+[0-9a-f]{7}≠[0-9a-f]{7}\s+DIFFERENT$/m);
        }, new URL(url).pathname.slice(1));
    });

    it('never shows the password of the database URL', async () => {
        assert.equal(describeDatabase('postgres://shop:s3cret-pw@db.example.com:6543/presswork?sslmode=require'), 'db.example.com:6543/presswork');
        const closed = `postgres://shop:s3cret-pw@127.0.0.1:${await freePort()}/presswork`;
        const error = await migrateStore({ dataFolder: folder.path, databaseUrl: closed }).then(() => new Error('it connected'), (failure: Error) => failure);
        assert.match(error.message, /^Cannot reach the database at 127\.0\.0\.1:\d+\/presswork \(/);
        assert.doesNotMatch(error.message, /s3cret/);
    });

    it('checksums a body the same whatever the order of its keys', () => {
        assert.equal(canonicalJson({ b: [2, { d: 1, c: 'x' }], a: null }), canonicalJson({ a: null, b: [2, { c: 'x', d: 1 }] }));
        assert.equal(canonicalJson({ b: 1, a: 2 }), '{"a":2,"b":1}');
    });
});
