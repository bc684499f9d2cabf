import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { MAX_DOCUMENT_BYTES } from '@presswork/platform/lib/common/document-limits';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import type { JobFlow } from '@presswork/platform/lib/common/job-flow';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { RpcCaller } from '@presswork/platform/lib/node/rpc/rpc-caller';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { workflowDocument } from '@presswork/platform/lib/node/store/test/sample-documents';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { RecordingLogger, recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempStore, openTempStore } from '@presswork/platform/lib/node/test/temp-store';
import type { JobEdit } from '../../common/jobs-protocol';
import { JobActionServiceImpl } from './job-action-service-impl';
import { JobActions } from './job-actions';

const AT = '2025-03-01T08:00:00.000Z';

function jobDocument(id: string, extra: Partial<Job> = {}): Job {
    return {
        id, name: `Flyers ${id}`, orderId: 'o1', orderNumber: '1001', lineItemId: `${id}-line`, connectionId: 'connection-1',
        workflowId: 'print', phase: 'Prepare', state: 'Waiting', stepIndex: 0, copies: 250, receivedAt: AT, updatedAt: AT,
        properties: { media: 'Cougar 100', duplex: true }, files: [], log: [{ at: AT, level: 'info', message: 'Received' }],
        ...extra
    };
}

function orderDocument(jobs: readonly Job[]): Omit<Order, 'version'> {
    return {
        id: 'o1', connectionId: 'connection-1', marcomOrderId: 'marcom-o1', orderNumber: '1001', createDate: AT,
        customer: { firstName: 'Ada', lastName: 'Lovelace' }, paymentMethod: 'CostCenter',
        lineItems: jobs.map(job => ({ id: job.lineItemId, productName: 'Flyers', productType: 'Versioned', quantity: 250, price: {}, finishingOptions: [] })),
        jobs: [...jobs], closed: false, log: [], receivedAt: AT
    };
}

type FlowStubs = { [K in keyof JobFlow]: sinon.SinonStub<Parameters<JobFlow[K]>, ReturnType<JobFlow[K]>> };

describe('JobActions', () => {

    let temp: TempStore;
    let store: DocumentStore;
    let flow: FlowStubs;
    let logger: RecordingLogger;
    let actions: JobActions;

    beforeEach(async () => {
        temp = await openTempStore([], 'presswork-job-actions-');
        store = temp.store;
        await store.create(WorkflowsCollection, workflowDocument('print', { name: 'Print flyers' }));
        await store.create(WorkflowsCollection, workflowDocument('archive', { name: 'Archive' }));
        await store.create(WorkflowsCollection, workflowDocument('off', { name: 'Old proofs', enabled: false }));
        await store.create(OrdersCollection, orderDocument([jobDocument('j1'), jobDocument('j2'), jobDocument('j3')]));
        flow = {
            continueJob: sinon.stub(), continueJobs: sinon.stub(), failJob: sinon.stub(), processAgain: sinon.stub(), hold: sinon.stub(), resume: sinon.stub(),
            complete: sinon.stub(), retain: sinon.stub(), moveToWorkflow: sinon.stub(), deleteJob: sinon.stub(), recordPrintFile: sinon.stub()
        };
        Object.values(flow).forEach(stub => stub.resolves());
        logger = recordingLogger();
        actions = inject(new JobActions(), { flow, store, logger });
    });

    afterEach(async () => {
        sinon.restore();
        await temp.dispose();
    });

    function job(jobId: string): Job {
        return store.get(OrdersCollection, 'o1')!.jobs.find(candidate => candidate.id === jobId)!;
    }

    describe('actions on several jobs', () => {

        it('acts on each job and reports the refused ones with the engine\'s reason', async () => {
            flow.hold.withArgs('j2').rejects(PressworkError.Refused('Job "Flyers j2" of order 1001 is Complete; it cannot be held'));
            const result = await actions.hold(['j1', 'j2', 'j3'], 'olivia');
            assert.deepEqual(result, {
                done: ['j1', 'j3'],
                refused: [{ jobId: 'j2', jobName: 'Flyers j2', reason: 'Job "Flyers j2" of order 1001 is Complete; it cannot be held' }]
            });
            assert.deepEqual(flow.hold.args, [['j1', 'olivia'], ['j2', 'olivia'], ['j3', 'olivia']]);
        });

        it('logs an unexpected error with a reference and reports only the reference', async () => {
            flow.complete.withArgs('j1').rejects(new Error('EIO: disk on fire'));
            const result = await actions.complete(['j1', 'j2'], 'olivia');
            assert.deepEqual(result.done, ['j2']);
            const [refusal] = result.refused;
            assert.deepEqual([refusal.jobId, refusal.jobName], ['j1', 'Flyers j1']);
            const reference = /reference ([0-9a-f]{8})/.exec(refusal.reason)?.[1];
            assert.ok(reference, refusal.reason);
            assert.doesNotMatch(refusal.reason, /disk on fire/);
            sinon.assert.calledOnceWithMatch(logger.error, sinon.match(`reference ${reference}`), sinon.match.instanceOf(Error));
        });

        it('names a job that is gone by its id', async () => {
            flow.deleteJob.rejects(PressworkError.NotFound('There is no job gone; it may have been removed'));
            const result = await actions.delete(['gone'], 'olivia');
            assert.deepEqual(result.refused, [{ jobId: 'gone', jobName: 'gone', reason: 'There is no job gone; it may have been removed' }]);
        });

        it('releases only jobs at the step the action is for, and rejects with the user and reason', async () => {
            await actions.approve(['j1'], 'olivia');
            await actions.prepressDone(['j2'], 'olivia');
            await actions.reject(['j3'], '  wrong logo ', 'olivia');
            await actions.reject(['j1'], '', 'oscar');
            assert.deepEqual(flow.continueJob.args, [['j1', 'olivia', 'approve'], ['j2', 'olivia', 'prepress-check']]);
            assert.deepEqual(flow.failJob.args, [['j3', 'olivia', 'Rejected by olivia: wrong logo'], ['j1', 'oscar', 'Rejected by oscar']]);
        });

        it('passes every other action to its JobFlow control', async () => {
            await actions.resume(['j1'], 'olivia');
            await actions.processAgain(['j1'], 'olivia');
            await actions.moveToWorkflow(['j1', 'j2'], 'archive', 'olivia');
            await actions.retain(['j3'], 'olivia');
            await actions.delete(['j2'], 'olivia');
            assert.deepEqual(flow.resume.args, [['j1', 'olivia']]);
            assert.deepEqual(flow.processAgain.args, [['j1', 'olivia']]);
            assert.deepEqual(flow.moveToWorkflow.args, [['j1', 'archive', 'olivia'], ['j2', 'archive', 'olivia']]);
            assert.deepEqual(flow.retain.args, [['j3', 'olivia']]);
            assert.deepEqual(flow.deleteJob.args, [['j2', 'olivia']]);
        });
    });

    describe('reading', () => {

        it('offers the enabled workflows by name', () => {
            assert.deepEqual(actions.workflowChoices(), [{ id: 'archive', name: 'Archive' }, { id: 'print', name: 'Print flyers' }]);
        });

        it('gives a job\'s details with its workflow\'s name and the order version, and its log', () => {
            const details = actions.details('j2');
            assert.equal(details.job.name, 'Flyers j2');
            assert.equal(details.workflowName, 'Print flyers');
            assert.equal(details.orderVersion, store.get(OrdersCollection, 'o1')!.version);
            assert.deepEqual(actions.log('j2'), [{ at: AT, level: 'info', message: 'Received' }]);
            assert.throws(() => actions.details('nope'), { message: 'There is no job nope; it may have been removed' });
        });

        it('gives a job\'s details with the finishing options of its line item', async () => {
            await store.modify(OrdersCollection, 'o1', order => ({
                ...order, lineItems: order.lineItems.map(line => line.id === 'j2-line' ? { ...line, finishingOptions: [{ name: 'Corners', value: 'Rounded' }] } : line)
            }));
            assert.deepEqual(actions.details('j2').finishingOptions, [{ name: 'Corners', value: 'Rounded' }]);
            assert.deepEqual(actions.details('j1').finishingOptions, []);
        });
    });

    describe('editing properties', () => {

        const base = { name: 'Flyers j1', copies: 250, due: null, properties: { media: 'Cougar 100', duplex: true } };

        it('applies the changes in one write and logs who changed which fields', async () => {
            const before = store.get(OrdersCollection, 'o1')!.version;
            const details = await actions.editJob('j1', {
                base,
                changes: { name: 'Flyers (reprint)', copies: 300, due: '2025-03-05T17:00:00.000Z', properties: { media: 'Cougar 350', finish: 'Gloss' }, removedProperties: ['duplex'] }
            }, 'olivia');
            const edited = job('j1');
            assert.deepEqual([edited.name, edited.copies, edited.due, edited.properties], ['Flyers (reprint)', 300, '2025-03-05T17:00:00.000Z', { media: 'Cougar 350', finish: 'Gloss' }]);
            assert.deepEqual(edited.log.at(-1), { at: edited.updatedAt, level: 'info', message: 'Properties changed by olivia: Name "Flyers j1" → "Flyers (reprint)", Copies 250 → 300, '
                    + 'Due (not set) → 2025-03-05 17:00 UTC, Medium "Cougar 100" → "Cougar 350", finish (not set) → "Gloss", Two-sided removed (was Yes)', by: 'olivia' });
            assert.notEqual(edited.updatedAt, AT);
            assert.equal(store.get(OrdersCollection, 'o1')!.version, before + 1);
            assert.deepEqual(details.job, edited);
            assert.equal(details.orderVersion, before + 1);
            assert.deepEqual(job('j2').properties, { media: 'Cougar 100', duplex: true }, 'the other jobs are untouched');
        });

        it('clears the due date', async () => {
            await store.modify(OrdersCollection, 'o1', order => ({ ...order, jobs: order.jobs.map(candidate => ({ ...candidate, due: '2025-03-05T17:00:00.000Z' })) }));
            await actions.editJob('j1', { base: { ...base, due: '2025-03-05T17:00:00Z' }, changes: { due: null } }, 'olivia');
            assert.equal(job('j1').due, undefined);
            assert.equal(job('j1').log.at(-1)?.message, 'Properties changed by olivia: Due 2025-03-05 17:00 UTC → (not set)');
        });

        it('refuses a stale edit, naming the field, its value now and who changed it, and writes nothing', async () => {
            await store.modify(OrdersCollection, 'o1', order => ({
                ...order,
                jobs: order.jobs.map(candidate => candidate.id === 'j1'
                    ? { ...candidate, copies: 500, log: [...candidate.log, { at: '2025-03-02T09:30:00.000Z', level: 'info' as const, message: 'Properties changed by oscar: copies', by: 'oscar' }] }
                    : candidate)
            }));
            const before = store.get(OrdersCollection, 'o1')!;
            await assert.rejects(actions.editJob('j1', { base, changes: { copies: 300, properties: { media: 'Cougar 350' } } }, 'olivia'), {
                message: 'Job "Flyers j1" was changed since you opened it: Copies is now 500 (last changed by oscar at 2025-03-02 09:30 UTC). ' +
                    'Open its properties again to edit the current values'
            });
            assert.deepEqual(store.get(OrdersCollection, 'o1'), before);
        });

        it('refuses an edit of a property someone else set meanwhile, but not one of a field it leaves alone', async () => {
            await store.modify(OrdersCollection, 'o1', order => ({
                ...order,
                jobs: order.jobs.map(candidate => candidate.id === 'j1' ? { ...candidate, name: 'Renamed', properties: { ...candidate.properties, finish: 'Matte' } } : candidate)
            }));
            await assert.rejects(actions.editJob('j1', { base, changes: { properties: { finish: 'Gloss' } } }, 'olivia'),
                { message: /^Job "Renamed" was changed since you opened it: finish is now "Matte"\. / });
            await actions.editJob('j1', { base, changes: { copies: 300 } }, 'olivia');
            assert.deepEqual([job('j1').name, job('j1').copies], ['Renamed', 300]);
        });

        it('sets a priority from 1 to 10 and refuses any other in words, writing nothing', async () => {
            await actions.editJob('j1', { base, changes: { properties: { priority: 2 } } }, 'olivia');
            assert.equal(job('j1').properties.priority, 2);
            const before = store.get(OrdersCollection, 'o1')!;
            const rebased = { ...base, properties: { ...base.properties, priority: 2 } };
            for (const priority of [0, 11, 2.5, '3']) {
                await assert.rejects(actions.editJob('j1', { base: rebased, changes: { properties: { priority } } }, 'olivia'),
                    { message: /Priority must be a whole number from 1 \(taken first\) to 10 \(taken last\)/ }, String(priority));
            }
            assert.deepEqual(store.get(OrdersCollection, 'o1'), before);
        });

        it('writes nothing for an edit that changes nothing, and refuses bad input', async () => {
            const before = store.get(OrdersCollection, 'o1')!.version;
            const details = await actions.editJob('j1', { base, changes: { copies: 250 } }, 'olivia');
            assert.equal(details.orderVersion, before);
            assert.equal(store.get(OrdersCollection, 'o1')!.version, before);
            await assert.rejects(actions.editJob('j1', { base, changes: { copies: 0 } }, 'olivia'), /Invalid edit: changes\.copies/);
            await assert.rejects(actions.editJob('nope', { base, changes: { copies: 3 } } as JobEdit, 'olivia'), { message: 'There is no job nope; it may have been removed' });
        });

        it('refuses to change or remove a fact of the order (customer e-mail, ship-to), naming it in words, and writes nothing', async () => {
            const before = store.get(OrdersCollection, 'o1')!;
            await assert.rejects(actions.editJob('j1', { base, changes: { properties: { customerEmail: 'someone@example.com' } } }, 'olivia'),
                { message: 'Customer e-mail comes from the MarcomCentral order; it cannot be changed or removed in Properties' });
            await assert.rejects(actions.editJob('j1', { base, changes: { removedProperties: ['shipTo'] } }, 'olivia'),
                { message: 'Ship to comes from the MarcomCentral order; it cannot be changed or removed in Properties' });
            assert.deepEqual(store.get(OrdersCollection, 'o1'), before);
        });
    });

    describe('editing properties, as an Operator trying to fill the disk would', () => {

        const base = { properties: { media: 'Cougar 100', duplex: true } };
        const manyProperties = (count: number, prefix = 'p'): Record<string, string> =>
            Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index}`, 'x'.repeat(200)]));

        it('refuses 15,000 properties in one edit, naming the bound, and writes nothing', async () => {
            const before = store.get(OrdersCollection, 'o1')!;
            await assert.rejects(actions.editJob('j1', { base, changes: { properties: manyProperties(15_000) } }, 'olivia'),
                { message: 'Invalid edit: changes.properties: a job may have at most 200 properties; this one would have 15000' });
            assert.deepEqual(store.get(OrdersCollection, 'o1'), before);
        });

        it('refuses edits that would pass the bound together, each within it alone', async () => {
            await actions.editJob('j1', { base, changes: { properties: manyProperties(150) } }, 'olivia');
            const before = store.get(OrdersCollection, 'o1')!;
            await assert.rejects(actions.editJob('j1', { base, changes: { properties: manyProperties(100, 'q') } }, 'olivia'),
                { message: 'The properties were not saved: a job may have at most 200 properties; this one would have 252' });
            assert.deepEqual(store.get(OrdersCollection, 'o1'), before);
        });

        it('refuses an edit that would make the order too big to store, saying so, and writes nothing', async () => {
            // Jobs holding nearly as much as a job may, filled to 30 kB under the limit, and one empty job.
            const full = Object.fromEntries(Array.from({ length: 15 }, (_, index) => [`note${index}`, 'x'.repeat(3_900)]));
            const jobs = Array.from({ length: 282 }, (_, index) => jobDocument(`big${index}`, { properties: full }));
            const order = { ...orderDocument([...jobs, jobDocument('empty', { properties: {} })]), id: 'o-big', marcomOrderId: 'marcom-big', orderNumber: '2002', version: 1 };
            const fillers = Math.ceil((MAX_DOCUMENT_BYTES - 34_000 - Buffer.byteLength(JSON.stringify(order))) / 4_020);
            for (let index = 0; index < fillers; index++) {
                order.jobs[index] = { ...order.jobs[index], properties: { ...full, filler: 'x'.repeat(4_000) } };
            }
            await store.create(OrdersCollection, order);
            const before = store.get(OrdersCollection, 'o-big')!;

            await assert.rejects(actions.editJob('empty', { base: { properties: {} }, changes: { properties: full } }, 'olivia'), (error: Error) => {
                assert.ok(PressworkError.Refused.is(error), `expected a refusal, got ${error}`);
                assert.match(error.message, /^The properties were not saved: order 2002 .*would be 1\d\.\d MB stored, more than the 16\.8 MB a document may have/);
                return true;
            });
            assert.deepEqual(store.get(OrdersCollection, 'o-big'), before);
        });
    });

    describe('the RPC service', () => {

        const base = { name: 'Flyers j1', copies: 250, properties: {} };

        it('acts as the signed-in user of its connection', async () => {
            const caller = { user: () => ({ name: 'olivia', authority: 'Operator' }) } as unknown as RpcCaller;
            const service = Object.assign(new JobActionServiceImpl(), { caller, actions });
            await service.hold(['j1']);
            await service.editJob('j1', { base, changes: { copies: 10 } });
            assert.deepEqual(flow.hold.args, [['j1', 'olivia']]);
            assert.equal(job('j1').log.at(-1)?.by, 'olivia');
            assert.deepEqual(await service.workflowChoices(), actions.workflowChoices());
        });
    });
});
