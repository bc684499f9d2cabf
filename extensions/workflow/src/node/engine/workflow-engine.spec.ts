import * as assert from 'node:assert/strict';
import { STATE_SHOWN_AFTER_MS } from './activity-updates';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { z } from 'zod';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { IntakeWindows } from '@presswork/platform/lib/node/intake-windows';
import { StoreOutOfReachError } from '@presswork/platform/lib/node/store/store-errors';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { CustomActivitiesCollection } from '../workflow-collections';
import { EngineFixture, FakeActivity, activityUntilAborted, fakeActivity, gate, messages, step, waitFor } from './test/engine-fixture';

describe('WorkflowEngine', () => {

    let fixture: EngineFixture;

    beforeEach(async () => {
        fixture = await EngineFixture.create();
    });

    afterEach(async () => {
        sinon.restore();
        await fixture.dispose();
    });

    /** Phases of the steps an activity ran, in order. */
    function ranIn(activity: FakeActivity): string[] {
        return activity.calls.map(call => `${call.step.id}`);
    }

    describe('running a workflow', () => {

        it('runs a job from Receive to Complete, passing over empty phases', async () => {
            const create = fakeActivity('create');
            const prepare = fakeActivity('prepare');
            const finish = fakeActivity('finish');
            const workflow = await fixture.addWorkflow('flow', {
                Receive: [step('s1', 'create')],
                Prepare: [step('s2', 'prepare'), step('s3', 'prepare')],
                Print: [],
                Complete: [step('s4', 'finish')]
            });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([create, prepare, finish]);
            await engine.idle();

            assert.deepEqual([...ranIn(create), ...ranIn(prepare), ...ranIn(finish)], ['s1', 's2', 's3', 's4']);
            const job = fixture.job('o1');
            assert.equal(job.state, 'Complete');
            assert.equal(job.phase, 'Complete');
            assert.equal(job.currentActivity, undefined);
            assert.equal(job.workflowVersion, workflow.version);
            assert.ok(messages(job).includes('Complete'));
            assert.deepEqual(create.calls[0].job.state, 'Processing');
            assert.equal(prepare.calls[1].job.stepId, 's3');
            assert.equal(prepare.calls[1].job.phase, 'Prepare');
            assert.equal(create.calls[0].jobFolder, path.join(fixture.dataFolder, 'jobs', 'o1-job-1'));
            assert.equal(create.calls[0].order.id, 'o1');
            sinon.assert.notCalled(fixture.logger.error);
        });

        it('starts no step while a window of orders is written, and runs them once it is', async () => {
            const create = fakeActivity('create');
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'create')], Complete: [step('s2', 'create')] });
            const intakeWindows = new IntakeWindows();
            const windowWritten = intakeWindows.begin();
            const engine = inject(fixture.engine([create]), { intakeWindows });
            await engine.start();
            await fixture.addOrder('o1', 'flow');
            await new Promise(resolve => setTimeout(resolve, 50));
            assert.equal(create.calls.length, 0, 'the step waits for the window');
            assert.equal(fixture.job('o1').state, 'Received');

            windowWritten();
            await engine.idle();
            assert.equal(create.calls.length, 2);
            assert.equal(fixture.job('o1').state, 'Complete');
        });

        it('records Processing, the step and the activity in one write before the activity runs', async () => {
            let seen: { state: string; stepId?: string; currentActivity?: string; writes: number } | undefined;
            let writes = 0;
            fixture.store.onDidChange(change => {
                writes += change.collection === 'orders' ? 1 : 0;
            });
            const check = fakeActivity('check', context => {
                const stored = fixture.job(context.job.orderId);
                seen = { state: stored.state, stepId: stored.stepId, currentActivity: stored.currentActivity, writes };
                return { kind: 'wait', reason: 'Check the proof' };
            });
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'check')], Complete: [step('s2', 'check')] });
            await fixture.addOrder('o1', 'flow');
            writes = 0;
            const engine = await fixture.startEngine([check]);
            await engine.idle();
            assert.deepEqual(seen, { state: 'Processing', stepId: 's1', currentActivity: 'check', writes: 1 });
        });

        it('writes once per transition: start, three continues into the next step, remove', async () => {
            const steps = ['a', 'b', 'c'].map(type => fakeActivity(type, async context => {
                await context.log(`${type} done`);
                return { kind: 'continue' };
            }));
            const remove = fakeActivity('remove', () => ({ kind: 'remove' }));
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'a')], Prepare: [step('s2', 'b')], Print: [step('s3', 'c')], Complete: [step('s4', 'remove')] });
            await fixture.addOrder('o1', 'flow');
            let writes = 0;
            fixture.store.onDidChange(change => {
                writes += change.collection === 'orders' ? 1 : 0;
            });
            const engine = await fixture.startEngine([...steps, remove]);
            await engine.idle();
            assert.equal(writes, 5, 'log lines ride along with the outcome\'s write');
            assert.deepEqual(fixture.order('o1').jobs, []);
        });

        it('applies the properties a continuing activity sets, and logs Printed', async () => {
            const print = fakeActivity('print', () => ({ kind: 'continue', properties: { printedOn: 'press-2', sheets: 125 }, state: 'Printed' }));
            const after = fakeActivity('after');
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'print')], Complete: [step('s2', 'after')] });
            await fixture.addOrder('o1', 'flow', [{ properties: { paper: 'matt' } }]);
            const engine = await fixture.startEngine([print, after]);
            await engine.idle();
            const job = fixture.job('o1');
            assert.deepEqual(job.properties, { paper: 'matt', printedOn: 'press-2', sheets: 125 });
            assert.deepEqual(after.calls[0].job.properties, job.properties);
            assert.ok(messages(job).includes('Print: printed'));
            assert.equal(job.state, 'Complete');
        });

        it('keeps what a printer that does not report its jobs took as the job\'s printed record, marked handed over', async () => {
            const print = fakeActivity('print', () => ({ kind: 'continue', state: 'Printed', printed: { printerId: 'hot', printerName: 'Indigo', copies: 250 } }));
            const after = fakeActivity('after');
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'print')], Complete: [step('s2', 'after')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([print, after]);
            await engine.idle();
            const job = fixture.job('o1');
            assert.deepEqual(job.printed, { printerId: 'hot', printerName: 'Indigo', copies: 250, at: job.printed!.at, handedOver: true });
            assert.ok(messages(job).includes('Print: 250 copies handed over to Indigo'), messages(job).join('\n'));
            assert.deepEqual([job.state, after.calls.length], ['Complete', 1]);
        });

        it('sends a job to Error when its step says wrongly what was printed', async () => {
            const print = fakeActivity('print', () => ({ kind: 'continue', printed: { printerId: 'hot', printerName: 'Indigo', copies: 0 } }));
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'print')], Complete: [step('s2', 'after')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([print, fakeActivity('after')]);
            await engine.idle();
            const job = fixture.job('o1');
            assert.equal(job.state, 'Error');
            assert.equal(job.printed, undefined);
            assert.match(job.waitReason!, /^Print ended wrongly: it says what was printed without continuing in state Printed$/);
        });

        it('does not spend a write on Printing for a send shorter than a moment', async () => {
            const states = recordedStates(fixture);
            const print = fakeActivity('print', async context => {
                await context.setState('Printing');
                return { kind: 'continue', state: 'Printed' };
            });
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'print')], Complete: [step('s2', 'print')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([print]);
            await engine.idle();
            await new Promise(resolve => setTimeout(resolve, STATE_SHOWN_AFTER_MS + 50));
            assert.deepEqual(states, ['Received', 'Processing', 'Complete']);
        });

        it('appends what an activity logs, and shows Printing once the send has lasted a moment', async () => {
            const states = recordedStates(fixture);
            const print = fakeActivity('print', async context => {
                await context.setState('Printing');
                await new Promise(resolve => setTimeout(resolve, STATE_SHOWN_AFTER_MS + 50));
                await context.log('Sent 3 sheets', 'info');
                await context.log('Printer is low on toner', 'warning');
                return { kind: 'continue', state: 'Printed' };
            });
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'print')], Complete: [step('s2', 'print')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([print]);
            await engine.idle();
            const job = fixture.job('o1');
            assert.deepEqual(states, ['Received', 'Processing', 'Printing', 'Processing', 'Printing', 'Complete']);
            const warning = job.log.find(entry => entry.message === 'Printer is low on toner');
            assert.equal(warning?.level, 'warning');
            assert.ok(warning?.at);
            assert.equal(job.log.filter(entry => entry.message === 'Sent 3 sheets').length, 2);
        });

        it('puts a waiting job in the state and with the reason the activity gives', async () => {
            const approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Waiting for approval' }));
            const closeout = fakeActivity('closeout', () => ({ kind: 'wait', reason: 'The order is not closed', state: 'Waiting for order closeout' }));
            await fixture.addWorkflow('a', { Receive: [step('s1', 'approve')], Complete: [step('s2', 'approve')] });
            await fixture.addWorkflow('b', { Receive: [step('s1', 'closeout')], Complete: [step('s2', 'closeout')] });
            await fixture.addOrder('o1', 'a');
            await fixture.addOrder('o2', 'b');
            const engine = await fixture.startEngine([approve, closeout]);
            await engine.idle();
            assert.deepEqual(pick(fixture.job('o1')), { state: 'Waiting', waitReason: 'Waiting for approval', currentActivity: 'approve', stepId: 's1' });
            assert.deepEqual(pick(fixture.job('o2')), { state: 'Waiting for order closeout', waitReason: 'The order is not closed', currentActivity: 'closeout', stepId: 's1' });
            assert.equal(fixture.job('o1').wakeAt, undefined);
        });

        it('sends a job its step retains on to the Retain step, logging why; without a Retain step it is Retained with the reason', async () => {
            const elsewhere = fakeActivity('closeout', () => ({ kind: 'retain', reason: 'Close out in MarcomCentral' }));
            const retain = fakeActivity('retain', () => ({ kind: 'wait', state: 'Retained', reason: 'Retained indefinitely' }));
            const never = fakeActivity('never');
            await fixture.addWorkflow('kept', { Receive: [step('s1', 'closeout')], Complete: [step('s2', 'never'), step('k', 'retain')] });
            await fixture.addWorkflow('plain', { Receive: [step('s1', 'closeout')], Complete: [step('s2', 'never')] });
            await fixture.addOrder('o1', 'kept');
            await fixture.addOrder('o2', 'plain');
            const engine = await fixture.startEngine([elsewhere, retain, never]);
            await engine.idle();
            assert.deepEqual(pick(fixture.job('o1')), { state: 'Retained', waitReason: 'Retained indefinitely', currentActivity: 'retain', stepId: 'k' });
            assert.deepEqual(pick(fixture.job('o2')), { state: 'Retained', waitReason: 'Close out in MarcomCentral', currentActivity: undefined, stepId: 's1' });
            assert.equal(fixture.job('o2').phase, 'Complete');
            for (const orderId of ['o1', 'o2']) {
                const entry = fixture.job(orderId).log.find(candidate => /Close out in MarcomCentral/.test(candidate.message));
                assert.equal(entry?.level, 'warning', orderId);
            }
            assert.equal(never.calls.length, 0, 'the steps between were not run');
        });

        it('sends a job to Error when its step retains it without a reason', async () => {
            const odd = fakeActivity('odd', () => ({ kind: 'retain', reason: ' ' }));
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'odd')], Complete: [step('s2', 'odd')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([odd]);
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Error');
            assert.match(fixture.job('o1').waitReason!, /Retain without a reason/);
        });

        it('sends a job to Error with the message of a failing or throwing activity', async () => {
            const failing = fakeActivity('failing', () => ({ kind: 'fail', message: 'The printer refused the file' }));
            const throwing = fakeActivity('throwing', () => {
                throw new Error('ENOENT: no such file, open /spool/job.pdf');
            });
            const later = fakeActivity('later');
            await fixture.addWorkflow('a', { Receive: [step('s1', 'failing')], Complete: [step('s2', 'later')] });
            await fixture.addWorkflow('b', { Receive: [step('s1', 'throwing')], Complete: [step('s2', 'later')] });
            await fixture.addOrder('o1', 'a');
            await fixture.addOrder('o2', 'b');
            const engine = await fixture.startEngine([failing, throwing, later]);
            await engine.idle();
            const [failed, thrown] = [fixture.job('o1'), fixture.job('o2')];
            assert.deepEqual([failed.state, failed.waitReason], ['Error', 'The printer refused the file']);
            assert.deepEqual([thrown.state, thrown.waitReason], ['Error', 'ENOENT: no such file, open /spool/job.pdf']);
            assert.equal(failed.log.at(-1)?.level, 'error');
            assert.match(failed.log.at(-1)!.message, /The printer refused the file/);
            assert.equal(later.calls.length, 0);
        });

        it('sends a job to Error when an activity ends with a malformed outcome', async () => {
            const odd = fakeActivity('odd', () => ({ kind: 'wait', reason: 'x', state: 'Complete' }));
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'odd')], Complete: [step('s2', 'odd')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([odd]);
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Error');
            assert.match(fixture.job('o1').waitReason!, /not a waiting state/);
        });

        it('removes a job from its order, keeping the order and its other jobs', async () => {
            const remove = fakeActivity('remove', () => ({ kind: 'remove' }));
            const hold = fakeActivity('hold', () => ({ kind: 'wait', reason: 'Kept' }));
            await fixture.addWorkflow('gone', { Receive: [step('s1', 'remove')], Complete: [step('s2', 'remove')] });
            await fixture.addWorkflow('kept', { Receive: [step('s1', 'hold')], Complete: [step('s2', 'hold')] });
            await fixture.addOrder('o1', 'gone');
            await fixture.addOrder('o2', 'gone', [{}, { workflowId: 'kept' }]);
            const engine = await fixture.startEngine([remove, hold]);
            await engine.idle();
            assert.deepEqual(fixture.order('o1').jobs, []);
            assert.deepEqual(fixture.order('o2').jobs.map(job => [job.id, job.state]), [['o2-job-2', 'Waiting']]);
            assert.deepEqual(fixture.store.findBy(OrdersCollection, 'job', 'o1-job-1'), []);
        });

        it('refuses a step whose properties its activity does not accept, naming the field', async () => {
            const print = fakeActivity('print', () => ({ kind: 'continue' }), {
                schema: z.object({ printerId: z.string().min(1, 'Choose a printer'), copies: z.number().default(1) })
            });
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'print', { printerId: '' })], Complete: [step('s2', 'print', { printerId: 'p' })] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([print]);
            await engine.idle();
            const job = fixture.job('o1');
            assert.equal(job.state, 'Error');
            assert.match(job.waitReason!, /printerId: Choose a printer/);
            assert.equal(job.stepId, 's1');
            assert.equal(print.calls.length, 0);
        });

        it('hands the activity its properties as its schema parsed them, defaults filled in', async () => {
            const print = fakeActivity('print', () => ({ kind: 'continue' }), { schema: z.object({ printerId: z.string(), copies: z.number().default(1) }) });
            await fixture.addWorkflow('flow', { Receive: [step('s1', 'print', { printerId: 'p1' })], Complete: [step('s2', 'print', { printerId: 'p2', copies: 3 })] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([print]);
            await engine.idle();
            assert.deepEqual(print.calls.map(call => call.properties), [{ printerId: 'p1', copies: 1 }, { printerId: 'p2', copies: 3 }]);
        });

        it('refuses an activity placed in a phase it is not allowed in, and one that is not installed', async () => {
            const retain = fakeActivity('retain', () => ({ kind: 'continue' }), { allowedPhases: ['Complete'] });
            await fixture.addWorkflow('a', { Receive: [step('s1', 'retain')], Complete: [step('s2', 'retain')] });
            await fixture.addWorkflow('b', { Receive: [step('s1', 'teleport')], Complete: [step('s2', 'retain')] });
            await fixture.addOrder('o1', 'a');
            await fixture.addOrder('o2', 'b');
            const engine = await fixture.startEngine([retain]);
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Error');
            assert.match(fixture.job('o1').waitReason!, /cannot run in the Receive phase: Retain is allowed only in Complete/);
            assert.equal(fixture.job('o2').state, 'Error');
            assert.match(fixture.job('o2').waitReason!, /"teleport" is not installed/);
            assert.equal(retain.calls.length, 0);
        });

        it('sends a job whose workflow no longer exists to Error', async () => {
            await fixture.addOrder('o1', 'nowhere');
            const engine = await fixture.startEngine([]);
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Error');
            assert.match(fixture.job('o1').waitReason!, /workflow nowhere no longer exists/);
        });
    });

    describe('conditions', () => {

        it('runs a step whose condition holds and passes over one whose condition does not', async () => {
            const big = fakeActivity('big');
            const small = fakeActivity('small');
            const any = fakeActivity('any');
            await fixture.addWorkflow('flow', {
                Receive: [step('r', 'any')],
                Prepare: [
                    step('big-run', 'big', {}, { property: 'copies', comparison: 'greater-than', value: 1000 }),
                    step('small-run', 'small', {}, { property: 'copies', comparison: 'less-than', value: 1000 }),
                    step('matt-only', 'any', {}, { property: 'paper', comparison: 'equals', value: 'Matt' }),
                    step('no-such', 'any', {}, { property: 'lamination', comparison: 'not-equals', value: 'gloss' })
                ],
                Complete: [step('c', 'any')]
            });
            await fixture.addOrder('o1', 'flow', [{ copies: 250, properties: { paper: 'matt' } }, { copies: 5000, properties: { paper: 'silk' } }]);
            const engine = await fixture.startEngine([big, small, any]);
            await engine.idle();
            assert.deepEqual(small.calls.map(call => call.job.id), ['o1-job-1']);
            assert.deepEqual(big.calls.map(call => call.job.id), ['o1-job-2']);
            assert.deepEqual(any.calls.filter(call => call.job.id === 'o1-job-1').map(call => call.step.id), ['r', 'matt-only', 'c']);
            assert.deepEqual(any.calls.filter(call => call.job.id === 'o1-job-2').map(call => call.step.id), ['r', 'c']);
            const first = fixture.job('o1', 1);
            assert.equal(first.state, 'Complete');
            assert.ok(messages(first).some(message => /^Skipped "Big": copies greater-than 1000 does not hold/.test(message)));
            assert.ok(messages(first).some(message => /^Skipped "Any": lamination not-equals "gloss" does not hold/.test(message)));
        });

        it('completes a job whose remaining steps are all passed over', async () => {
            const any = fakeActivity('any');
            await fixture.addWorkflow('flow', {
                Receive: [step('r', 'any')],
                Complete: [step('c', 'any', {}, { property: 'rush', comparison: 'equals', value: true })]
            });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([any]);
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Complete');
            assert.equal(any.calls.length, 1);
        });

        it('evaluates a condition on properties set by an earlier step', async () => {
            const check = fakeActivity('check', () => ({ kind: 'continue', properties: { preflight: 'failed' } }));
            const fix = fakeActivity('fix');
            await fixture.addWorkflow('flow', {
                Receive: [step('r', 'check')],
                Prepare: [step('p', 'fix', {}, { property: 'preflight', comparison: 'contains', value: 'FAIL' })],
                Complete: [step('c', 'check')]
            });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([check, fix]);
            await engine.idle();
            assert.equal(fix.calls.length, 1);
        });
    });

    describe('custom activities', () => {

        it('runs the base activity with the custom defaults under the step\'s own properties', async () => {
            const run = fakeActivity('run-external-application', () => ({ kind: 'continue' }), {
                schema: z.object({ program: z.string(), arguments: z.array(z.string()).default([]), timeoutSeconds: z.number().default(300) })
            });
            await fixture.store.create(CustomActivitiesCollection, {
                id: 'imposer', label: 'Impose', description: '', baseType: 'run-external-application',
                defaults: { program: '/opt/impose', arguments: ['--sheet', 'SRA3'], timeoutSeconds: 60 }, updatedAt: '2025-03-01T08:00:00.000Z'
            });
            await fixture.addWorkflow('flow', {
                Receive: [step('r', 'custom:imposer', { timeoutSeconds: 10 })],
                Complete: [step('c', 'custom:imposer')]
            });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([run]);
            await engine.idle();
            assert.deepEqual(run.calls.map(call => call.properties), [
                { program: '/opt/impose', arguments: ['--sheet', 'SRA3'], timeoutSeconds: 10 },
                { program: '/opt/impose', arguments: ['--sheet', 'SRA3'], timeoutSeconds: 60 }
            ]);
            assert.equal(run.calls[0].job.currentActivity, 'run-external-application');
            assert.ok(messages(fixture.job('o1')).includes('Impose started (Receive)'));
            assert.equal(fixture.job('o1').state, 'Complete');
        });

        it('sends a job to Error when its custom activity was deleted', async () => {
            await fixture.addWorkflow('flow', { Receive: [step('r', 'custom:gone')], Complete: [step('c', 'custom:gone')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([]);
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Error');
            assert.match(fixture.job('o1').waitReason!, /custom activity "gone" no longer exists/);
        });
    });

    describe('start and restart', () => {

        it('resumes every job by its state, leaving those that wait for someone', async () => {
            const work = fakeActivity('work');
            const hold = fakeActivity('hold', () => ({ kind: 'wait', reason: 'Needs an operator' }));
            await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Prepare: [step('p1', 'hold'), step('p2', 'work')], Complete: [step('c', 'work')] });
            const v = fixture.store.get(WorkflowsCollection, 'flow')!;
            const later = new Date(Date.now() + 3_600_000).toISOString();
            await fixture.addOrder('o1', 'flow', [
                { state: 'Received' },
                { state: 'Queued', phase: 'Prepare', stepIndex: 1, stepId: 'p2', workflowVersion: v.version },
                { state: 'Held', waitReason: 'No production template matched', workflowId: undefined },
                { state: 'Error', phase: 'Prepare', stepIndex: 1, stepId: 'p2', waitReason: 'Failed', workflowVersion: v.version },
                { state: 'Waiting', phase: 'Prepare', stepIndex: 0, stepId: 'p1', waitReason: 'Approve', workflowVersion: v.version },
                { state: 'Retained', phase: 'Complete', stepIndex: 0, stepId: 'c', workflowVersion: v.version },
                { state: 'Complete', phase: 'Complete', stepIndex: 0, stepId: 'c', workflowVersion: v.version },
                { state: 'Waiting for order closeout', phase: 'Prepare', stepIndex: 1, stepId: 'p2', workflowVersion: v.version },
                { state: 'Retained', phase: 'Complete', stepIndex: 0, stepId: 'c', wakeAt: later, workflowVersion: v.version }
            ]);
            const before = fixture.order('o1').jobs;
            const engine = await fixture.startEngine([work, hold]);
            await engine.idle();
            const after = fixture.order('o1').jobs;
            assert.deepEqual(after.map(job => job.state), [
                'Waiting', 'Complete', 'Held', 'Error', 'Waiting', 'Retained', 'Complete', 'Waiting for order closeout', 'Retained'
            ]);
            assert.deepEqual(work.calls.filter(call => call.job.id === 'o1-job-2').map(call => call.step.id), ['p2', 'c']);
            for (const index of [2, 3, 4, 5, 6, 7, 8]) {
                assert.deepEqual(after[index], before[index], `job ${index + 1} is untouched`);
            }
        });

        it('runs the interrupted step exactly once more after a restart, and finishes the job', async () => {
            const first = fakeActivity('first');
            const started = gate();
            const long = fakeActivity('long', async context => {
                started.open();
                await new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(new Error('aborted'))));
                return { kind: 'continue' };
            });
            await fixture.addWorkflow('flow', { Receive: [step('r', 'first')], Print: [step('p', 'long')], Complete: [step('c', 'first')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([first, long]);
            await started.promise;
            await engine.stop();
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').stepId], ['Processing', 'p']);

            await fixture.reopenStore();
            const resumedLong = fakeActivity('long');
            const resumedFirst = fakeActivity('first');
            const restarted = await fixture.startEngine([resumedFirst, resumedLong]);
            await restarted.idle();
            assert.equal(long.calls.length, 1);
            assert.deepEqual(resumedLong.calls.map(call => call.step.id), ['p']);
            assert.deepEqual(resumedFirst.calls.map(call => call.step.id), ['c']);
            assert.equal(fixture.job('o1').state, 'Complete');
            assert.equal(first.calls.length, 1);
        });

        it('runs a step again once the store answers, when the store could take neither its outcome nor the failure', async () => {
            const stepEnds = gate();
            const flaky = fakeActivity('flaky', async () => {
                await stepEnds.promise;
                return { kind: 'continue' };
            });
            const work = fakeActivity('work');
            await fixture.addWorkflow('flow', { Receive: [step('r', 'flaky')], Complete: [step('c', 'work')] });
            await fixture.addOrder('o1', 'flow');
            await fixture.startEngine([flaky, work], { storeRetryMs: 50 });
            await waitFor(() => flaky.calls.length === 1, 'the step running');

            // The store goes out of reach as the step ends: its outcome is not written, nor is the job sent to Error.
            const revise = sinon.stub(fixture.store, 'revise').rejects(new Error('the database is out of reach'));
            stepEnds.open();
            await waitFor(() => revise.callCount >= 2, 'the outcome and the failure tried');
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').stepId], ['Processing', 'r']);
            revise.restore();

            await waitFor(() => fixture.job('o1').state === 'Complete', 'the job complete once the store answers');
            assert.deepEqual(ranIn(flaky), ['r', 'r'], 'the step ran again');
            assert.deepEqual(ranIn(work), ['c']);
            sinon.assert.calledWithMatch(fixture.logger.error, 'Job o1-job-1 could not be updated');
        });

        it('does not fail a job for a store out of reach, in its step or in its outcome\'s write: the step runs again', async () => {
            const outOfReach = (): StoreOutOfReachError => new StoreOutOfReachError('Presswork cannot reach its database at 127.0.0.1:5432/shop (connect ECONNREFUSED)');
            const flaky = fakeActivity('flaky', () => {
                // The first run's own store write (a print record, say) meets the store away.
                if (flaky.calls.length === 1) {
                    throw outOfReach();
                }
                return { kind: 'continue' };
            });
            const work = fakeActivity('work');
            await fixture.addWorkflow('flow', { Receive: [step('r', 'flaky')], Complete: [step('c', 'work')] });
            await fixture.addOrder('o1', 'flow');
            const states: string[] = [];
            fixture.store.onDidChange(change => {
                const job = change.collection === OrdersCollection.name ? (change.document as Order | undefined)?.jobs[0] : undefined;
                states.push(...(job ? [job.state] : []));
            });
            // The second run's outcome meets the store away.
            const revise = fixture.store.revise.bind(fixture.store);
            let outcomeLost = false;
            sinon.stub(fixture.store, 'revise').callsFake(((...args: Parameters<typeof revise>) => {
                if (flaky.calls.length === 2 && !outcomeLost) {
                    outcomeLost = true;
                    return Promise.reject(outOfReach());
                }
                return revise(...args);
            }) as typeof revise);
            await fixture.startEngine([flaky, work], { storeRetryMs: 20 });

            await waitFor(() => fixture.job('o1').state === 'Complete', 'the job complete');
            assert.ok(outcomeLost);
            assert.equal(flaky.calls.length, 3, 'the step ran three times: cut short, its outcome lost, then written');
            assert.ok(!states.includes('Error'), `the job never went to Error (${states.join(', ')})`);
            assert.deepEqual(ranIn(work), ['c']);
        });

        it('takes on jobs that arrive or become ready after the start', async () => {
            const work = fakeActivity('work');
            await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Complete: [step('c', 'work')] });
            const engine = await fixture.startEngine([work]);
            await fixture.addOrder('o1', 'flow', [{}, { state: 'Waiting', waitReason: 'Waiting for the print file from MarcomCentral' }]);
            await engine.idle();
            assert.deepEqual(fixture.order('o1').jobs.map(job => job.state), ['Complete', 'Waiting']);
            await fixture.store.modify(OrdersCollection, 'o1', order => ({
                ...order, jobs: order.jobs.map(job => job.id === 'o1-job-2' ? { ...job, state: 'Received' as const, waitReason: undefined } : job)
            }));
            await engine.idle();
            assert.deepEqual(fixture.order('o1').jobs.map(job => job.state), ['Complete', 'Complete']);
        });

        it('wakes a waiting step at its time and runs it again', async () => {
            let runs = 0;
            const retain = fakeActivity('retain', () => ++runs === 1
                ? { kind: 'wait', reason: 'Retained for a moment', state: 'Retained', until: new Date(Date.now() + 60).toISOString() }
                : { kind: 'remove' });
            const work = fakeActivity('work');
            await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Complete: [step('c', 'retain')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([work, retain]);
            await engine.idle();
            const waiting = fixture.job('o1');
            assert.equal(waiting.state, 'Retained');
            assert.ok(waiting.wakeAt);
            await waitFor(() => fixture.order('o1').jobs.length === 0, 'the retained job to be removed');
            assert.equal(runs, 2);
            assert.deepEqual(retain.calls.map(call => call.step.id), ['c', 'c']);
            assert.equal(retain.calls[0].job.wakeAt, undefined);
            assert.equal(retain.calls[1].job.wakeAt, waiting.wakeAt, 'a woken step sees the time it asked for');
        });

        it('stops its timers and running activities when stopped', async () => {
            const retain = fakeActivity('retain', () => ({ kind: 'wait', reason: 'Kept', state: 'Retained', until: new Date(Date.now() + 30).toISOString() }));
            await fixture.addWorkflow('flow', { Receive: [step('r', 'retain')], Complete: [step('c', 'retain')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([retain]);
            await engine.idle();
            await engine.stop();
            await new Promise(resolve => setTimeout(resolve, 80));
            assert.equal(retain.calls.length, 1);
            assert.equal(fixture.job('o1').state, 'Retained');
        });

        it('wakes a waiting job after a restart, from the time it kept', async () => {
            const clock = sinon.useFakeTimers({ now: Date.parse('2025-03-01T08:00:00.000Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
            const retain = fakeActivity('retain', () => ({ kind: 'remove' }));
            await fixture.addWorkflow('flow', { Receive: [step('r', 'retain')], Complete: [step('c', 'retain')] });
            const version = (await fixture.setEnabled('flow', true)).version;
            await fixture.addOrder('o1', 'flow', [{ state: 'Retained', phase: 'Complete', stepId: 'c', workflowVersion: version, wakeAt: '2025-03-08T08:00:00.000Z' }]);
            const engine = await fixture.startEngine([retain]);
            await engine.idle();
            clock.tick(6 * 24 * 3_600_000);
            await engine.idle();
            assert.equal(retain.calls.length, 0);
            clock.tick(24 * 3_600_000);
            await engine.idle();
            assert.equal(retain.calls.length, 1);
            assert.deepEqual(fixture.order('o1').jobs, []);
        });
    });

    describe('bounded concurrency', () => {

        it('never runs more activities at once than allowed, and runs every job', async () => {
            let running = 0;
            let most = 0;
            const slow = fakeActivity('slow', async () => {
                most = Math.max(most, ++running);
                // Longer than a store write (PostgreSQL's included), so that three slots overlap.
                await new Promise(resolve => setTimeout(resolve, 30 + Math.random() * 20));
                running--;
                return { kind: 'continue' };
            });
            await fixture.addWorkflow('flow', { Receive: [step('r', 'slow')], Prepare: [step('p', 'slow')], Complete: [step('c', 'slow')] });
            for (let order = 1; order <= 10; order++) {
                await fixture.addOrder(`o${order}`, 'flow', [{}, {}, {}]);
            }
            const engine = await fixture.startEngine([slow], { concurrency: 3 });
            await engine.idle();
            assert.equal(most, 3);
            assert.equal(slow.calls.length, 90);
            for (let order = 1; order <= 10; order++) {
                assert.deepEqual(fixture.order(`o${order}`).jobs.map(job => job.state), ['Complete', 'Complete', 'Complete']);
            }
        });

        it('starts jobs in the order they became ready', async () => {
            const work = fakeActivity('work');
            await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Complete: [step('c', 'work')] });
            const engine = await fixture.startEngine([work], { concurrency: 1 });
            for (const id of ['a', 'b', 'c', 'd']) {
                await fixture.addOrder(id, 'flow');
            }
            await engine.idle();
            assert.deepEqual(work.calls.filter(call => call.step.id === 'r').map(call => call.job.orderId), ['a', 'b', 'c', 'd']);
        });

        it('records two jobs of one order progressing at once, neither update lost', async () => {
            const stamp = fakeActivity('stamp', async context => {
                await new Promise(resolve => setTimeout(resolve, 5));
                await context.log(`stamped ${context.step.id}`);
                return { kind: 'continue', properties: { [`stamp-${context.step.id}`]: context.job.id } };
            });
            await fixture.addWorkflow('flow', { Receive: [step('r', 'stamp')], Prepare: [step('p', 'stamp')], Complete: [step('c', 'stamp')] });
            await fixture.addOrder('o1', 'flow', [{}, {}]);
            const engine = await fixture.startEngine([stamp], { concurrency: 4 });
            await engine.idle();
            for (const index of [1, 2]) {
                const job = fixture.job('o1', index);
                assert.equal(job.state, 'Complete');
                assert.deepEqual(job.properties, { 'stamp-r': job.id, 'stamp-p': job.id, 'stamp-c': job.id });
                assert.deepEqual(messages(job).filter(message => message.startsWith('stamped')), ['stamped r', 'stamped p', 'stamped c']);
            }
        });

        it('keeps nothing per finished job after a burst', async function () {
            this.timeout(60_000);
            const work = fakeActivity('work', () => ({ kind: 'continue' }));
            const remove = fakeActivity('remove', () => ({ kind: 'remove' }));
            await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Complete: [step('c', 'remove')] });
            const engine = await fixture.startEngine([work, remove]);
            await Promise.all(Array.from({ length: 300 }, (_, index) => fixture.addOrder(`burst-${index}`, 'flow', [{}, {}])));
            await engine.idle();
            assert.equal(remove.calls.length, 600);
            const core = (engine as unknown as { core: { queue: { waitingCount: number; runningCount: number }; timers: { size: number } } }).core;
            assert.deepEqual([core.queue.waitingCount, core.queue.runningCount, core.timers.size], [0, 0, 0]);
            const internals = core.queue as unknown as { waiting: { heap: unknown[]; live: Map<string, unknown> }; again: Map<string, unknown> };
            assert.deepEqual([internals.waiting.heap.length, internals.waiting.live.size, internals.again.size], [0, 0, 0]);
        });
    });

    describe('disabled workflows', () => {

        it('does not start new jobs on a disabled workflow, and starts them once it is enabled', async () => {
            const work = fakeActivity('work');
            await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Complete: [step('c', 'work')] }, { enabled: false, name: 'Posters' });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([work]);
            await engine.idle();
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').waitReason], ['Queued', 'Workflow Posters is disabled']);
            assert.equal(work.calls.length, 0);
            await fixture.addOrder('o2', 'flow');
            await engine.idle();
            assert.equal(fixture.job('o2').state, 'Queued');

            await fixture.setEnabled('flow', true);
            await engine.idle();
            assert.deepEqual([fixture.job('o1').state, fixture.job('o2').state], ['Complete', 'Complete']);
            assert.equal(fixture.job('o1').waitReason, undefined);
        });

        it('keeps a parked job parked across a restart, without writing it again', async () => {
            await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Complete: [step('c', 'work')] }, { enabled: false });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([fakeActivity('work')]);
            await engine.idle();
            await engine.stop();
            const version = fixture.order('o1').version;
            await fixture.reopenStore();
            const work = fakeActivity('work');
            const restarted = await fixture.startEngine([work]);
            await restarted.idle();
            assert.equal(fixture.order('o1').version, version);
            await fixture.setEnabled('flow', true);
            await restarted.idle();
            assert.equal(fixture.job('o1').state, 'Complete');
        });

        it('lets jobs already under way finish on a workflow disabled meanwhile', async () => {
            const approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Approve it' }));
            const work = fakeActivity('work');
            await fixture.addWorkflow('flow', { Receive: [step('r', 'approve')], Complete: [step('c', 'work')] });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([approve, work]);
            await engine.idle();
            await fixture.setEnabled('flow', false);
            await engine.continueJob('o1-job-1', 'olivia');
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Complete');
        });
    });

    describe('workflow versions', () => {

        it('keeps a job on the version it started with after the workflow is saved again', async () => {
            const approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Approve it' }));
            const oldStep = fakeActivity('old-step');
            const newStep = fakeActivity('new-step');
            const v1 = await fixture.addWorkflow('flow', {
                Receive: [step('r', 'approve')], Prepare: [step('p', 'old-step')], Complete: [step('c', 'old-step')]
            });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([approve, oldStep, newStep]);
            await engine.idle();
            assert.equal(fixture.job('o1').workflowVersion, v1.version);

            const v2 = await fixture.saveWorkflow('flow', { Prepare: [step('p-new', 'new-step')], Complete: [step('c-new', 'new-step')] });
            await fixture.addOrder('o2', 'flow');
            await engine.idle();
            await engine.continueJob('o1-job-1', 'olivia', 'approve');
            await engine.continueJob('o2-job-1', 'olivia', 'approve');
            await engine.idle();

            assert.deepEqual(oldStep.calls.map(call => `${call.job.orderId}:${call.step.id}`), ['o1:p', 'o1:c']);
            assert.deepEqual(newStep.calls.map(call => `${call.job.orderId}:${call.step.id}`), ['o2:p-new', 'o2:c-new']);
            assert.deepEqual([fixture.job('o1').workflowVersion, fixture.job('o2').workflowVersion], [v1.version, v2.version]);
        });

        it('runs a job pinned to a version raised by enabling, on the newest version recorded before it', async () => {
            const approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Approve it' }));
            const oldStep = fakeActivity('old-step');
            const newStep = fakeActivity('new-step');
            await fixture.addWorkflow('flow', { Receive: [step('r', 'approve')], Complete: [step('c', 'old-step')] });
            const toggled = await fixture.setEnabled('flow', true);
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([approve, oldStep, newStep]);
            await engine.idle();
            assert.equal(fixture.job('o1').workflowVersion, toggled.version);
            await fixture.saveWorkflow('flow', { Complete: [step('c-new', 'new-step')] });
            await engine.continueJob('o1-job-1', 'olivia');
            await engine.idle();
            assert.deepEqual(oldStep.calls.map(call => call.step.id), ['c']);
            assert.equal(newStep.calls.length, 0);
        });

        it('runs a seeded workflow that has no recorded version on its current version', async () => {
            const work = fakeActivity('work');
            const workflow = await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Complete: [step('c', 'work')] }, {}, false);
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([work]);
            await engine.idle();
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').workflowVersion], ['Complete', workflow.version]);
        });
    });

    describe('JobFlow', () => {

        let approve: FakeActivity;
        let work: FakeActivity;

        beforeEach(async () => {
            approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Waiting for approval' }));
            work = fakeActivity('work');
            await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Prepare: [step('p', 'approve')], Complete: [step('c', 'work')] });
        });

        async function waitingJob(orderId = 'o1'): Promise<ReturnType<EngineFixture['engine']>> {
            await fixture.addOrder(orderId, 'flow');
            const engine = await fixture.startEngine([approve, work]);
            await engine.idle();
            assert.equal(fixture.job(orderId).state, 'Waiting');
            return engine;
        }

        it('continues a waiting job at the activity named, to its next step', async () => {
            const engine = await waitingJob();
            await engine.continueJob('o1-job-1', 'olivia', 'approve');
            await engine.idle();
            const job = fixture.job('o1');
            assert.equal(job.state, 'Complete');
            assert.deepEqual(work.calls.map(call => call.step.id), ['r', 'c']);
            const continued = job.log.find(entry => entry.message === 'Approved by olivia');
            assert.equal(continued?.by, 'olivia');
        });

        it('refuses to continue a job that is not at the activity named', async () => {
            const engine = await waitingJob();
            await assert.rejects(engine.continueJob('o1-job-1', 'olivia', 'closeout-order'),
                { message: 'Job "Flyers o1-job-1" of order PW-o1 is no longer at closeout-order: it is at "Approve"' });
            assert.equal(fixture.job('o1').state, 'Waiting');
        });

        it('continues a job at a custom copy of the activity named', async () => {
            await fixture.store.create(CustomActivitiesCollection, {
                id: 'sign-off', label: 'Sign-off', description: '', baseType: 'approve', defaults: {}, updatedAt: '2025-03-01T08:00:00.000Z'
            });
            await fixture.saveWorkflow('flow', { Prepare: [step('p', 'custom:sign-off')] });
            const engine = await waitingJob();
            assert.equal(fixture.job('o1').currentActivity, 'approve');
            await engine.continueJob('o1-job-1', 'olivia', 'approve');
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Complete');
        });

        it('refuses to continue a job that is not waiting', async () => {
            const failing = fakeActivity('approve', () => ({ kind: 'fail', message: 'Broken' }));
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([failing, work]);
            await engine.idle();
            await assert.rejects(engine.continueJob('o1-job-1', 'olivia'), /is Error, not waiting at an activity/);
            await assert.rejects(engine.continueJob('nope', 'olivia'), { message: 'There is no job nope; it may have been removed' });
        });

        it('sends a job to Error with the operator\'s message', async () => {
            const engine = await waitingJob();
            await engine.failJob('o1-job-1', 'olivia', 'Rejected: wrong logo');
            const job = fixture.job('o1');
            assert.deepEqual([job.state, job.waitReason], ['Error', 'Rejected: wrong logo']);
            assert.deepEqual(job.log.at(-1), { at: job.log.at(-1)!.at, level: 'error', message: 'Rejected: wrong logo', by: 'olivia' });
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Error');
        });

        it('aborts the activity of a running job sent to Error, and ignores its outcome', async () => {
            const long = activityUntilAborted('approve');
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([long.activity, work]);
            await long.started;
            await engine.failJob('o1-job-1', 'olivia', 'Stop that');
            await engine.idle();
            assert.ok(long.aborted());
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').waitReason], ['Error', 'Stop that']);
            assert.deepEqual(work.calls.map(call => call.step.id), ['r']);
        });

        it('processes a job again from its current step', async () => {
            let attempts = 0;
            const flaky = fakeActivity('approve', () => ++attempts === 1 ? { kind: 'fail', message: 'Printer offline' } : { kind: 'continue' });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([flaky, work]);
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Error');
            await engine.processAgain('o1-job-1', 'olivia');
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Complete');
            assert.deepEqual(work.calls.map(call => call.step.id), ['r', 'c']);
            assert.equal(attempts, 2);
        });

        it('processes a waiting job again by running its step again', async () => {
            const engine = await waitingJob();
            await engine.processAgain('o1-job-1', 'olivia');
            await engine.idle();
            assert.equal(approve.calls.length, 2);
            assert.equal(fixture.job('o1').state, 'Waiting');
        });

        it('refuses to process again a complete job, and a held job without a workflow', async () => {
            await fixture.addOrder('o1', 'flow', [{ state: 'Held', workflowId: undefined, waitReason: 'No production template matches SKU 42' }]);
            const engine = await waitingJob('o2');
            await engine.continueJob('o2-job-1', 'olivia');
            await engine.idle();
            await assert.rejects(engine.processAgain('o2-job-1', 'olivia'), /is complete; it cannot be processed again/);
            await assert.rejects(engine.processAgain('o1-job-1', 'olivia'),
                { message: 'Job "Flyers o1-job-1" of order PW-o1 has no workflow yet: it is held until a production template matches it (No production template matches SKU 42)' });
        });

        it('gives a held job without a workflow the one another extension finds, and runs it', async () => {
            await fixture.addOrder('o1', 'flow', [{ state: 'Held', workflowId: undefined, waitReason: 'No production template matches SKU 42' }]);
            const engine = fixture.engine([approve, work]);
            (engine as unknown as { assignmentProvider: unknown }).assignmentProvider = {
                getContributions: () => [{ assign: () => ({ workflowId: 'flow', properties: { media: 'Cougar 350' }, note: 'production template "Flyers"' }) }]
            };
            await engine.start();
            await engine.processAgain('o1-job-1', 'olivia');
            await engine.idle();
            const job = fixture.job('o1');
            assert.equal(job.workflowId, 'flow');
            assert.equal(job.properties.media, 'Cougar 350');
            assert.equal(job.state, 'Waiting', 'it ran up to its first waiting step');
            assert.ok(messages(job).some(message => /production template "Flyers" gives it a workflow/.test(message)));
        });

        it('starts a held job with a workflow from its first step when processed again', async () => {
            await fixture.addOrder('o1', 'flow', [{ state: 'Held', waitReason: 'Held by an operator' }]);
            const engine = await fixture.startEngine([approve, work]);
            await engine.idle();
            assert.equal(work.calls.length, 0);
            await engine.processAgain('o1-job-1', 'olivia');
            await engine.idle();
            assert.deepEqual([fixture.job('o1').state, fixture.job('o1').stepId], ['Waiting', 'p']);
        });

        it('refuses to process again a job whose activity is running', async () => {
            const started = gate();
            const finish = gate();
            const long = fakeActivity('approve', async () => {
                started.open();
                await finish.promise;
                return { kind: 'continue' };
            });
            await fixture.addOrder('o1', 'flow');
            const engine = await fixture.startEngine([long, work]);
            await started.promise;
            await assert.rejects(engine.processAgain('o1-job-1', 'olivia'), /is running Approve now; process it again once that has ended/);
            finish.open();
            await engine.idle();
            assert.equal(fixture.job('o1').state, 'Complete');
        });
    });
});

function pick(job: { state: string; waitReason?: string; currentActivity?: string; stepId?: string }): Record<string, unknown> {
    return { state: job.state, waitReason: job.waitReason, currentActivity: job.currentActivity, stepId: job.stepId };
}

/** The states the first job of each order goes through, in commit order, repeats left out. */
function recordedStates(fixture: EngineFixture): string[] {
    const states: string[] = [];
    fixture.store.onDidChange(change => {
        const job = (change.document as Order | undefined)?.jobs?.[0];
        if (change.collection === 'orders' && job && states.at(-1) !== job.state) {
            states.push(job.state);
        }
    });
    return states;
}
