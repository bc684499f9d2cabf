import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import type { ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import { logText } from '@presswork/platform/lib/node/test/activity-context';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { FakeWorkOwnership } from '@presswork/platform/lib/node/test/fake-work-ownership';
import { IppPrinter } from '../ipp/ipp-printer';
import { ReferencePrinter } from '../test/reference-printer';
import { BatchPrintFixture } from './test/batch-print-fixture';
import { pageWidth, pageWidths, slipBarcode } from './test/test-pdfs';

/** The printer's job id from a member's wait ("Sent with batch B-0001 to Printer A as job 42: waiting for the printer"). */
function sentWith(outcome: ActivityOutcome, batchId: string): number {
    assert.ok(outcome.kind === 'wait' && outcome.state === 'Printing', JSON.stringify(outcome));
    const match = new RegExp(`^Sent with batch ${batchId} to Printer A as job (\\d+): waiting for the printer$`).exec(outcome.reason);
    assert.ok(match, outcome.reason);
    return Number(match[1]);
}

describe('Print of a batch', function (): void {
    this.timeout(60_000);

    let reference: ReferencePrinter;
    let fixture: BatchPrintFixture;
    let printerId: string;

    before(async () => {
        reference = await ReferencePrinter.start();
    });

    after(async () => {
        await reference?.stop();
    });

    beforeEach(async () => {
        fixture = await BatchPrintFixture.open();
        await reference.behave({});
        const printer = new IppPrinter(reference.uri);
        await eventually(async () => (await printer.status()).state === 'idle', 15_000, 'the printer to be idle');
        printerId = (await fixture.services.printers.create({ kind: 'ipp', name: 'A', enabled: true, uri: reference.uri })).id;
    });

    afterEach(async () => {
        await fixture.batchPrinter.idle();
        await fixture.dispose();
    });

    async function printedJobs(): Promise<number> {
        return (await reference.tickets()).length;
    }

    /** Sends a job by hand, as a send cut off by a crash would have left it at the printer. */
    async function sentByHand(jobName: string): Promise<number> {
        const file = fixture.temp.join(`${jobName}.pdf`);
        await fs.writeFile(file, '%PDF-1.4\n%%EOF\n');
        const { jobId } = await new IppPrinter(reference.uri).printJob(file, { jobName, userName: 'Ada Lovelace', documentFormat: 'application/pdf' }, { copies: 1, sides: 'one-sided' });
        return jobId;
    }

    it('sends a batch of three jobs as ONE printer job (slip, then each job\'s pages × copies), and every job waits for that job', async () => {
        // The third job's join released the batch: it went on at once, without a batchId of its own.
        const members = [await fixture.member(0, 'B-0001', { printerId }), await fixture.member(1, 'B-0001', { printerId }), await fixture.member(2, 'B-0001', { printerId }, { batchId: undefined })];
        fixture.releasedBatch('B-0001', members);
        const before = await printedJobs();

        const outcomes = await Promise.all(members.map(member => fixture.activity.execute(member)));

        const deviceJobIds = outcomes.map(outcome => sentWith(outcome, 'B-0001'));
        assert.equal(new Set(deviceJobIds).size, 1, 'one printer job for all three');
        const deviceJobId = deviceJobIds[0];
        await eventually(async () => await printedJobs() > before, 10_000, 'the batch at the printer\'s command');
        const tickets = (await reference.tickets()).slice(before);
        assert.equal(tickets.length, 1, 'one IPP job');
        assert.deepEqual([tickets[0].env.IPP_JOB_NAME, tickets[0].env.IPP_COPIES, tickets[0].env.IPP_JOB_ID], ['B-0001', '1', String(deviceJobId)]);
        const document = fixture.documentOf('B-0001');
        assert.equal(tickets[0].size, (await fs.stat(document)).size, 'the printer got the merged document');
        assert.equal(await slipBarcode(document), 'B-0001');
        const widths = await pageWidths(document);
        assert.deepEqual(widths.slice(1), [0, 1, 2].flatMap(job => Array.from({ length: job + 1 }, () => [pageWidth(job, 0), pageWidth(job, 1)]).flat()));

        const [intent, accepted] = fixture.book.outputs;
        assert.deepEqual({ ...intent, requestedAt: undefined }, {
            stepId: 'print-step', printerId, printerName: 'A', jobName: 'B-0001', fileName: 'B-0001.pdf',
            jobIds: members.map(member => member.job.id), pages: 1 + 2 + 4 + 6, requestedAt: undefined
        }, 'the intent, recorded before sending');
        assert.equal(accepted.deviceJobId, deviceJobId);
        for (const member of members) {
            assert.deepEqual(member.printings.map(record => [record?.stepId, record?.jobName, record?.deviceJobId, record?.requestedAt]),
                [['print-step', 'B-0001', deviceJobId, intent.requestedAt]], 'its own printing record, pointing to the batch\'s printer job');
        }
        assert.equal(members.filter(member => member.states.includes('Printing')).length, 1, 'the sender showed Printing while sending');
        assert.match(fixture.book.logText('B-0001'), /^Sending B-0001\.pdf \(13 pages: the slip and 3 jobs\) to Printer A$/m);
    });

    it('sends the batch once when its members print on two servers at once: the batch\'s lock holds across them', async () => {
        const otherServer = fixture.twoServers(new FakeWorkOwnership());
        const members = [await fixture.member(0, 'B-0009', { printerId }), await fixture.member(1, 'B-0009', { printerId }), await fixture.member(2, 'B-0009', { printerId })];
        fixture.releasedBatch('B-0009', members);
        const before = await printedJobs();

        const outcomes = await Promise.all([fixture.activity.execute(members[0]), otherServer.execute(members[1]), otherServer.execute(members[2])]);

        assert.equal(new Set(outcomes.map(outcome => sentWith(outcome, 'B-0009'))).size, 1, 'one printer job for the three');
        await eventually(async () => await printedJobs() > before, 10_000, 'the batch at the printer');
        assert.equal(await printedJobs(), before + 1, 'sent once');
        assert.equal(fixture.book.outputs.length, 2, 'the intent and the printer\'s id, once');
    });

    it('does not send the batch again for a job reaching Print after it was sent', async () => {
        const members = [await fixture.member(0, 'B-0002', { printerId }), await fixture.member(1, 'B-0002', { printerId })];
        fixture.releasedBatch('B-0002', members);
        const first = sentWith(await fixture.activity.execute(members[0]), 'B-0002');
        await eventually(async () => (await reference.tickets()).some(ticket => ticket.env.IPP_JOB_ID === String(first)), 10_000, 'the batch at the printer');
        const before = await printedJobs();

        assert.equal(sentWith(await fixture.activity.execute(members[1]), 'B-0002'), first);

        assert.equal(await printedJobs(), before);
        assert.equal(fixture.book.outputs.length, 2, 'the intent and the printer\'s id, once');
    });

    it('after a crash between intent and answer, finds the batch\'s job at the printer by name and does not send it again', async () => {
        const members = [await fixture.member(0, 'B-0003', { printerId }), await fixture.member(1, 'B-0003', { printerId })];
        const requestedAt = new Date().toISOString();
        fixture.releasedBatch('B-0003', members, {
            output: { stepId: 'print-step', printerId, printerName: 'A', jobName: 'B-0003', fileName: 'B-0003.pdf', jobIds: members.map(member => member.job.id), requestedAt }
        });
        const atPrinter = await sentByHand('B-0003');
        await eventually(async () => (await reference.tickets()).some(ticket => ticket.env.IPP_JOB_ID === String(atPrinter)), 10_000, 'the batch at the printer');
        const before = await printedJobs();

        const outcomes = await Promise.all(members.map(member => fixture.activity.execute(member)));

        assert.deepEqual(outcomes.map(outcome => sentWith(outcome, 'B-0003')), [atPrinter, atPrinter]);
        assert.equal(await printedJobs(), before, 'not printed twice');
        assert.deepEqual(fixture.book.outputs.map(output => output.deviceJobId), [atPrinter]);
        assert.match(fixture.book.logText('B-0003'), new RegExp(`^Not sent again: Printer A already has it as job ${atPrinter} `, 'm'));
        await assert.rejects(fs.stat(fixture.documentOf('B-0003')), { code: 'ENOENT' }, 'nothing merged again');
    });

    it('prints a job alone when the printer aborted its batch\'s job', async () => {
        await reference.behave({ exitCode: 1 });
        const aborted = await sentByHand('B-0004');
        await eventually(async () => (await new IppPrinter(reference.uri).job(aborted))?.state === 'aborted', 15_000, 'the batch\'s job to be aborted');
        await reference.behave({});
        const member = await fixture.member(0, 'B-0004', { printerId });
        const now = new Date().toISOString();
        fixture.releasedBatch('B-0004', [member], {
            output: { stepId: 'print-step', printerId, printerName: 'A', jobName: 'B-0004', fileName: 'B-0004.pdf', jobIds: [member.job.id], requestedAt: now, deviceJobId: aborted, acceptedAt: now }
        });

        const outcome = await fixture.activity.execute(member);

        assert.ok(outcome.kind === 'wait' && outcome.state === 'Printing', JSON.stringify(outcome));
        const alone = Number(/ as job (\d+): /.exec(outcome.reason)![1]);
        assert.notEqual(alone, aborted);
        assert.match(outcome.reason, /^Sent to Printer A as job \d+: waiting for the printer$/);
        let env: Record<string, string> | undefined;
        await eventually(async () => {
            env = (await reference.tickets()).find(ticket => ticket.env.IPP_JOB_ID === String(alone))?.env;
            return env !== undefined;
        }, 10_000, 'the job alone at the printer');
        assert.deepEqual([env!.IPP_JOB_NAME, env!.IPP_COPIES], [`${member.job.orderNumber} ${member.job.name}`, '1']);
        assert.match(logText(member), new RegExp(`^Printer A aborted batch B-0004 \\(job ${aborted}\\): printing this job alone$`, 'm'));
        assert.match(fixture.book.logText('B-0004'), /prints alone: Printer A aborted the batch's job/);
    });

    it('hands one file to a hot folder, and every job goes on Printed, handed over', async () => {
        const folder = fixture.temp.join('dfe');
        const hotFolder = (await fixture.services.printers.create({ kind: 'hot-folder', name: 'Indigo', enabled: true, folder })).id;
        const members = [await fixture.member(0, 'B-0005', { printerId: hotFolder }), await fixture.member(1, 'B-0005', { printerId: hotFolder })];
        fixture.releasedBatch('B-0005', members);

        const outcomes = await Promise.all(members.map(member => fixture.activity.execute(member)));

        assert.deepEqual(outcomes, members.map(member => ({ kind: 'continue', state: 'Printed', printed: { printerId: hotFolder, printerName: 'Indigo', copies: member.job.copies } })));
        assert.deepEqual((await fs.readdir(folder)).filter(name => name.endsWith('.pdf')), ['B-0005.pdf']);
        assert.ok(fixture.book.get('B-0005')?.output?.handedOverAt);
    });

    it('prints a job alone when its batch\'s document was made without it', async () => {
        const members = [await fixture.member(0, 'B-0006', { printerId }), await fixture.member(1, 'B-0006', { printerId })];
        const now = new Date().toISOString();
        fixture.releasedBatch('B-0006', members, {
            output: { stepId: 'print-step', printerId, printerName: 'A', jobName: 'B-0006', fileName: 'B-0006.pdf', jobIds: [members[0].job.id], requestedAt: now, deviceJobId: 4242, acceptedAt: now }
        });
        const outcome = await fixture.activity.execute(members[1]);
        assert.ok(outcome.kind === 'wait' && /^Sent to Printer A as job \d+/.test(outcome.reason), JSON.stringify(outcome));
        assert.match(logText(members[1]), /^Batch B-0006's document was made without this job: printing this job alone$/m);
    });
});
