import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { FINISHING_ENUMS } from '@presswork/platform/lib/common/job-ticket';
import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';
import { ReferencePrinter, loadedMedia } from '../test/reference-printer';
import { IppStatusError } from './ipp-client';
import type { IppJobDescription } from './ipp-job-template';
import { IppOperation } from './ipp-operations';
import { IppPrinter } from './ipp-printer';

const DESCRIPTION: IppJobDescription = { jobName: '1042 Business cards', userName: 'alice', documentFormat: 'application/pdf', documentName: 'cards.pdf' };

describe('IppPrinter against the reference printer (ippeveprinter)', function (): void {
    this.timeout(30_000);
    let reference: ReferencePrinter;
    let printer: IppPrinter;
    let temp: TempFolder;
    let pdf: string;

    before(async () => {
        reference = await ReferencePrinter.start();
        printer = new IppPrinter(reference.uri, { userName: 'presswork' });
        temp = await TempFolder.create();
        pdf = temp.join('cards.pdf');
        await fs.writeFile(pdf, `%PDF-1.4\n${'0'.repeat(200_000)}\n%%EOF\n`);
    });

    after(async () => {
        await reference?.stop();
        await temp?.remove();
    });

    beforeEach(() => reference.behave({}));

    async function finished(jobId: number): Promise<DeviceJobStatus> {
        let job: DeviceJobStatus | undefined;
        await eventually(async () => {
            job = await printer.job(jobId);
            return !!job && ['completed', 'aborted', 'canceled'].includes(job.state);
        }, 10_000, `job ${jobId} to end`);
        return job!;
    }

    it('reads what the printer can do, what it has loaded and how it is', async () => {
        const { capabilities, status } = await printer.describe();
        assert.equal(capabilities.makeAndModel, 'Presswork Reference Printer');
        assert.ok(capabilities.documentFormats.includes('application/pdf'));
        assert.equal(capabilities.copiesMax, 999);
        assert.deepEqual(capabilities.sidesSupported, ['one-sided', 'two-sided-long-edge', 'two-sided-short-edge']);
        assert.ok(capabilities.mediaSupported.includes('iso_a4_210x297mm'));
        assert.deepEqual(capabilities.mediaReady[0], { sizeName: 'iso_a4_210x297mm', widthHmm: 21000, heightHmm: 29700, type: 'stationery', source: 'main' });
        assert.ok(capabilities.finishingsSupported.includes(FINISHING_ENUMS.staple));
        assert.ok(capabilities.mediaColSupported);
        assert.deepEqual(capabilities.colorModesSupported, ['auto', 'color', 'monochrome']);
        assert.ok(capabilities.operationsSupported.includes(IppOperation.IdentifyPrinter));
        assert.deepEqual(capabilities.identifyActionsSupported, ['display', 'sound']);

        assert.equal(status.state, 'idle');
        assert.deepEqual(status.reasons, []);
        assert.deepEqual(status.supplies, [
            { name: 'Black Toner', kind: 'toner', color: 'black', percent: 80 },
            { name: 'Cyan Toner', kind: 'toner', color: 'cyan', percent: 15 }
        ]);
        assert.deepEqual(await printer.capabilities(), capabilities);
    });

    it('prints with the whole template, and the printer sees every setting', async () => {
        const result = await printer.printJob(pdf, DESCRIPTION, {
            copies: 250,
            sides: 'two-sided-long-edge',
            mediaCol: { size: { xDimension: 21000, yDimension: 29700 }, type: 'cardstock', weightMetric: 350, color: 'white', source: 'main' },
            printColorMode: 'color',
            finishings: [FINISHING_ENUMS.staple, FINISHING_ENUMS.punch]
        });
        assert.ok(result.jobId > 0);
        assert.equal((await finished(result.jobId)).state, 'completed');

        const [ticket] = (await reference.tickets()).filter(candidate => candidate.env.IPP_JOB_ID === String(result.jobId));
        assert.equal(ticket.env.IPP_COPIES, '250');
        assert.equal(ticket.env.IPP_SIDES, 'two-sided-long-edge');
        assert.equal(ticket.env.IPP_PRINT_COLOR_MODE, 'color');
        assert.equal(ticket.env.IPP_FINISHINGS, 'staple,punch');
        assert.equal(ticket.env.IPP_MEDIA_COL, '{media-size={x-dimension=21000 y-dimension=29700} media-type=cardstock media-weight-metric=350 media-color=white media-source=main}');
        assert.equal(ticket.env.IPP_JOB_NAME, '1042 Business cards');
        assert.equal(ticket.env.IPP_JOB_ORIGINATING_USER_NAME, 'alice');
        assert.equal(ticket.env.CONTENT_TYPE, 'application/pdf');
        assert.equal(ticket.size, (await fs.stat(pdf)).size);
    });

    it('prints with media by name, and follows the job to completed in job() and jobs()', async () => {
        await reference.behave({ delayMs: 600 });
        const { jobId } = await printer.printJob(pdf, DESCRIPTION, { copies: 1, sides: 'one-sided', media: 'na_letter_8.5x11in' });
        await eventually(async () => (await printer.jobs('not-completed')).some(job => job.id === jobId), 5000, 'the job among the not-completed');
        const job = await finished(jobId);
        assert.equal(job.state, 'completed');
        assert.equal(job.name, '1042 Business cards');
        assert.equal(job.userName, 'alice');
        assert.ok(job.reasons.includes('job-completed-successfully'));
        assert.equal(typeof job.impressionsCompleted, 'number');

        const completed = await printer.jobs('completed');
        assert.ok(completed.some(candidate => candidate.id === jobId && candidate.state === 'completed'));
        assert.ok(!(await printer.jobs('not-completed')).some(candidate => candidate.id === jobId));
        const ticket = (await reference.tickets()).find(candidate => candidate.env.IPP_JOB_ID === String(jobId));
        assert.equal(ticket?.env.IPP_MEDIA, 'na_letter_8.5x11in');
    });

    it('shows out of paper in the printer status while the job waits, then completes it', async () => {
        await reference.behave({ raise: { reason: 'media-empty-error', forMs: 1500 } });
        const { jobId } = await printer.printJob(pdf, DESCRIPTION, { copies: 2, sides: 'one-sided' });
        await eventually(async () => (await printer.status()).reasons.some(reason => reason.startsWith('media-empty')), 5000, 'media-empty among the printer reasons');
        const status = await printer.status();
        assert.notEqual(status.state, 'idle');
        const waiting = await printer.job(jobId);
        assert.ok(waiting && ['processing', 'processing-stopped'].includes(waiting.state), `job is ${waiting?.state}`);

        const job = await finished(jobId);
        assert.equal(job.state, 'completed');
        assert.ok(!(await printer.status()).reasons.some(reason => reason.startsWith('media-empty')));
    });

    it('ends a job the device fails as aborted', async () => {
        await reference.behave({ exitCode: 3 });
        const { jobId } = await printer.printJob(pdf, DESCRIPTION, { copies: 1, sides: 'one-sided' });
        assert.equal((await finished(jobId)).state, 'aborted');
    });

    it('cancels a job', async () => {
        await reference.behave({ delayMs: 1500 });
        const { jobId } = await printer.printJob(pdf, DESCRIPTION, { copies: 1, sides: 'one-sided' });
        // ippeveprinter loses a cancel that arrives before its job thread starts: cancel while processing.
        await eventually(async () => (await printer.job(jobId))?.state === 'processing', 5000, 'the job to process');
        await printer.cancelJob(jobId);
        assert.equal((await finished(jobId)).state, 'canceled');
    });

    it('answers undefined for a job the printer does not know', async () => {
        assert.equal(await printer.job(987_654), undefined);
    });

    it('validates a job, and refuses one the printer cannot do with the status in words', async () => {
        await printer.validateJob(DESCRIPTION, { copies: 10, sides: 'two-sided-short-edge', media: 'iso_a4_210x297mm' });
        const error = await printer.validateJob(DESCRIPTION, { copies: 5000, sides: 'one-sided' }).then(() => undefined, (failure: Error) => failure);
        assert.ok(error instanceof IppStatusError, `expected an IppStatusError, got ${error}`);
        assert.equal(error.statusName, 'client-error-attributes-or-values-not-supported');
        assert.match(error.message, /Validate-Job failed: the printer does not support some of the requested settings/);
    });

    it('refuses a template with a bad value before sending it, naming the field', async () => {
        await assert.rejects(printer.printJob(pdf, DESCRIPTION, { copies: 0, sides: 'one-sided' }), /job template\.copies/);
        await assert.rejects(printer.printJob(pdf, { ...DESCRIPTION, documentFormat: 'pdf' }, { copies: 1, sides: 'one-sided' }), /job description\.documentFormat/);
    });

    it('asks the printer to identify itself', async () => {
        await printer.identify(['sound']);
    });
});

describe('IppPrinter reading loaded media reported by size only', function (): void {
    this.timeout(30_000);
    let reference: ReferencePrinter | undefined;

    after(() => reference?.stop());

    it('names the media from their dimensions', async () => {
        reference = await ReferencePrinter.start({
            attributes: loadedMedia([{ sizeName: 'iso_a4_210x297mm', type: 'cardstock', sizeOnly: true }, { sizeName: 'na_letter_8.5x11in', sizeOnly: true }])
        });
        const capabilities = await new IppPrinter(reference.uri).capabilities();
        assert.deepEqual(capabilities.mediaReady, [
            { sizeName: 'iso_a4_210x297mm', widthHmm: 21000, heightHmm: 29700, type: 'cardstock' },
            { sizeName: 'na_letter_8.5x11in', widthHmm: 21590, heightHmm: 27940 }
        ]);
    });
});
