import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { rankOf } from './job-rank';
import type { WorkflowEngine } from './workflow-engine';
import { AT, EngineFixture, FakeActivity, fakeActivity, gate, step } from './test/engine-fixture';

/** The engine's schedule: which waiting job a free slot takes (issue 12). */
describe('WorkflowEngine schedule', () => {

    const HOUR = 3_600_000;
    const at = (offsetMs: number): string => new Date(Date.parse(AT) + offsetMs).toISOString();

    let fixture: EngineFixture;

    beforeEach(async () => {
        fixture = await EngineFixture.create();
        done = fakeActivity('done');
    });

    afterEach(async () => {
        sinon.restore();
        await fixture.dispose();
    });

    let done: FakeActivity;

    /** A workflow whose first step runs `work` (the spies' order is the order jobs were taken in). */
    async function addFlow(): Promise<void> {
        await fixture.addWorkflow('flow', { Receive: [step('r', 'work')], Complete: [step('c', 'done')] });
    }

    /** An engine of one slot, held by order `first`'s job until `busy` opens: what arrives meanwhile waits. */
    async function busyEngine(): Promise<{ engine: WorkflowEngine; work: FakeActivity; busy: ReturnType<typeof gate<void>> }> {
        const busy = gate();
        const work = fakeActivity('work', async context => {
            if (context.job.orderId === 'first') {
                await busy.promise;
            }
            return { kind: 'continue' };
        });
        await addFlow();
        const engine = await fixture.startEngine([work, done], { concurrency: 1 });
        await fixture.addOrder('first', 'flow');
        return { engine, work, busy };
    }

    /** Orders of one job each, stored in the order given. */
    async function addJobs(jobs: Record<string, Partial<Job>>): Promise<void> {
        for (const [orderId, job] of Object.entries(jobs)) {
            await fixture.addOrder(orderId, 'flow', [job]);
        }
    }

    const ranOrders = (calls: readonly { job: Job }[]): string[] => calls.map(call => call.job.orderId);

    it('takes waiting jobs by priority, then due date (none last), then arrival', async () => {
        const work = fakeActivity('work');
        await addFlow();
        await addJobs({
            'no-due': { receivedAt: AT },
            'low-priority-due-soon': { properties: { priority: '9' }, due: at(HOUR) },
            'no-due-arrived-earlier': { receivedAt: at(-HOUR) },
            'due-tomorrow': { due: at(24 * HOUR) },
            'urgent-arrived-last': { properties: { priority: 1 }, receivedAt: at(HOUR) },
            'due-tomorrow-arrived-later': { due: at(24 * HOUR), receivedAt: at(HOUR) }
        });

        const engine = await fixture.startEngine([work, done], { concurrency: 1 });
        await engine.idle();

        assert.deepEqual(ranOrders(work.calls), [
            'urgent-arrived-last',
            'due-tomorrow',
            'due-tomorrow-arrived-later',
            'no-due-arrived-earlier',
            'no-due',
            'low-priority-due-soon'
        ]);
    });

    it('ranks jobs that arrive while every slot is busy, and takes equal ones first come, first served', async () => {
        const { engine, work, busy } = await busyEngine();
        await addJobs({ 'same-1': {}, 'same-2': {}, 'later-urgent': { properties: { priority: 2 } }, 'same-3': {} });

        busy.open();
        await engine.idle();

        assert.deepEqual(ranOrders(work.calls), ['first', 'later-urgent', 'same-1', 'same-2', 'same-3']);
    });

    it('moves a queued job up when its priority is raised while it waits', async () => {
        const { engine, work, busy } = await busyEngine();
        await addJobs({ 'a': {}, 'b': {}, 'c': {} });
        await fixture.store.modify(OrdersCollection, 'c', order => ({ ...order, jobs: order.jobs.map(job => ({ ...job, properties: { ...job.properties, priority: 1 } })) }));

        busy.open();
        await engine.idle();

        assert.deepEqual(ranOrders(work.calls), ['first', 'c', 'a', 'b']);
    });

    it('ranks a job by its priority property (default 5), due time and arrival', () => {
        assert.deepEqual(rankOf({ properties: {}, receivedAt: AT }), { priority: 5, due: undefined, receivedAt: Date.parse(AT) });
        assert.deepEqual(rankOf({ properties: { priority: '2' }, due: at(HOUR), receivedAt: AT }), { priority: 2, due: Date.parse(AT) + HOUR, receivedAt: Date.parse(AT) });
        assert.equal(rankOf({ properties: { priority: 'urgent' }, receivedAt: AT }).priority, 5, 'a priority that is not 1 to 10 counts as the default');
    });
});
