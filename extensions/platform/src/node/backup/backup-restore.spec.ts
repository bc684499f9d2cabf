import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { MockLogger } from '@theia/core/lib/common/test/mock-logger';
import { DocumentCollection } from '../store/document-store';
import { FileDocumentStore } from '../store/file-document-store';
import { WriteGate } from '../store/write-gate';
import { SecretBox } from '../secrets/secret-box';
import { DATA_ENTRY, MANIFEST_ENTRY } from './backup-format';
import { createBackup } from './create-backup';
import { entriesOf } from './data-folder-files';
import { PauseResponder } from './pause-responder';
import { pauseFilesOf, writeJsonFile } from './pause-protocol';
import { checkBackupArchive, restoreBackup } from './restore-backup';

/** An order and its closeout record change together: the closeout always follows its order's step. */
const StepSchema = z.object({ id: z.string(), version: z.number().int(), step: z.number().int(), padding: z.string() });
type Step = z.infer<typeof StepSchema>;
const TestOrders: DocumentCollection<Step> = { name: 'orders', schema: StepSchema };
const TestCloseouts: DocumentCollection<Step> = { name: 'closeouts', schema: StepSchema };
const COLLECTIONS = [TestOrders, TestCloseouts];
const DOCUMENTS = 400;
/** The writer keeps changing a few orders: each changes many times while the folder is copied (unpaused, a copy then mixes steps). */
const HOT_DOCUMENTS = 3;
/** The other tests need a store, not a big one. */
const FEW_DOCUMENTS = 20;
const PADDING = 'x'.repeat(2000);

function idOf(index: number): string {
    return `order-${String(index).padStart(4, '0')}`;
}

/** A store that keeps changing: each change moves an order one step on, then its closeout record to the same step. */
class BusyWriter {
    changes = 0;
    protected running = true;
    protected readonly done: Promise<void>;

    constructor(protected readonly store: FileDocumentStore) {
        this.done = this.run();
    }

    protected async run(): Promise<void> {
        let index = 0;
        while (this.running) {
            const id = idOf(index = (index + 1) % HOT_DOCUMENTS);
            const order = await this.store.modify(TestOrders, id, current => ({ ...current, step: current.step + 1 }));
            await this.store.modify(TestCloseouts, id, current => ({ ...current, step: order.step }));
            this.changes++;
        }
    }

    async stop(): Promise<void> {
        this.running = false;
        await this.done;
    }
}

async function modeOf(file: string): Promise<number> {
    return (await fs.stat(file)).mode & 0o777;
}

describe('backup and restore', function (): void {
    this.timeout(60_000);

    let root: string;
    let dataFolder: string;

    beforeEach(async () => {
        root = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-backup-spec-'));
        dataFolder = path.join(root, 'data');
        await fs.mkdir(dataFolder, { mode: 0o700 });
    });

    afterEach(async () => {
        await fs.rm(root, { recursive: true, force: true });
    });

    async function openStore(folder: string, writeGate?: WriteGate): Promise<FileDocumentStore> {
        const store = new FileDocumentStore({ folder: path.join(folder, 'store'), collections: COLLECTIONS, writeGate });
        await store.ready;
        return store;
    }

    /** A data folder like Presswork's: a store of orders and closeouts, the secret key, a stray temporary file. */
    async function seed(gate?: WriteGate, documents = FEW_DOCUMENTS): Promise<FileDocumentStore> {
        const store = await openStore(dataFolder, gate);
        for (let index = 0; index < documents; index++) {
            await store.create(TestOrders, { id: idOf(index), step: 0, padding: PADDING });
            await store.create(TestCloseouts, { id: idOf(index), step: 0, padding: PADDING });
        }
        new SecretBox(path.join(dataFolder, 'keys', 'secrets.key')).seal('partner token');
        await fs.writeFile(path.join(dataFolder, 'store', 'orders', 'left-by-a-crash.json.abc.tmp'), '{"half');
        return store;
    }

    /** The restored store opens without a problem, and every closeout is at its order's step or one behind. */
    async function assertConsistentRestore(archive: string, restored: string): Promise<number> {
        const result = await restoreBackup(archive, restored);
        assert.equal(result.replacedFolder, undefined);
        const copy = await openStore(restored);
        try {
            assert.deepEqual(copy.problems, []);
            assert.equal(copy.count(TestOrders), DOCUMENTS);
            assert.equal(copy.count(TestCloseouts), DOCUMENTS);
            let steps = 0;
            for (const order of copy.all(TestOrders)) {
                const closeout = copy.get(TestCloseouts, order.id);
                assert.ok(closeout, order.id);
                // At one instant a closeout is at its order's step, or one behind while that change is under way.
                assert.ok(closeout.step === order.step || closeout.step === order.step - 1,
                    `${order.id}: order at step ${order.step}, closeout at ${closeout.step}`);
                steps += order.step;
            }
            return steps;
        } finally {
            await copy.close();
        }
    }

    it('copies a busy store at one instant while a running backend holds its writes for a moment', async () => {
        const gate = new WriteGate();
        const store = await seed(gate, DOCUMENTS);
        const responder = new PauseResponder(dataFolder, gate, new MockLogger());
        await responder.start();
        const writer = new BusyWriter(store);
        const archives: string[] = [];
        try {
            for (let round = 1; round <= 3; round++) {
                await delay(200);
                const before = writer.changes;
                const archive = path.join(root, `backup-${round}.tar.gz`);
                const summary = await createBackup(dataFolder, archive);
                assert.equal(summary.pausedBackend, true);
                assert.equal(summary.files, 2 * DOCUMENTS + 1, 'every document and the key, no temporary file');
                assert.equal(await modeOf(archive), 0o600, 'the archive holds the secret key: owner only');
                await delay(100);
                assert.ok(writer.changes > before, 'the writer went on around the backup');
                archives.push(archive);
            }
        } finally {
            await writer.stop();
            responder.stop();
            await store.close();
        }

        let previousSteps = -1;
        for (const [round, archive] of archives.entries()) {
            const restored = path.join(root, `restored-${round}`);
            const steps = await assertConsistentRestore(archive, restored);
            assert.ok(steps > previousSteps, 'each backup holds the changes made before it');
            previousSteps = steps;
            assert.equal(await modeOf(path.join(restored, 'keys', 'secrets.key')), 0o600);
            const box = new SecretBox(path.join(restored, 'keys', 'secrets.key'));
            assert.equal(box.open(box.seal('round trip')), 'round trip');
            const names: string[] = [];
            for await (const entry of entriesOf(restored)) {
                names.push(entry.relative);
            }
            assert.ok(!names.some(name => name.endsWith('.tmp')), 'no temporary file');
            assert.ok(!names.includes('run'), 'the pause protocol files stay behind');
        }
    });

    it('copies a folder no backend runs on without waiting', async () => {
        const store = await seed();
        await store.close();
        await writeJsonFile(pauseFilesOf(dataFolder).pid, 2 ** 22 + 12345);
        const summary = await createBackup(dataFolder, path.join(root, 'quiet.tar.gz'), { pauseTimeoutMs: 1 });
        assert.equal(summary.pausedBackend, false);
    });

    it('refuses a backup file inside the data folder', async () => {
        await assert.rejects(createBackup(dataFolder, path.join(dataFolder, 'backup.tar.gz')), /must not be inside the data folder/);
    });

    it('gives up when a running backend does not answer, and leaves no request behind', async () => {
        await writeJsonFile(pauseFilesOf(dataFolder).pid, process.pid);
        await assert.rejects(createBackup(dataFolder, path.join(root, 'late.tar.gz'), { pauseTimeoutMs: 300 }), /did not hold its writes/);
        await assert.rejects(fs.stat(pauseFilesOf(dataFolder).request), { code: 'ENOENT' });
        await assert.rejects(fs.stat(path.join(root, 'late.tar.gz')), { code: 'ENOENT' });
    });

    it('lets writes go on when a pause request has passed its deadline', async () => {
        const gate = new WriteGate();
        const responder = new PauseResponder(dataFolder, gate, new MockLogger());
        await responder.start();
        try {
            await writeJsonFile(pauseFilesOf(dataFolder).request, { nonce: 'a'.repeat(32), until: Date.now() + 60_000 });
            await responder.check();
            assert.equal(gate.paused, true);
            await responder.check(Date.now() + 120_000);
            assert.equal(gate.paused, false);
        } finally {
            responder.stop();
        }
    });

    describe('restoring', () => {
        let archive: string;

        beforeEach(async () => {
            const store = await seed();
            await store.close();
            archive = path.join(root, 'backup.tar.gz');
            await createBackup(dataFolder, archive);
        });

        it('refuses a data folder with files unless forced, and keeps the replaced one aside', async () => {
            await assert.rejects(restoreBackup(archive, dataFolder), /is not empty; restore with --force/);
            await fs.writeFile(path.join(dataFolder, 'newer.txt'), 'written after the backup');
            const result = await restoreBackup(archive, dataFolder, { force: true });
            assert.ok(result.replacedFolder);
            assert.equal(await fs.readFile(path.join(result.replacedFolder, 'newer.txt'), 'utf8'), 'written after the backup');
            await assert.rejects(fs.stat(path.join(dataFolder, 'newer.txt')), { code: 'ENOENT' });
            const store = await openStore(dataFolder);
            assert.equal(store.count(TestOrders), FEW_DOCUMENTS);
            await store.close();
        });

        it('restores into an empty data folder', async () => {
            const empty = path.join(root, 'empty');
            await fs.mkdir(path.join(empty, 'theia'), { recursive: true });
            const result = await restoreBackup(archive, empty);
            assert.equal(result.replacedFolder, undefined);
            assert.equal(result.manifest.files, 2 * FEW_DOCUMENTS + 1);
            assert.equal(await modeOf(empty), 0o700);
        });

        it('refuses while Presswork runs on the data folder', async () => {
            const target = path.join(root, 'running');
            await writeJsonFile(pauseFilesOf(target).pid, process.pid);
            await assert.rejects(restoreBackup(archive, target, { force: true }), /runs on .*stop it before restoring/);
        });

        it('refuses an archive bigger than the limit', async () => {
            await assert.rejects(restoreBackup(archive, path.join(root, 'small'), { maxBytes: 1000 }), /more than the 1000 allowed/);
            await assert.rejects(fs.stat(path.join(root, 'small')), { code: 'ENOENT' });
        });
    });

    describe('hostile archives', () => {
        let staging: string;

        beforeEach(async () => {
            staging = path.join(root, 'staging');
            await fs.mkdir(path.join(staging, DATA_ENTRY), { recursive: true });
            await fs.writeFile(path.join(staging, MANIFEST_ENTRY), JSON.stringify({ format: 1, createdAt: 'now', files: 1, bytes: 1, pausedBackend: false }));
            await fs.writeFile(path.join(staging, DATA_ENTRY, 'ok.json'), '{}');
            await fs.writeFile(path.join(staging, 'escape'), 'outside');
        });

        /** GNU tar, which writes what tar.create never would; arguments as a list, no shell. */
        async function gnuTar(name: string, members: string[], transform?: string): Promise<string> {
            const file = path.join(root, name);
            await promisify(execFile)('tar', ['-czPf', file, '-C', staging, ...(transform ? ['--transform', transform] : []), ...members]);
            return file;
        }

        async function assertRefused(file: string, message: RegExp): Promise<void> {
            const target = path.join(root, 'target');
            await assert.rejects(restoreBackup(file, target), message);
            await assert.rejects(fs.stat(target), { code: 'ENOENT' }, 'nothing was restored');
            await assert.rejects(fs.stat(path.join(root, 'escape')), { code: 'ENOENT' }, 'nothing was written outside');
        }

        it('refuses an entry that leads out with ..', async () => {
            await assertRefused(await gnuTar('dots.tgz', [MANIFEST_ENTRY, DATA_ENTRY, 'escape'], 's,^escape$,data/../../escape,'), /leads out of the data folder/);
        });

        it('refuses an absolute entry', async () => {
            await assertRefused(await gnuTar('absolute.tgz', [MANIFEST_ENTRY, DATA_ENTRY, 'escape'], `s,^escape$,${root}/escape,`), /is not a relative path/);
        });

        it('refuses a symbolic link, wherever it points', async () => {
            await fs.symlink(root, path.join(staging, DATA_ENTRY, 'link'));
            await assertRefused(await gnuTar('link.tgz', [MANIFEST_ENTRY, DATA_ENTRY]), /is a SymbolicLink/);
        });

        it('refuses a hard link', async () => {
            await fs.link(path.join(staging, DATA_ENTRY, 'ok.json'), path.join(staging, DATA_ENTRY, 'again.json'));
            await assertRefused(await gnuTar('hardlink.tgz', [MANIFEST_ENTRY, DATA_ENTRY]), /is a Link/);
        });

        it('refuses an archive without a manifest, or with entries outside data/', async () => {
            await assertRefused(await gnuTar('bare.tgz', [DATA_ENTRY]), /has no valid presswork-backup.json/);
            await assertRefused(await gnuTar('stray.tgz', [MANIFEST_ENTRY, DATA_ENTRY, 'escape']), /"escape" is not part of a Presswork backup/);
        });

        it('refuses what is not a tar.gz at all', async () => {
            const file = path.join(root, 'text.tgz');
            await fs.writeFile(file, 'not an archive');
            await assert.rejects(checkBackupArchive(file));
        });
    });
});
