import * as assert from 'node:assert/strict';
import type { Job, PrintFilePages } from '@presswork/platform/lib/common/job-schema';
import { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { IntakeWindows } from '@presswork/platform/lib/node/intake-windows';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import { ScriptedWorkOwnership, orderIdIn } from '@presswork/platform/lib/node/cluster/test/scripted-work-ownership';
import { OrdersCollection } from '@presswork/platform/lib/node/store';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { JobsStoreFixture, createJobsStoreFixture } from '../test/jobs-store-fixture';
import { PrintFilePageReader } from './print-file-page-reader';
import { readPdfPages } from './read-pdf-pages';
import { samplePdf } from './test/sample-pdf';

describe('print file page reader', function (): void {
    this.timeout(30_000);
    let fixture: JobsStoreFixture;
    let data: TempFolder;
    let folders: JobFolders;
    let reads: string[];
    let reader: PrintFilePageReader;

    beforeEach(async () => {
        fixture = await createJobsStoreFixture();
        data = await TempFolder.create('presswork-page-reader-');
        folders = JobFolders.in(data.path);
        reads = [];
        const readPages = (path: string): Promise<PrintFilePages> => {
            reads.push(path);
            return readPdfPages(path);
        };
        reader = inject(new PrintFilePageReader(), { store: fixture.store, platform: { whenReady: Promise.resolve() }, ownership: new EmbeddedWorkOwnership(), folders, readPages, logger: recordingLogger() });
    });

    afterEach(async () => {
        reader.onStop();
        await fixture.dispose();
        await data.remove();
    });

    const jobOf = (id: string): Job => findJob(fixture.store, id)!.job;

    it('records each arrived print file\'s pages once, on the file record only, and leaves files not arrived yet', async () => {
        await fixture.addOrder('o1', 2, (job, index) => index === 1 ? { files: [{ name: job.files[0].name }] } : {});
        await folders.write('o1-job-1', 'o1-job-1.pdf', await samplePdf({ pages: 12, size: [612, 792] }));
        const before = jobOf('o1-job-1');
        await reader.onStart();
        await eventually(() => jobOf('o1-job-1').files[0].pages !== undefined, 20_000, 'the pages of o1-job-1');
        const after = jobOf('o1-job-1');
        assert.deepEqual(after.files[0].pages, { count: 12, width: 612, height: 792 });
        assert.deepEqual({ ...after, files: before.files }, before, 'nothing else of the job changed');
        assert.equal(jobOf('o1-job-2').files[0].pages, undefined);

        // The second file arrives (the engine records its size): it is read then, and the first is not read again.
        await folders.write('o1-job-2', 'o1-job-2.pdf', await samplePdf({ pages: 1 }));
        await fixture.store.modify(OrdersCollection, 'o1', order => ({
            ...order, jobs: order.jobs.map(job => job.id === 'o1-job-2' ? { ...job, files: [{ ...job.files[0], size: 900 }] } : job)
        }));
        await eventually(() => jobOf('o1-job-2').files[0].pages !== undefined, 20_000, 'the pages of o1-job-2');
        await reader.idle();
        assert.deepEqual(jobOf('o1-job-2').files[0].pages, { count: 1, width: 595.28, height: 841.89 });
        assert.deepEqual(reads.map(path => path.slice(folders.root.length + 1)), ['o1-job-1/o1-job-1.pdf', 'o1-job-2/o1-job-2.pdf']);
    });

    it('reads the files of owned orders only, and those of a partition when this server gains it', async () => {
        const mine = orderIdIn(4, 'mine');
        const theirs = orderIdIn(9, 'theirs');
        const ownership = new ScriptedWorkOwnership('a', [4]);
        reader = inject(new PrintFilePageReader(), { store: fixture.store, platform: { whenReady: Promise.resolve() }, ownership, folders,
            readPages: readPdfPages, logger: recordingLogger() });
        await fixture.addOrder(mine, 1);
        await fixture.addOrder(theirs, 1);
        for (const jobId of [`${mine}-job-1`, `${theirs}-job-1`]) {
            await folders.write(jobId, `${jobId}.pdf`, await samplePdf({ pages: 3 }));
        }
        await reader.onStart();
        await eventually(() => jobOf(`${mine}-job-1`).files[0].pages !== undefined, 20_000, 'the pages of the owned order\'s file');
        await fixture.store.modify(OrdersCollection, theirs, order => ({ ...order, log: [...order.log, { at: order.receivedAt, level: 'info' as const, message: 'touched' }] }));
        await reader.idle();
        assert.equal(jobOf(`${theirs}-job-1`).files[0].pages, undefined, 'another server reads it');

        ownership.gain(9);
        await eventually(() => jobOf(`${theirs}-job-1`).files[0].pages !== undefined, 20_000, 'the pages of the gained order\'s file');
        assert.deepEqual(jobOf(`${theirs}-job-1`).files[0].pages, { count: 3, width: 595.28, height: 841.89 });
    });

    it('records why a print file has no page count: missing from its folder, or not a PDF', async () => {
        await fixture.addOrder('o2', 2);
        await folders.write('o2-job-2', 'o2-job-2.pdf', new TextEncoder().encode('not a pdf'));
        await reader.onStart();
        await eventually(() => jobOf('o2-job-1').files[0].pages !== undefined && jobOf('o2-job-2').files[0].pages !== undefined, 20_000, 'both records');
        assert.deepEqual(jobOf('o2-job-1').files[0].pages, { unreadable: 'The print file is missing from the job folder' });
        assert.deepEqual(jobOf('o2-job-2').files[0].pages, { unreadable: 'The print file is not a PDF' });
    });

    it('does not record pages read from a file that was replaced while it was read', async () => {
        await fixture.addOrder('o3', 1);
        await folders.write('o3-job-1', 'o3-job-1.pdf', await samplePdf({ pages: 2 }));
        let replace: () => Promise<void> = async () => undefined;
        reader = inject(new PrintFilePageReader(), {
            store: fixture.store, platform: { whenReady: Promise.resolve() }, ownership: new EmbeddedWorkOwnership(), folders, logger: recordingLogger(),
            readPages: async (path: string) => {
                const pages = await readPdfPages(path);
                await replace();
                return pages;
            }
        });
        replace = async () => {
            replace = async () => undefined;
            await fixture.store.modify(OrdersCollection, 'o3', order => ({ ...order, jobs: order.jobs.map(job => ({ ...job, files: [{ ...job.files[0], size: 1 }] })) }));
        };
        await reader.onStart();
        await eventually(() => jobOf('o3-job-1').files[0].pages !== undefined, 20_000, 'the record of the new file');
        await reader.idle();
        assert.deepEqual(jobOf('o3-job-1').files[0], { name: 'o3-job-1.pdf', size: 1, pages: { count: 2, width: 595.28, height: 841.89 } },
            'read again for the new file, not written from the old one');
    });

    it('records the pages of an order\'s files read together in one write of the order', async () => {
        await fixture.addOrder('o4', 3);
        await fixture.addOrder('o5', 2);
        for (const job of ['o4-job-1', 'o4-job-2', 'o4-job-3', 'o5-job-1', 'o5-job-2']) {
            await folders.write(job, `${job}.pdf`, await samplePdf({ pages: 3 }));
        }
        const writes: string[] = [];
        const counting = fixture.store.onDidChange(change => change.collection === OrdersCollection.name && writes.push(change.id));
        await reader.onStart();
        await reader.idle();
        counting.dispose();
        for (const job of ['o4-job-1', 'o4-job-2', 'o4-job-3', 'o5-job-1', 'o5-job-2']) {
            assert.deepEqual(jobOf(job).files[0].pages, { count: 3, width: 595.28, height: 841.89 }, job);
        }
        assert.deepEqual(writes.sort(), ['o4', 'o5'], 'one write per order');
    });

    it('waits while a window of orders is being written, then reads', async () => {
        const intakeWindows = new IntakeWindows();
        reader = inject(new PrintFilePageReader(), {
            store: fixture.store, platform: { whenReady: Promise.resolve() }, ownership: new EmbeddedWorkOwnership(), folders, logger: recordingLogger(),
            readPages: (path: string) => (reads.push(path), readPdfPages(path)), intakeWindows
        });
        const windowWritten = intakeWindows.begin();
        await fixture.addOrder('o6', 1);
        await folders.write('o6-job-1', 'o6-job-1.pdf', await samplePdf({ pages: 2 }));
        await reader.onStart();
        await new Promise(resolve => setTimeout(resolve, 1_000));
        assert.deepEqual(reads, [], 'nothing read while the window is written');
        windowWritten();
        await eventually(() => jobOf('o6-job-1').files[0].pages !== undefined, 20_000, 'the pages once the window is written');
        assert.deepEqual(jobOf('o6-job-1').files[0].pages, { count: 2, width: 595.28, height: 841.89 });
    });
});
