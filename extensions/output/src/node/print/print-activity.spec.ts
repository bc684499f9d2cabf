import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Job } from '@presswork/platform/lib/common';
import type { FileDocumentStore } from '@presswork/platform/lib/node/store/file-document-store';
import { HotFolderSender } from '../printers/hot-folder-sender';
import { PrinterRegistry } from '../printers/printer-registry';
import { RawSocketSender } from '../printers/raw-socket-sender';
import { LoopbackPrinter, closedPort } from '../printers/test/loopback-printer';
import { PrintActivityContribution } from './print-activity';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { OUTPUT_COLLECTIONS } from '../output-collections';
import { outputServices } from '../printers/test/output-services';
import { RecordingContext, activityContext, logText, orderWithJob, writeJobFiles } from '@presswork/platform/lib/node/test/activity-context';

describe('Print activity', () => {

    let temp: TempFolder;
    let store: FileDocumentStore;
    let printers: PrinterRegistry;
    let activity: PrintActivityContribution;
    let socketPrinter: LoopbackPrinter | undefined;
    const content = randomBytes(3 * 1024 * 1024 + 5);

    beforeEach(async () => {
        temp = await TempFolder.create('presswork-print-');
        store = await openStore(temp.join('data'), OUTPUT_COLLECTIONS);
        printers = outputServices(store, temp.join('data', 'keys', 'secrets.key')).printers;
        activity = inject(new PrintActivityContribution(), { printers, hotFolder: new HotFolderSender(), rawSocket: new RawSocketSender() });
    });

    afterEach(async () => {
        await socketPrinter?.close();
        socketPrinter = undefined;
        await store.close();
        await temp.remove();
    });

    async function contextFor(printerId: string, jobChange: Partial<Job> = {}): Promise<RecordingContext<{ printerId: string }>> {
        const { order, job } = orderWithJob(jobChange);
        const context = activityContext({ printerId }, { order, job, jobFolder: temp.join('jobs', job.id), step: { id: 'print-step', activity: 'print', properties: {} } });
        await writeJobFiles(context.jobFolder, Object.fromEntries(job.files.map(file => [file.name, content])));
        return context;
    }

    function assertRetriesInAMinute(until: string | undefined, before: number): void {
        const at = Date.parse(until ?? '');
        assert.ok(at >= before + 60_000 && at <= Date.now() + 60_000, `until ${until}`);
    }

    it('copies the print file into a hot folder: Printing while sending, Printed after', async () => {
        const folder = temp.join('dfe');
        const printer = await printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder });
        const context = await contextFor(printer.id);

        const outcome = await activity.execute(context);

        assert.deepEqual(outcome, { kind: 'continue', state: 'Printed' });
        assert.deepEqual(context.states, ['Printing']);
        const name = context.job.files[0].name;
        assert.deepEqual(await fs.readdir(folder), [name]);
        assert.ok((await fs.readFile(path.join(folder, name))).equals(content));
        assert.match(logText(context), /Printer Indigo took .* \(3145733 bytes\)/);
    });

    it('streams the print file to a raw-socket printer, which receives exactly its bytes', async () => {
        socketPrinter = await LoopbackPrinter.start();
        const printer = await printers.create({ kind: 'raw-socket', name: 'Versant', enabled: true, host: '127.0.0.1', port: socketPrinter.port });
        const context = await contextFor(printer.id);
        const received = socketPrinter.nextJob();

        const outcome = await activity.execute(context);

        assert.deepEqual(outcome, { kind: 'continue', state: 'Printed' });
        assert.ok((await received).equals(content));
        assert.equal(socketPrinter.jobs.length, 1);
        assert.deepEqual(context.states, ['Printing']);
        assert.match(logText(context), /Printer Versant \(127\.0\.0\.1:\d+\) took .* \(3145733 bytes\)/);
    });

    it('waits with the reason, and tries again in a minute, when the printer refuses the connection', async () => {
        const printer = await printers.create({ kind: 'raw-socket', name: 'Versant', enabled: true, host: '127.0.0.1', port: await closedPort() });
        const context = await contextFor(printer.id);
        const before = Date.now();

        const outcome = await activity.execute(context);

        assert.equal(outcome.kind, 'wait');
        assert.ok(outcome.kind === 'wait');
        assert.equal(outcome.state, 'Waiting');
        assert.match(outcome.reason, /^Printer Versant refused the connection: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
        assertRetriesInAMinute(outcome.until, before);
    });

    it('waits while the printer is disabled, without sending', async () => {
        socketPrinter = await LoopbackPrinter.start();
        const printer = await printers.create({ kind: 'raw-socket', name: 'Versant', enabled: false, host: '127.0.0.1', port: socketPrinter.port });
        const context = await contextFor(printer.id);
        const before = Date.now();

        const outcome = await activity.execute(context);

        assert.ok(outcome.kind === 'wait');
        assert.equal(outcome.reason, 'Printer Versant is disabled');
        assertRetriesInAMinute(outcome.until, before);
        assert.deepEqual(context.states, []);
        assert.equal(socketPrinter.jobs.length, 0);
    });

    it('waits when a hot folder cannot take the file', async () => {
        const folder = temp.join('dfe');
        const printer = await printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder });
        await fs.rm(folder, { recursive: true });
        await fs.writeFile(folder, 'a file where the folder was');
        const context = await contextFor(printer.id);

        const outcome = await activity.execute(context);

        assert.ok(outcome.kind === 'wait');
        assert.match(outcome.reason, /^Printer Indigo could not take the file: /);
    });

    it('fails when the printer does not exist', async () => {
        const context = await contextFor('no-such-printer');

        assert.deepEqual(await activity.execute(context), { kind: 'fail', message: 'Printer no-such-printer does not exist' });
    });

    it('fails when the job has no print file, or its file is not there', async () => {
        const printer = await printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder: temp.join('dfe') });

        assert.deepEqual(await activity.execute(await contextFor(printer.id, { files: [] })), { kind: 'fail', message: 'The job has no print file' });

        const missing = await contextFor(printer.id);
        await fs.rm(path.join(missing.jobFolder, missing.job.files[0].name));
        assert.deepEqual(await activity.execute(missing), { kind: 'fail', message: `The print file ${missing.job.files[0].name} is not in the job's folder` });
        assert.deepEqual(await fs.readdir(temp.join('dfe')), []);
    });
});
