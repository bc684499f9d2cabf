import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { HotFolderSender } from './hot-folder-sender';
import { PrinterTransportError } from './printer-transport-error';

describe('HotFolderSender', () => {

    let temp: TempFolder;
    let sender: HotFolderSender;

    beforeEach(async () => {
        temp = await TempFolder.create('presswork-hot-folder-');
        sender = new HotFolderSender();
    });

    afterEach(async () => {
        await temp.remove();
    });

    async function printFile(content: Buffer | string): Promise<string> {
        const file = temp.join('job', 'job-1.pdf');
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, content);
        return file;
    }

    function delivery(file: string, folder: string, signal = new AbortController().signal): Parameters<HotFolderSender['send']>[0] {
        return { file, folder, name: 'job-1.pdf', owner: 'job-1:print', signal };
    }

    it('shows the DFE only the whole file under its final name, never a partial one', async () => {
        const content = randomBytes(24 * 1024 * 1024);
        const file = await printFile(content);
        const folder = temp.join('dfe');
        await fs.mkdir(folder);
        const seen = new Map<string, number>();
        let sending = true;
        // Watches as a DFE would: every visible (not hidden) name, and its size when seen.
        const watcher = (async () => {
            while (sending) {
                for (const name of await fs.readdir(folder)) {
                    if (!name.startsWith('.')) {
                        const size = (await fs.stat(path.join(folder, name)).catch(() => undefined))?.size;
                        seen.set(name, Math.min(seen.get(name) ?? Infinity, size ?? Infinity));
                    }
                }
                await new Promise(resolve => setImmediate(resolve));
            }
        })();

        const placed = await sender.send(delivery(file, folder));
        sending = false;
        await watcher;

        assert.equal(placed.path, path.join(folder, 'job-1.pdf'));
        assert.equal(placed.bytes, content.length);
        assert.ok((await fs.readFile(placed.path)).equals(content));
        for (const [name, smallest] of seen) {
            assert.equal(name, 'job-1.pdf', 'no other name became visible');
            assert.equal(smallest, content.length, 'it was never seen partly written');
        }
        assert.deepEqual(await fs.readdir(folder), ['job-1.pdf'], 'no temporary file is left behind');
    });

    it('numbers the file when one of that name still waits in the folder', async () => {
        const file = await printFile('second');
        const folder = temp.join('dfe');
        await fs.mkdir(folder);
        await fs.writeFile(path.join(folder, 'job-1.pdf'), 'first');

        const placed = await sender.send(delivery(file, folder));

        assert.equal(placed.path, path.join(folder, 'job-1 (2).pdf'));
        assert.equal(await fs.readFile(path.join(folder, 'job-1.pdf'), 'utf8'), 'first');
        assert.equal(await fs.readFile(placed.path, 'utf8'), 'second');
    });

    it('reports a folder it cannot write to as a printer problem', async () => {
        const file = await printFile('x');
        const notAFolder = temp.join('dfe');
        await fs.writeFile(notAFolder, 'a file where the folder should be');

        const error = await sender.send(delivery(file, notAFolder)).catch(caught => caught);

        assert.ok(error instanceof PrinterTransportError);
        assert.equal(error.problem, 'unwritable');
    });

    it('reports a copy that takes too long as timed out, leaving nothing behind', async () => {
        const file = await printFile(randomBytes(64 * 1024 * 1024));
        const folder = temp.join('dfe');
        sender.timeoutMs = 1;

        const error = await sender.send(delivery(file, folder)).catch(caught => caught);

        assert.ok(error instanceof PrinterTransportError, String(error));
        assert.equal(error.problem, 'timed-out');
        assert.deepEqual(await fs.readdir(folder), []);
    });
});
