import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as sinon from 'sinon';
import type { ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { WAITING_FOR_PRINT_FILE } from '@presswork/platform/lib/common/job-flow';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { JobAuditRecord } from '../activities/job-disposal';
import { CustomActivitiesCollection } from '../workflow-collections';
import type { WorkflowEngine } from './workflow-engine';
import { AT, EngineFixture, FakeActivity, activityUntilAborted, fakeActivity, step } from './test/engine-fixture';

/** The All Jobs pod's controls of the engine (JobFlow): hold, resume, complete, retain, move, delete. */
describe('WorkflowEngine job controls', () => {

    let fixture: EngineFixture;
    let approve: FakeActivity;
    let work: FakeActivity;
    let retain: FakeActivity;
    let closeout: FakeActivity;

    beforeEach(async () => {
        fixture = await EngineFixture.create();
        approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Waiting for approval' }));
        work = fakeActivity('work');
        retain = fakeActivity('retain', () => ({ kind: 'wait', state: 'Retained', reason: 'Retained indefinitely' }));
        closeout = closeoutLike();
        await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Prepare: [step('p', 'approve')], Complete: [step('c', 'work')] });
    });

    afterEach(async () => {
        sinon.restore();
        await fixture.dispose();
    });

    /** Waits like Closeout Order; with `refuses`, it also answers Complete and Retain as Closeout Order does. */
    function closeoutLike(refuses = true): FakeActivity {
        const activity = fakeActivity('closeout-order', context => ({ kind: 'wait', state: WAITING_FOR_CLOSEOUT, reason: `Order ${context.order.orderNumber} is not closed` }));
        return refuses
            ? Object.assign(activity, { finishRefusal: (job: Job, order: Order) => job.state === WAITING_FOR_CLOSEOUT && !order.closed ? job.waitReason : undefined })
            : activity;
    }

    function engineWith(...extra: FakeActivity[]): Promise<WorkflowEngine> {
        return fixture.startEngine([approve, work, retain, closeout, ...extra]);
    }

    /** Job o1-job-1 on `flow`, waiting for approval at step p. */
    async function waitingJob(): Promise<WorkflowEngine> {
        await fixture.addOrder('o1', 'flow');
        const engine = await engineWith();
        await engine.idle();
        assert.equal(fixture.job('o1').state, 'Waiting');
        return engine;
    }

    /** Job o1-job-1 running the (replaced) approve step until aborted; resolves once it runs. */
    async function runningJob(): Promise<{ engine: WorkflowEngine; aborted: () => boolean }> {
        const long = activityUntilAborted('approve');
        await fixture.addOrder('o1', 'flow');
        const engine = await fixture.startEngine([long.activity, work, retain, closeout]);
        await long.started;
        return { engine, aborted: long.aborted };
    }

    /** Job o1-job-1 waiting for the closeout of order PW-o1 at the Complete phase's closeout step. */
    async function jobWaitingForCloseout(): Promise<WorkflowEngine> {
        await fixture.addWorkflow('closing', { Receive: [step('r', 'work')], Complete: [step('x', 'closeout-order'), step('k', 'retain')] });
        await fixture.addOrder('o1', 'closing');
        const engine = await engineWith();
        await engine.idle();
        assert.equal(fixture.job('o1').state, 'Waiting for order closeout');
        return engine;
    }

    function lastEntry(job: Job): { message: string; by?: string } {
        const { message, by } = job.log.at(-1)!;
        return { message, by };
    }

    describe('hold and resume', () => {

        it('holds a waiting job, saying who held it, and resumes it at its step', async () => {
            const engine = await waitingJob();
            await engine.hold('o1-job-1', 'olivia');
            const held = fixture.job('o1');
            assert.deepEqual([held.state, held.waitReason, held.stepId], ['Held', 'Held by olivia', 'p']);
            assert.deepEqual(lastEntry(held), { message: 'Held', by: 'olivia' });
            await engine.idle();
            assert.equal(approve.calls.length, 1, 'a held job does not run');

            await engine.resume('o1-job-1', 'oscar');
            await engine.idle();
            const resumed = fixture.job('o1');
            assert.deepEqual([resumed.state, resumed.stepId], ['Waiting', 'p']);
            assert.equal(approve.calls.length, 2, 'its step ran again');
            assert.ok(resumed.log.some(entry => entry.message === 'Resumed' && entry.by === 'oscar'));
        });

        it('aborts the activity of a running job it holds, and ignores the outcome', async () => {
            const { engine, aborted } = await runningJob();
            await engine.hold('o1-job-1', 'olivia');
            await engine.idle();
            assert.ok(aborted());
            assert.equal(fixture.job('o1').state, 'Held');
            assert.deepEqual(work.calls.map(call => call.step.id), ['r'], 'the job did not go on');
        });

        it('does not wake a held job that waited for a time', async () => {
            const timed = fakeActivity('approve', (): ActivityOutcome => ({ kind: 'wait', reason: 'Later', until: new Date(Date.now() + 60).toISOString() }));
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([timed, work]);
            await engine.idle();
            await engine.hold('o1-job-1', 'olivia');
            await delay(200);
            await engine.idle();
            assert.equal(timed.calls.length, 1);
            assert.equal(fixture.job('o1').state, 'Held');
        });

        it('refuses to hold a job that is held, complete or retained', async () => {
            await fixture.addOrder('o1', 'flow', [{ state: 'Held', waitReason: 'Held by olivia' }, { state: 'Complete', phase: 'Complete' }, { state: 'Retained', phase: 'Complete' }]);
            const engine = await engineWith();
            await assert.rejects(engine.hold('o1-job-1', 'oscar'), { message: 'Job "Flyers o1-job-1" of order PW-o1 is Held; it cannot be held' });
            await assert.rejects(engine.hold('o1-job-2', 'oscar'), { message: 'Job "Flyers o1-job-2" of order PW-o1 is Complete; it cannot be held' });
            await assert.rejects(engine.hold('o1-job-3', 'oscar'), { message: 'Job "Flyers o1-job-3" of order PW-o1 is Retained; it cannot be held' });
            assert.equal(fixture.job('o1').waitReason, 'Held by olivia');
            await assert.rejects(engine.hold('nope', 'oscar'), { message: 'There is no job nope; it may have been removed' });
        });

        it('refuses to resume a job that is not held', async () => {
            const engine = await waitingJob();
            await assert.rejects(engine.resume('o1-job-1', 'olivia'), { message: 'Job "Flyers o1-job-1" of order PW-o1 is Waiting, not Held: there is nothing to resume' });
            assert.equal(approve.calls.length, 1);
        });

        it('starts a held job that never started from its first step', async () => {
            await fixture.addOrder('o1', 'flow', [{ state: 'Held', waitReason: 'Held by olivia' }]);
            const engine = await engineWith();
            await engine.idle();
            assert.equal(work.calls.length, 0);
            await engine.resume('o1-job-1', 'olivia');
            await engine.idle();
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').stepId], ['Waiting', 'p']);
        });

        it('resumes a held job without a workflow only once another extension finds it one', async () => {
            await fixture.addOrder('o1', undefined, [{ state: 'Held', waitReason: 'No production template matches SKU 42' }]);
            const engine = fixture.engine([approve, work]);
            const assign = sinon.stub().returns(undefined);
            Object.assign(engine, { assignmentProvider: { getContributions: () => [{ assign }] } });
            await engine.start();
            await assert.rejects(engine.resume('o1-job-1', 'olivia'), /has no workflow yet: it is held until a production template matches it \(No production template matches SKU 42\)/);

            assign.returns({ workflowId: 'flow', properties: { media: 'Cougar 350' }, note: 'production template "Flyers"' });
            await engine.resume('o1-job-1', 'olivia');
            await engine.idle();
            const job = fixture.job('o1');
            assert.deepEqual([job.workflowId, job.state, job.properties.media], ['flow', 'Waiting', 'Cougar 350']);
            assert.ok(job.log.some(entry => entry.message === 'Resume: production template "Flyers" gives it a workflow' && entry.by === 'olivia'));
        });
    });

    describe('complete', () => {

        it('completes a waiting job without running its remaining steps', async () => {
            const engine = await waitingJob();
            await engine.complete('o1-job-1', 'olivia');
            await engine.idle();
            const job = fixture.job('o1');
            assert.deepEqual([job.state, job.phase, job.currentActivity, job.waitReason], ['Complete', 'Complete', undefined, undefined]);
            assert.deepEqual(lastEntry(job), { message: 'Complete', by: 'olivia' });
            assert.deepEqual(work.calls.map(call => call.step.id), ['r']);
            await assert.rejects(engine.complete('o1-job-1', 'olivia'), { message: 'Job "Flyers o1-job-1" of order PW-o1 is already complete' });
        });

        it('aborts the activity of a running job it completes', async () => {
            const { engine, aborted } = await runningJob();
            await engine.complete('o1-job-1', 'olivia');
            await engine.idle();
            assert.ok(aborted());
            assert.equal(fixture.job('o1').state, 'Complete');
            assert.deepEqual(work.calls.map(call => call.step.id), ['r']);
        });

        it('refuses a job waiting for the closeout of an open order, and completes it once the order is closed', async () => {
            const engine = await jobWaitingForCloseout();
            await assert.rejects(engine.complete('o1-job-1', 'olivia'),
                { message: 'Job "Flyers o1-job-1" of order PW-o1 cannot be completed: Order PW-o1 is not closed' });
            assert.equal(fixture.job('o1').state, 'Waiting for order closeout');

            await fixture.store.modify(OrdersCollection, 'o1', order => ({ ...order, closed: true }));
            await engine.complete('o1-job-1', 'olivia');
            assert.equal(fixture.job('o1').state, 'Complete');
        });

        it('asks the activity at the job\'s step, and knows no closeout rule of its own', async () => {
            closeout = closeoutLike(false);
            const engine = await jobWaitingForCloseout();
            await engine.complete('o1-job-1', 'olivia');
            assert.equal(fixture.job('o1').state, 'Complete', 'an activity without finishRefusal refuses nothing');
        });
    });

    describe('retain', () => {

        it('moves the job to its workflow\'s Retain step and runs it', async () => {
            await fixture.saveWorkflow('flow', { Complete: [step('c', 'work'), step('k', 'retain')] });
            const engine = await waitingJob();
            await engine.retain('o1-job-1', 'olivia');
            await engine.idle();
            const job = fixture.job('o1');
            assert.deepEqual([job.state, job.phase, job.stepId, job.currentActivity, job.waitReason], ['Retained', 'Complete', 'k', 'retain', 'Retained indefinitely']);
            assert.ok(job.log.some(entry => entry.message === 'Retain: moved to "Retain"' && entry.by === 'olivia'));
            assert.deepEqual(work.calls.map(call => call.step.id), ['r'], 'the steps before Retain were not run');
            await assert.rejects(engine.retain('o1-job-1', 'olivia'), { message: 'Job "Flyers o1-job-1" of order PW-o1 is already retained' });
        });

        it('finds a custom activity based on Retain', async () => {
            await fixture.store.create(CustomActivitiesCollection, { id: 'keep', label: 'Keep 90 days', description: '', baseType: 'retain', defaults: {}, updatedAt: AT });
            await fixture.saveWorkflow('flow', { Complete: [step('c', 'work'), step('k', 'custom:keep')] });
            const engine = await waitingJob();
            await engine.retain('o1-job-1', 'olivia');
            await engine.idle();
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').stepId], ['Retained', 'k']);
            assert.equal(retain.calls.length, 1);
        });

        it('marks the job Retained in the Complete phase when its workflow has no Retain step', async () => {
            const engine = await waitingJob();
            await engine.retain('o1-job-1', 'olivia');
            await engine.idle();
            const job = fixture.job('o1');
            assert.deepEqual([job.state, job.phase, job.currentActivity, job.waitReason], ['Retained', 'Complete', undefined, 'Retained by olivia']);
            assert.deepEqual(lastEntry(job), { message: 'Retained', by: 'olivia' });
            assert.equal(retain.calls.length, 0);
        });

        it('refuses a job waiting for the closeout of an open order', async () => {
            const engine = await jobWaitingForCloseout();
            await assert.rejects(engine.retain('o1-job-1', 'olivia'),
                { message: 'Job "Flyers o1-job-1" of order PW-o1 cannot be retained: Order PW-o1 is not closed' });
            await engine.idle();
            assert.equal(retain.calls.length, 0);

            await fixture.store.modify(OrdersCollection, 'o1', order => ({ ...order, closed: true }));
            await engine.retain('o1-job-1', 'olivia');
            await engine.idle();
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').stepId], ['Retained', 'k']);
        });
    });

    describe('move to workflow', () => {

        it('starts the job again at the beginning of the other workflow, aborting its activity', async () => {
            const other = await fixture.addWorkflow('other', { Receive: [step('o', 'work')], Complete: [step('q', 'retain')] });
            const { engine, aborted } = await runningJob();
            await engine.moveToWorkflow('o1-job-1', 'other', 'olivia');
            await engine.idle();
            assert.ok(aborted());
            const job = fixture.job('o1');
            assert.deepEqual([job.workflowId, job.workflowVersion, job.phase, job.stepId, job.state], ['other', other.version, 'Complete', 'q', 'Retained']);
            assert.deepEqual(work.calls.map(call => call.step.id), ['r', 'o']);
            assert.ok(job.log.some(entry => entry.message === 'Moved to workflow "Workflow other"' && entry.by === 'olivia'));
        });

        it('refuses a disabled or missing workflow, leaving the job where it is', async () => {
            await fixture.addWorkflow('off', { Receive: [step('o', 'work')], Complete: [step('c', 'work')] }, { enabled: false });
            const engine = await waitingJob();
            await assert.rejects(engine.moveToWorkflow('o1-job-1', 'off', 'olivia'),
                { message: 'Job "Flyers o1-job-1" of order PW-o1 cannot be moved: workflow "Workflow off" is disabled' });
            await assert.rejects(engine.moveToWorkflow('o1-job-1', 'gone', 'olivia'),
                { message: 'Job "Flyers o1-job-1" of order PW-o1 cannot be moved: there is no workflow gone; it may have been deleted' });
            const job = fixture.job('o1');
            assert.deepEqual([job.workflowId, job.state, job.stepId], ['flow', 'Waiting', 'p']);
        });
    });

    describe('delete', () => {

        function auditRecord(jobId: string): Promise<JobAuditRecord> {
            return fs.readFile(path.join(fixture.dataFolder, 'audit', '2025-03', `${jobId}.json`), 'utf8').then(text => JSON.parse(text));
        }

        it('writes the audit record, removes the folder and the job, and keeps the order', async () => {
            const engine = await waitingJob();
            const folder = path.join(fixture.dataFolder, 'jobs', 'o1-job-1');
            await fs.mkdir(folder, { recursive: true });
            await fs.writeFile(path.join(folder, 'art.pdf'), '%PDF');
            await engine.deleteJob('o1-job-1', 'olivia');
            assert.deepEqual(fixture.order('o1').jobs, []);
            assert.deepEqual(fixture.store.findBy(OrdersCollection, 'job', 'o1-job-1'), []);
            await assert.rejects(fs.stat(folder), { code: 'ENOENT' });
            const record = await auditRecord('o1-job-1');
            assert.equal(record.format, 'presswork-job-audit');
            assert.equal(record.job.state, 'Waiting');
            assert.deepEqual(lastEntry(record.job), { message: 'Deleted', by: 'olivia' });
            assert.deepEqual(record.order.jobs.map(job => job.id), ['o1-job-1']);
            await assert.rejects(engine.deleteJob('o1-job-1', 'olivia'), { message: 'There is no job o1-job-1; it may have been removed' });
        });

        it('aborts a running activity and records the job as it ended', async () => {
            const { engine, aborted } = await runningJob();
            await engine.deleteJob('o1-job-1', 'olivia');
            await engine.idle();
            assert.ok(aborted());
            assert.deepEqual(fixture.order('o1').jobs, []);
            assert.deepEqual(work.calls.map(call => call.step.id), ['r']);
            const record = await auditRecord('o1-job-1');
            assert.deepEqual(record.job.log.slice(-2).map(entry => [entry.message, entry.by]), [['Held', 'olivia'], ['Deleted', 'olivia']]);
        });

        it('keeps the job when its audit record cannot be written', async () => {
            const engine = await waitingJob();
            await fs.writeFile(path.join(fixture.dataFolder, 'audit'), 'not a folder');
            await assert.rejects(engine.deleteJob('o1-job-1', 'olivia'), /Job "Flyers o1-job-1" of order PW-o1 is kept: its audit record could not be written: /);
            assert.equal(fixture.job('o1').state, 'Waiting');
        });
    });

    describe('recordPrintFile', () => {
        const file = (size?: number): Job['files'][number] => size === undefined ? { name: 'o1-job-1.pdf' } : { name: 'o1-job-1.pdf', size };

        it('records the file and lets a job waiting for it go on: it runs its workflow', async () => {
            await fixture.addOrder('o1', 'flow', [{ state: 'Waiting', waitReason: WAITING_FOR_PRINT_FILE, files: [file()] }]);
            const engine = await engineWith();
            await engine.idle();
            assert.deepEqual(work.calls.length, 0, 'nothing runs before the file is there');

            await engine.recordPrintFile('o1-job-1', 'o1-job-1.pdf', 1234);
            await engine.idle();
            const job = fixture.job('o1');
            assert.deepEqual(job.files, [file(1234)]);
            assert.ok(job.log.some(entry => entry.message === 'Print file o1-job-1.pdf received (1234 bytes)'));
            assert.deepEqual([job.state, job.stepId], ['Waiting', 'p'], 'it ran Receive and waits for approval');
        });

        it('records the file of a job that waits for something else, leaving its state alone', async () => {
            await fixture.addOrder('o1', undefined, [{ state: 'Held', waitReason: 'No production template matches SKU 42', files: [file()] }]);
            const engine = await engineWith();
            await engine.recordPrintFile('o1-job-1', 'o1-job-1.pdf', 10);
            const job = fixture.job('o1');
            assert.deepEqual([job.state, job.waitReason, job.files], ['Held', 'No production template matches SKU 42', [file(10)]]);
        });

        it('refuses a file the job does not have', async () => {
            await fixture.addOrder('o1', 'flow', [{ state: 'Waiting', waitReason: WAITING_FOR_PRINT_FILE, files: [file()] }]);
            const engine = await engineWith();
            await assert.rejects(engine.recordPrintFile('o1-job-1', 'other.pdf', 10), /has no file other\.pdf/);
            assert.equal(fixture.job('o1').state, 'Waiting');
        });
    });
});
