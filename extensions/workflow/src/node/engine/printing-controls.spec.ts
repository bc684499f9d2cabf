import * as assert from 'node:assert/strict';
import type { ActivityContext } from '@presswork/platform/lib/common/activity-contribution';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { PrintingRecord } from '@presswork/platform/lib/common/printing-record';
import { isAtPrinter } from '@presswork/platform/lib/common/printing-record';
import { OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { WorkQueue } from './work-queue';
import type { WorkflowEngine } from './workflow-engine';
import { AT, EngineFixture, FakeActivity, fakeActivity, gate, messages, step, waitFor } from './test/engine-fixture';

const JOB = 'o1-job-1';
const DEVICE_JOB_ID = 17;

/** The Print step hands its job over to the printer follower; the follower's reports and an operator's decisions go through JobFlow. */
describe('WorkflowEngine at the printer', () => {

    let fixture: EngineFixture;
    let work: FakeActivity;
    let print: FakeActivity;
    /** What the fake print activity sent to the printer: one entry a send. */
    let sends: string[];
    /** The job's print record as the store held it right after each recordPrinting resolved. */
    let durable: (PrintingRecord | undefined)[];

    beforeEach(async () => {
        fixture = await EngineFixture.create();
        work = fakeActivity('work');
        sends = [];
        durable = [];
        print = printActivity();
        await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Print: [step('p', 'print')], Complete: [step('c', 'work')] });
    });

    afterEach(async () => {
        await fixture.dispose();
    });

    /**
     * As the Print activity does it: a record of this step with the printer's job id means the
     * printer has the job (follow it, never send again); otherwise record the intent, send, record
     * the printer's job id. Then the job waits at the printer.
     */
    function printActivity(): FakeActivity {
        return fakeActivity('print', async context => {
            const known = context.job.printing?.stepId === context.step.id ? context.job.printing : undefined;
            if (known?.deviceJobId === undefined) {
                const intent: PrintingRecord = {
                    stepId: context.step.id, printerId: 'printer-a', printerName: 'Printer A', jobName: `${context.job.name} (${context.job.id})`,
                    requestedAt: new Date().toISOString()
                };
                await record(context, intent);
                sends.push(context.job.id);
                await record(context, { ...intent, deviceJobId: DEVICE_JOB_ID, acceptedAt: new Date().toISOString() });
            }
            return { kind: 'wait', state: 'Printing', reason: 'Printing on Printer A' };
        });
    }

    async function record(context: ActivityContext, printing: PrintingRecord): Promise<void> {
        await context.recordPrinting(printing);
        durable.push(fixture.job('o1').printing);
    }

    /** Job o1-job-1 left at the printer by its Print step. */
    async function jobAtPrinter(): Promise<WorkflowEngine> {
        await fixture.addOrder('o1', 'flow');
        const engine = await fixture.startEngine([work, print]);
        await engine.idle();
        assert.ok(isAtPrinter(fixture.job('o1')), `the job is at the printer: ${JSON.stringify(fixture.job('o1'))}`);
        return engine;
    }

    function queueOf(engine: WorkflowEngine): WorkQueue {
        return (engine as unknown as { core: { queue: WorkQueue } }).core.queue;
    }

    function lastEntry(job: Job): { message: string; level: string; by?: string } {
        const { message, level, by } = job.log.at(-1)!;
        return by ? { message, level, by } : { message, level };
    }

    describe('the Print step', () => {

        it('records its intent and the printer\'s job id durably, then leaves the job Printing at the printer', async () => {
            await jobAtPrinter();
            assert.deepEqual(sends, [JOB]);
            assert.deepEqual(durable.map(printing => [printing?.jobName, printing?.deviceJobId]), [['Flyers o1-job-1 (o1-job-1)', undefined], ['Flyers o1-job-1 (o1-job-1)', DEVICE_JOB_ID]],
                'each record was in the store when recordPrinting resolved');
            const job = fixture.job('o1');
            assert.deepEqual([job.state, job.waitReason, job.stepId, job.printing?.deviceJobId], ['Printing', 'Printing on Printer A', 'p', DEVICE_JOB_ID]);
            assert.equal(lastEntry(job).message, 'Print: Printing on Printer A');
        });

        it('leaves a job at the printer alone across turns, store events and a restart', async () => {
            const engine = await jobAtPrinter();
            const before = fixture.order('o1');
            queueOf(engine).schedule(JOB, { priority: 5, receivedAt: 0 });
            await fixture.store.modify(OrdersCollection, 'o1', order => ({ ...order, log: [...order.log, { at: AT, level: 'info' as const, message: 'Touched' }] }));
            await engine.idle();
            assert.equal(print.calls.length, 1, 'no turn or store event ran the step again');
            assert.deepEqual(fixture.job('o1'), before.jobs[0]);

            await engine.stop();
            await fixture.reopenStore();
            const restarted = await fixture.startEngine([work, print]);
            await restarted.idle();
            assert.equal(print.calls.length, 1, 'the restart did not run the step again');
            assert.deepEqual(sends, [JOB]);
            assert.deepEqual(fixture.job('o1'), before.jobs[0]);
        });

        it('runs a step again at the start when the server died while sending, before the printer\'s answer', async () => {
            const workflow = fixture.store.get(WorkflowsCollection, 'flow')!;
            const intent: PrintingRecord = { stepId: 'p', printerId: 'printer-a', printerName: 'Printer A', jobName: 'Flyers', requestedAt: AT };
            await fixture.addOrder('o1', 'flow', [{ state: 'Printing', phase: 'Print', stepIndex: 0, stepId: 'p', workflowVersion: workflow.version, currentActivity: 'print', printing: intent }]);
            const engine = await fixture.startEngine([work, print]);
            await engine.idle();
            assert.equal(print.calls.length, 1);
            assert.deepEqual(print.calls[0].job.printing, intent, 'the activity sees its intent, to recover from it');
            assert.ok(isAtPrinter(fixture.job('o1')));
        });

        it('runs a step again at the start when the server died after the printer accepted, and it follows instead of sending', async () => {
            const workflow = fixture.store.get(WorkflowsCollection, 'flow')!;
            const accepted: PrintingRecord = { stepId: 'p', printerId: 'printer-a', printerName: 'Printer A', jobName: 'Flyers', requestedAt: AT, deviceJobId: 5, acceptedAt: AT };
            await fixture.addOrder('o1', 'flow', [{ state: 'Printing', phase: 'Print', stepIndex: 0, stepId: 'p', workflowVersion: workflow.version, currentActivity: 'print', printing: accepted }]);
            const engine = await fixture.startEngine([work, print]);
            await engine.idle();
            assert.equal(print.calls.length, 1);
            assert.deepEqual(sends, [], 'not sent again');
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').printing?.deviceJobId], ['Printing', 5]);
        });

        it('sends a job to Error when its step waits at the printer without the printer\'s job id', async () => {
            const careless = fakeActivity('print', () => ({ kind: 'wait', state: 'Printing', reason: 'Printing on Printer A' }));
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([work, careless]);
            await engine.idle();
            const job = fixture.job('o1');
            assert.equal(job.state, 'Error');
            assert.match(job.waitReason!, /^Print ended wrongly: it waits at the printer, but no printer's job id is recorded for this step$/);
            assert.equal(careless.calls.length, 1);
        });

        it('refuses to record a print for a job that left the step meanwhile, and one for another step', async () => {
            const held = gate();
            const outcomes: string[] = [];
            const slow = fakeActivity('print', async context => {
                const intent: PrintingRecord = { stepId: 'elsewhere', printerId: 'printer-a', printerName: 'Printer A', jobName: 'Flyers', requestedAt: AT };
                await context.recordPrinting(intent).catch((error: Error) => outcomes.push(error.message));
                await held.promise;
                await context.recordPrinting({ ...intent, stepId: context.step.id }).catch((error: Error) => outcomes.push(error.message));
                return { kind: 'continue' };
            });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([work, slow]);
            await waitFor(() => slow.calls.length === 1 && outcomes.length === 1, 'the step to start');
            await engine.hold(JOB, 'olivia');
            held.open();
            await engine.idle();
            assert.deepEqual(outcomes, [
                'The print record of job o1-job-1 names step elsewhere; the job is at step p',
                'Job o1-job-1 is no longer at step p: its print is not recorded'
            ]);
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').printing], ['Held', undefined]);
        });
    });

    describe('the follower\'s reports', () => {

        it('updates the reason and progress, and logs only when the printer\'s reasons change', async () => {
            const engine = await jobAtPrinter();
            const logged = fixture.job('o1').log.length;
            assert.equal(await engine.reportPrinting(JOB, 'p', { reason: 'Printing on Printer A', deviceState: 'processing', impressionsCompleted: 40, sheetsCompleted: 20 }), true);
            let job = fixture.job('o1');
            assert.deepEqual([job.printing?.deviceState, job.printing?.impressionsCompleted, job.printing?.sheetsCompleted], ['processing', 40, 20]);
            assert.equal(job.log.length, logged, 'progress alone is not logged');

            await engine.reportPrinting(JOB, 'p', { reason: 'Printer A: out of paper', deviceState: 'processing-stopped', reasons: ['out of paper'], impressionsCompleted: 60 });
            job = fixture.job('o1');
            assert.deepEqual([job.state, job.waitReason, job.printing?.reasons, job.printing?.impressionsCompleted, job.printing?.sheetsCompleted],
                ['Printing', 'Printer A: out of paper', ['out of paper'], 60, undefined]);
            assert.deepEqual(lastEntry(job), { message: 'Printer A: out of paper', level: 'warning' });

            const version = fixture.order('o1').version;
            assert.equal(await engine.reportPrinting(JOB, 'p', { reason: 'Printer A: out of paper', deviceState: 'processing-stopped', reasons: ['out of paper'], impressionsCompleted: 60 }), true);
            assert.equal(fixture.order('o1').version, version, 'the same status again writes nothing');

            await engine.reportPrinting(JOB, 'p', { reason: 'Printing on Printer A', deviceState: 'processing', impressionsCompleted: 80 });
            job = fixture.job('o1');
            assert.deepEqual(lastEntry(job), { message: 'Printer A: printing again', level: 'info' });
            assert.equal(job.log.length, logged + 2);
            assert.deepEqual([job.printing?.reasons, job.printing?.deviceJobId], [undefined, DEVICE_JOB_ID]);
            await engine.idle();
            assert.equal(print.calls.length, 1);
        });

        it('ignores a report for another step, and for a job no longer at the printer', async () => {
            const engine = await jobAtPrinter();
            const version = fixture.order('o1').version;
            assert.equal(await engine.reportPrinting(JOB, 'r', { reason: 'Printer A: jammed', reasons: ['jammed'] }), false);
            assert.equal(await engine.finishPrinting(JOB, 'r', { printerId: 'printer-a', printerName: 'Printer A', copies: 250 }), false);
            assert.equal(await engine.reportPrinting('no-such-job', 'p', { reason: 'Printing' }), false);
            assert.equal(fixture.order('o1').version, version);

            await engine.hold(JOB, 'olivia');
            const held = fixture.job('o1');
            assert.equal(await engine.reportPrinting(JOB, 'p', { reason: 'Printer A: jammed', reasons: ['jammed'] }), false);
            assert.equal(await engine.failPrinting(JOB, 'p', 'Printer A aborted the job'), false);
            assert.equal(await engine.printingUncertain(JOB, 'p', 'Printer A no longer knows the job'), false);
            assert.equal(await engine.finishPrinting(JOB, 'p', { printerId: 'printer-a', printerName: 'Printer A', copies: 250 }), false);
            assert.deepEqual(fixture.job('o1'), held);
            assert.equal(held.printing?.deviceJobId, DEVICE_JOB_ID, 'a hold keeps the record');
        });

        it('refuses a malformed report, naming the field', async () => {
            const engine = await jobAtPrinter();
            await assert.rejects(engine.reportPrinting(JOB, 'p', { reason: 'Printing', impressionsCompleted: -1 }), /impressionsCompleted/);
            await assert.rejects(engine.finishPrinting(JOB, 'p', { printerId: 'printer-a', printerName: 'Printer A', copies: 0 }), /copies/);
        });

        it('finishes a printed job: Printed logged, what was printed kept, the record dropped, and its next step runs', async () => {
            const engine = await jobAtPrinter();
            assert.equal(await engine.finishPrinting(JOB, 'p', { printerId: 'printer-a', printerName: 'Printer A', copies: 250, impressions: 500 }), true);
            await engine.idle();
            const job = fixture.job('o1');
            assert.equal(job.state, 'Complete');
            assert.deepEqual(work.calls.map(call => call.step.id), ['r', 'c']);
            assert.equal(job.printing, undefined);
            assert.deepEqual(job.printed, { printerId: 'printer-a', printerName: 'Printer A', copies: 250, impressions: 500, at: job.printed!.at });
            const printedAt = messages(job).indexOf('Printed on Printer A: 250 copies, 500 impressions');
            assert.ok(printedAt > 0 && printedAt < messages(job).indexOf('Work started (Complete)'), messages(job).join('\n'));
            assert.equal(print.calls.length, 1);
        });

        it('sends a job the printer aborted to Error, dropping the record, so that Process again sends it afresh', async () => {
            const engine = await jobAtPrinter();
            assert.equal(await engine.failPrinting(JOB, 'p', 'Printer A aborted the job: document format error'), true);
            let job = fixture.job('o1');
            assert.deepEqual([job.state, job.waitReason, job.printing], ['Error', 'Printer A aborted the job: document format error', undefined]);
            assert.deepEqual(lastEntry(job), { message: 'Printer A aborted the job: document format error', level: 'error' });

            await engine.processAgain(JOB, 'olivia');
            await engine.idle();
            job = fixture.job('o1');
            assert.deepEqual(sends, [JOB, JOB], 'sent afresh');
            assert.ok(isAtPrinter(job));
        });

        it('lets an operator decide when the printer no longer knows the job: Mark printed moves it on, naming them', async () => {
            const engine = await jobAtPrinter();
            assert.equal(await engine.printingUncertain(JOB, 'p', 'Printer A no longer knows job 17'), true);
            let job = fixture.job('o1');
            assert.deepEqual([job.state, job.waitReason, job.printing?.uncertain, job.printing?.deviceJobId],
                ['Waiting', 'Printer A no longer knows job 17', 'Printer A no longer knows job 17', DEVICE_JOB_ID]);
            assert.equal(lastEntry(job).level, 'warning');
            assert.equal(await engine.reportPrinting(JOB, 'p', { reason: 'Printing' }), false, 'the follower is done with it');
            await engine.idle();
            assert.equal(print.calls.length, 1, 'waits for the operator');

            await engine.markPrinted(JOB, 'olivia');
            await engine.idle();
            job = fixture.job('o1');
            assert.equal(job.state, 'Complete');
            assert.deepEqual(work.calls.map(call => call.step.id), ['r', 'c']);
            assert.deepEqual(job.printed, { printerId: 'printer-a', printerName: 'Printer A', copies: 250, at: job.printed!.at, by: 'olivia' });
            assert.equal(job.printing, undefined);
            assert.ok(job.log.some(entry => entry.message === 'Marked printed on Printer A: 250 copies' && entry.by === 'olivia'));
            assert.deepEqual(sends, [JOB]);
        });

        it('prints again, when the operator says so, a job the printer no longer knows', async () => {
            const engine = await jobAtPrinter();
            await engine.printingUncertain(JOB, 'p', 'Printer A no longer knows job 17');
            await engine.processAgain(JOB, 'olivia');
            await engine.idle();
            assert.deepEqual(sends, [JOB, JOB]);
            assert.equal(fixture.job('o1').printing?.uncertain, undefined);
            assert.ok(isAtPrinter(fixture.job('o1')));
        });

        it('refuses Mark printed for a job whose print is not in doubt', async () => {
            const approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Waiting for approval' }));
            await fixture.addWorkflow('approval', { Receive: [step('r', 'work')], Prepare: [step('a', 'approve')], Complete: [step('c', 'work')] });
            await fixture.addOrder('o1', 'flow');
            await fixture.addOrder('o2', 'approval');
            const engine = await fixture.startEngine([work, print, approve]);
            await engine.idle();
            assert.ok(isAtPrinter(fixture.job('o1')));
            await assert.rejects(engine.markPrinted(JOB, 'olivia'),
                { message: 'Job "Flyers o1-job-1" of order PW-o1 is Printing, not waiting for a decision about a print its printer no longer knows: there is nothing to mark printed' });
            await assert.rejects(engine.markPrinted('o2-job-1', 'olivia'), /is Waiting, not waiting for a decision about a print/);
            await assert.rejects(engine.markPrinted('no-such-job', 'olivia'), /There is no job no-such-job/);
            assert.equal(fixture.job('o1').printed, undefined);
        });
    });

    describe('operators\' controls', () => {

        it('drops the record on Process again, so the step sends afresh', async () => {
            const engine = await jobAtPrinter();
            await engine.processAgain(JOB, 'olivia');
            assert.equal(fixture.job('o1').printing, undefined);
            await engine.idle();
            assert.deepEqual(sends, [JOB, JOB]);
            assert.equal(print.calls.length, 2);
        });

        it('keeps the record on hold; resumed, the step follows the job the printer has instead of sending it again', async () => {
            const engine = await jobAtPrinter();
            await engine.hold(JOB, 'olivia');
            await engine.resume(JOB, 'oscar');
            await engine.idle();
            assert.equal(print.calls.length, 2, 'the step ran again');
            assert.equal(print.calls[1].job.printing?.deviceJobId, DEVICE_JOB_ID);
            assert.deepEqual(sends, [JOB], 'not sent again');
            assert.ok(isAtPrinter(fixture.job('o1')));
        });
    });
});
