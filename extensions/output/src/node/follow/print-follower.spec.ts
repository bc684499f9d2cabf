import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { OutputDeviceContribution } from '@presswork/platform/lib/common/output-device-contribution';
import type { DeviceJobStatus } from '@presswork/platform/lib/common/printer-capabilities';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { freePort } from '@presswork/platform/lib/node/test/free-port';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { heldBySignal } from '@presswork/platform/lib/node/test/held-by-signal';
import { IppPrinter } from '../ipp/ipp-printer';
import { PrinterPoolsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PrinterStatesCollection } from '../output-collections';
import { ReferencePrinter } from '../test/reference-printer';
import { BatchPropertiesSchema } from '../../common/batch/batch-activity';
import { FakeBatchBook } from '../batch/test/fake-batch-book';
import { FollowFixture, STEP, pageFor } from './test/follow-fixture';

describe('PrintFollower against the reference printer (ippeveprinter)', function (): void {
    this.timeout(40_000);
    let reference: ReferencePrinter;
    let ipp: IppPrinter;
    let fixture: FollowFixture;
    let printer: Printer;
    /** Printer state change → the job's wait reason, measured in the out-of-paper test. */
    const latencies: number[] = [];

    before(async () => {
        reference = await ReferencePrinter.start();
        ipp = new IppPrinter(reference.uri);
    });

    after(async () => {
        await reference?.stop();
        if (latencies.length) {
            // A figure for the report, not an assertion (conventions.md).
            process.stdout.write(`      printer state change → job wait reason: ${latencies.map(ms => `${ms} ms`).join(', ')}\n`);
        }
    });

    beforeEach(async () => {
        await reference.behave({});
        fixture = await FollowFixture.open();
        printer = await fixture.addPrinter('printer-a', 'Printer A', reference.uri);
    });

    afterEach(() => fixture.dispose());

    /** Sends a page to the reference printer as the Print step would, and leaves its job at the printer. */
    async function printedJob(orderId: string, copies = 1): Promise<{ jobId: string; deviceJobId: number }> {
        const receipt = await fixture.device.submit(await pageFor(printer, fixture.temp.join(`${orderId}.pdf`), copies));
        const jobId = await fixture.addJobAtPrinter(orderId, printer, receipt.deviceJobId!, copies);
        return { jobId, deviceJobId: receipt.deviceJobId! };
    }

    it('makes the job Printed at completed, with the job\'s copies and the printer\'s counts', async () => {
        await reference.behave({ delayMs: 300 });
        const { jobId } = await printedJob('o1', 3);
        await fixture.startFollower();
        await eventually(() => fixture.job(jobId).state === 'Printed', 10_000, 'Printed');
        const [finish] = fixture.flow.callsOf('finishPrinting');
        const printed = finish.argument as { copies: number; printerName: string; impressions?: number };
        assert.equal(printed.copies, 3);
        assert.equal(printed.printerName, 'Printer A');
        assert.equal(fixture.flow.callsOf('finishPrinting').length, 1);
    });

    it('makes every job of a batch Printed with its own copies when the batch\'s one printer job completes', async () => {
        await reference.behave({ delayMs: 300 });
        const receipt = await fixture.device.submit(await pageFor(printer, fixture.temp.join('batch.pdf'), 1));
        const first = await fixture.addJobAtPrinter('o1', printer, receipt.deviceJobId!, 250, 'B-0001');
        const second = await fixture.addJobAtPrinter('o2', printer, receipt.deviceJobId!, 100, 'B-0001');
        await fixture.startFollower();
        await eventually(() => fixture.job(first).state === 'Printed' && fixture.job(second).state === 'Printed', 10_000, 'both Printed');
        const copies = fixture.flow.callsOf('finishPrinting').map(call => (call.argument as { copies: number }).copies).sort((a, b) => a - b);
        assert.deepEqual(copies, [100, 250]);
    });

    it('remembers on the batch that its printer job completed, and makes a member followed after the printer forgot the job Printed', async () => {
        await reference.behave({ delayMs: 300 });
        const receipt = await fixture.device.submit(await pageFor(printer, fixture.temp.join('batch.pdf'), 1));
        const now = new Date().toISOString();
        const book = new FakeBatchBook();
        book.put({
            id: 'B-0001', version: 1, workflowId: 'w', stepId: 'batch-step', keys: {}, rules: BatchPropertiesSchema.parse({}), state: 'released',
            members: [], openedAt: now, releasedAt: now, log: [],
            output: { stepId: STEP, printerId: printer.id, printerName: printer.name, jobName: 'B-0001', fileName: 'B-0001.pdf', jobIds: [], requestedAt: now, deviceJobId: receipt.deviceJobId!, acceptedAt: now }
        });
        const first = await fixture.addJobAtPrinter('o1', printer, receipt.deviceJobId!, 250, 'B-0001');
        await fixture.startFollower({}, undefined, book);
        await eventually(() => fixture.job(first).state === 'Printed', 10_000, 'the first member Printed');
        await eventually(() => book.get('B-0001')?.output?.completedAt !== undefined, 5_000, 'the completion kept on the batch');

        // A member whose Print step ran late points at the batch's job, which this printer no longer knows (another job id here).
        book.put({ ...book.get('B-0001')!, output: { ...book.get('B-0001')!.output!, deviceJobId: 9_999 } });
        const late = await fixture.addJobAtPrinter('o2', printer, 9_999, 100, 'B-0001');
        await eventually(() => fixture.job(late).state === 'Printed', 10_000, 'the late member Printed');
        assert.equal(fixture.flow.callsOf('printingUncertain').length, 0);
    });

    it('says "out of paper" in the job\'s wait reason within 2 s of the printer saying so, and Printed once paper is back', async () => {
        await reference.behave({ raise: { reason: 'media-empty-error', forMs: 2500 }, delayMs: 200 });
        const { jobId } = await printedJob('o2');
        const printingJobs = fixture.printingJobs();
        await fixture.startMonitor({ intervalMs: 1000 }, printingJobs);
        await fixture.startFollower({ intervalMs: 1000 }, printingJobs);
        // When the printer itself starts saying it (asked every 20 ms here, apart from Presswork).
        let raisedAt = 0;
        await eventually(async () => {
            raisedAt = Date.now();
            return (await ipp.status()).reasons.some(reason => reason.startsWith('media-empty'));
        }, 10_000, 'the printer out of paper');
        await eventually(() => fixture.job(jobId).waitReason?.includes('out of paper') === true, 2000, 'out of paper in the wait reason');
        latencies.push(Date.now() - raisedAt);
        assert.equal(fixture.job(jobId).state, 'Printing', 'not counted as printed while out of paper');
        assert.ok(fixture.job(jobId).printing!.reasons?.includes('out of paper'));

        await eventually(() => fixture.job(jobId).state === 'Printed', 10_000, 'Printed after paper is back');
        const reports = fixture.flow.callsOf('reportPrinting').map(call => (call.argument as { reason: string }).reason);
        assert.ok(reports.some(reason => reason.startsWith('Printing on Printer A: out of paper')), reports.join(' | '));
        assert.ok(reports.every((reason, index) => index === 0 || reason !== reports[index - 1]), `a reason is reported only when it changes: ${reports.join(' | ')}`);
    });

    it('sends a job the printer aborts to Error with the printer\'s reason', async () => {
        await reference.behave({ exitCode: 1 });
        const { jobId } = await printedJob('o3');
        await fixture.startFollower();
        await eventually(() => fixture.job(jobId).state === 'Error', 10_000, 'Error');
        assert.match(fixture.job(jobId).waitReason!, /^Printer A aborted the job/);
        assert.equal(fixture.flow.callsOf('finishPrinting').length, 0);
    });

    it('leaves a job the printer no longer knows to an operator, said in words', async () => {
        const jobId = await fixture.addJobAtPrinter('o4', printer, 9999);
        await fixture.startFollower();
        await eventually(() => fixture.job(jobId).state === 'Waiting', 5000, 'uncertain');
        assert.equal(fixture.job(jobId).waitReason,
            'Printer A no longer knows job 9999: it may or may not have printed. Print again or Mark printed.');
    });

    it('after a restart follows the jobs at the printer again, and never sends them again', async () => {
        await reference.behave({ delayMs: 1500 });
        const { jobId } = await printedJob('o5');
        const first = await fixture.startFollower();
        await eventually(() => first.followedJobs().includes(jobId), 3000, 'followed');
        await first.stop();
        await fixture.temp.reopen();

        const second = await fixture.startFollower();
        assert.deepEqual(second.followedJobs(), [jobId], 'found in the store at start');
        await eventually(() => fixture.job(jobId).state === 'Printed', 10_000, 'Printed');
        assert.equal((await reference.tickets()).filter(ticket => ticket.env.IPP_JOB_NAME === 'follow test').length >= 1, true);
        assert.equal(fixture.flow.callsOf('finishPrinting').length, 1);
    });

    it('says so when the printer cannot be reached, and keeps following', async () => {
        const gone = await fixture.addPrinter('printer-gone', 'Printer Gone', `ipp://127.0.0.1:${await freePort()}/ipp/print`);
        const jobId = await fixture.addJobAtPrinter('o6', gone, 7);
        const follower = await fixture.startFollower();
        await eventually(() => fixture.job(jobId).waitReason?.startsWith('Printer Gone cannot be reached') === true, 5000, 'unreachable in words');
        assert.equal(fixture.job(jobId).state, 'Printing');
        assert.deepEqual(follower.followedJobs(), [jobId]);
    });

    it('asks the printer each round under a signal of its own, leaving nothing on its stop signal', async () => {
        await printedJob('o7');
        const follower = await fixture.startFollower({ intervalMs: 20 });
        // Ten rounds or more at the 20 ms interval.
        await delay(400);
        const stopSignal = (follower as unknown as { abort: AbortController }).abort.signal;
        assert.ok(heldBySignal(stopSignal) <= 1, 'the stop signal holds at most the round under way');
    });
});

/**
 * Hand-over with a device double: ippeveprinter refuses a second Print-Job while it prints one
 * ("server-error-busy"), so it never holds a pending job to hand over.
 */
describe('PrintFollower: pool hand-over', function (): void {
    this.timeout(10_000);
    let fixture: FollowFixture;
    let canceled: number[];
    const states: Record<number, DeviceJobStatus['state']> = { 41: 'processing', 42: 'pending' };

    beforeEach(async () => {
        canceled = [];
        const device: OutputDeviceContribution = {
            kind: 'ipp', followsJobs: true,
            describe: async () => undefined,
            submit: async () => ({ detail: 'not used' }),
            job: async (_printer, id) => ({ id, state: canceled.includes(id) ? 'canceled' : states[id], reasons: [] }),
            cancel: async (_printer, id) => {
                canceled.push(id);
            }
        };
        fixture = await FollowFixture.open(device);
        const a = await fixture.addPrinter('printer-a', 'Printer A', 'ipp://127.0.0.1:1/ipp/print');
        await fixture.addPrinter('printer-b', 'Printer B', 'ipp://127.0.0.1:2/ipp/print');
        await fixture.store.create(PrinterPoolsCollection, { id: 'pool-1', name: 'Digital presses', printerIds: ['printer-a', 'printer-b'], handOverAfterMinutes: 5 });
        await fixture.addJobAtPrinter('o1', a, 41);
        await fixture.addJobAtPrinter('o2', a, 42);
    });

    afterEach(() => fixture.dispose());

    /** Printer A's state as the monitor writes it, stopped (paper jam) for `minutes`. */
    function stoppedFor(minutes: number): Promise<unknown> {
        return fixture.store.create(PrinterStatesCollection, {
            id: 'printer-a', reachable: true, state: 'stopped', reasons: ['media-jam-error'], reasonsInWords: 'paper jam', mediaReady: [], supplies: [], queue: [], queueMore: 0,
            since: new Date(Date.now() - minutes * 60_000).toISOString()
        });
    }

    it('hands the job not started at a printer stopped beyond the pool\'s time to the pool: canceled there, processed again', async () => {
        await stoppedFor(10);
        await fixture.startFollower();
        await eventually(() => fixture.jobFlow.processAgain.called, 5000, 'processed again');
        assert.deepEqual(fixture.jobFlow.processAgain.firstCall.args, ['o2-job-1', '']);
        assert.deepEqual(canceled, [42], 'canceled at the stopped printer first; the job already printing stays');
        assert.equal(fixture.job('o2-job-1').printing, undefined, 'the Print step chooses a printer again');
        await delay(500);
        assert.equal(fixture.jobFlow.processAgain.callCount, 1);
        assert.equal(fixture.job('o1-job-1').state, 'Printing');
    });

    it('does not hand over before the pool\'s time', async () => {
        await stoppedFor(1);
        const follower = await fixture.startFollower();
        await delay(600);
        await follower.idle();
        assert.equal(fixture.jobFlow.processAgain.callCount, 0);
        assert.deepEqual(canceled, []);
    });
});
