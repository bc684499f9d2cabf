import * as assert from 'node:assert/strict';
import { PostgresWorkOwnership } from '@presswork/platform/lib/node/cluster/postgres-work-ownership';
import { ORDER_PARTITIONS } from '@presswork/platform/lib/node/cluster/order-partitions';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { changeJob } from '@presswork/platform/lib/node/store/order-jobs';
import { OrdersCollection, PLATFORM_COLLECTIONS, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PostgresDocumentStore } from '@presswork/platform/lib/node/store/postgres/postgres-document-store';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { PostgresTestServer, sharedPostgresTestServer } from '@presswork/platform/lib/node/test/postgres-test-server';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { WORKFLOW_COLLECTIONS } from '../workflow-collections';
import type { WorkflowEngine } from './workflow-engine';
import { FakeActivity, activityUntilAborted, engineOver, fakeActivity, jobDocument, orderDocument, step, workflowDocument } from './test/engine-fixture';

const LEASE_SECONDS = 2;

/** A server whose process dies: its checks stop and its connections close; its leases stay until they expire. */
class MortalOwnership extends PostgresWorkOwnership {
    async crash(): Promise<void> {
        this.halt();
        await this.checking;
        await Promise.all([this.leasePool.end(), this.lockPool.end()]);
    }
}

/** One Presswork server in this process: its own PostgreSQL store, ownership and engine, on the shared database. */
interface Server {
    readonly store: DocumentStore;
    readonly ownership: MortalOwnership;
    readonly engine: WorkflowEngine;
}

describe('WorkflowEngine on PostgreSQL, two servers on one database', function (): void {
    this.timeout(120_000);
    let database: PostgresTestServer;
    let url: string;
    let data: TempFolder;
    let servers: Server[];

    async function startServer(activities: readonly FakeActivity[]): Promise<Server> {
        const store = new PostgresDocumentStore({ url, collections: [...PLATFORM_COLLECTIONS, ...WORKFLOW_COLLECTIONS] });
        await store.ready;
        const ownership = new MortalOwnership({ databaseUrl: url, leaseSeconds: LEASE_SECONDS, store, version: '0.0.0-test', logger: recordingLogger() });
        const engine = engineOver(store, data.path, activities, recordingLogger(), { handOverMs: 1000 }, ownership);
        await engine.start();
        await ownership.start();
        const server = { store, ownership, engine };
        servers.push(server);
        return server;
    }

    /** Steps run, by job and step id, over every server. */
    function counting(runs: Map<string, number>, type: string): FakeActivity {
        return fakeActivity(type, context => {
            const key = `${context.job.id}/${context.step.id}`;
            runs.set(key, (runs.get(key) ?? 0) + 1);
            return { kind: 'continue' };
        });
    }

    before(async () => {
        database = await sharedPostgresTestServer();
    });

    beforeEach(async () => {
        url = await database.createDatabase();
        data = await TempFolder.create('presswork-engine-pg-');
        servers = [];
    });

    afterEach(async () => {
        for (const { engine, ownership, store } of servers) {
            await engine.stop();
            await ownership.stop().catch(() => undefined);
            await store.close().catch(() => undefined);
        }
        await database.dropDatabase(new URL(url).pathname.slice(1));
        await data.remove();
    });

    it('runs 200 jobs over two servers, each owning half the partitions: each step once, none stuck', async () => {
        const runs = new Map<string, number>();
        const activities = (): FakeActivity[] => [counting(runs, 'one'), counting(runs, 'two')];
        const a = await startServer(activities());
        await a.store.create(WorkflowsCollection, workflowDocument('flow', { Receive: [step('r', 'one')], Prepare: [step('p', 'two')], Complete: [step('c', 'one')] }));
        const b = await startServer(activities());
        await eventually(() => a.ownership.role().orderPartitions.length === ORDER_PARTITIONS / 2 && b.ownership.role().orderPartitions.length === ORDER_PARTITIONS / 2,
            6 * LEASE_SECONDS * 1000, 'each server owning half the partitions');

        const orderIds = Array.from({ length: 50 }, (_, index) => `order-${index}`);
        assert.ok(orderIds.some(id => a.ownership.ownsOrder(id)) && orderIds.some(id => b.ownership.ownsOrder(id)), 'orders on both servers');
        // The orders arrive on A (its connection's intake); B hears of its own through the change feed.
        await Promise.all(orderIds.map(id => a.store.create(OrdersCollection,
            orderDocument(id, [1, 2, 3, 4].map(index => jobDocument(`${id}-job-${index}`, id, { workflowId: 'flow' }))))));
        const done = (store: DocumentStore) => orderIds.every(id => store.get(OrdersCollection, id)?.jobs.every(job => job.state === 'Complete'));
        await eventually(() => done(a.store) && done(b.store), 60_000, 'every job complete on both servers');
        await Promise.all([a.engine.idle(), b.engine.idle()]);

        assert.equal(runs.size, 200 * 3);
        assert.deepEqual([...runs].filter(([, count]) => count !== 1), [], 'each step ran once');
    });

    it('runs again, at the server that takes the partition over, the step of a job whose owner died while it was Processing', async () => {
        const { activity, started } = activityUntilAborted('long');
        const a = await startServer([activity, fakeActivity('done')]);
        await eventually(() => a.ownership.role().orderPartitions.length === ORDER_PARTITIONS, 6 * LEASE_SECONDS * 1000, 'A owning every partition');
        await a.store.create(WorkflowsCollection, workflowDocument('flow', { Receive: [step('r', 'long')], Complete: [step('c', 'done')] }));
        await a.store.create(OrdersCollection, orderDocument('o1', [jobDocument('o1-job-1', 'o1', { workflowId: 'flow' })]));
        await started;

        // A dies: its step never ends (its abort writes nothing, as a kill), its leases stay until they expire.
        await a.engine.stop();
        await a.ownership.crash();
        assert.equal(a.store.get(OrdersCollection, 'o1')!.jobs[0].state, 'Processing');

        const again = fakeActivity('long');
        const done = fakeActivity('done');
        const b = await startServer([again, done]);
        await eventually(() => b.store.get(OrdersCollection, 'o1')?.jobs[0].state === 'Complete', 6 * LEASE_SECONDS * 1000, 'the job complete at B');
        assert.deepEqual(again.calls.map(call => call.step.id), ['r'], 'the interrupted step ran again, once');
        assert.equal(done.calls.length, 1);
    });

    it('runs at the owner a step that another server started and left (its write landed after it gave the order up)', async () => {
        const count = counting(new Map(), 'count');
        const approve = fakeActivity('approve', () => ({ kind: 'wait', reason: 'Waiting for approval' }));
        const b = await startServer([approve, count]);
        await eventually(() => b.ownership.role().orderPartitions.length === ORDER_PARTITIONS, 6 * LEASE_SECONDS * 1000, 'B owning every partition');
        await b.store.create(WorkflowsCollection, workflowDocument('flow', { Receive: [step('r', 'approve')], Prepare: [step('p', 'count')], Complete: [step('c', 'count')] }));
        await b.store.create(OrdersCollection, orderDocument('o1', [jobDocument('o1-job-1', 'o1', { workflowId: 'flow' })]));
        await eventually(() => b.store.get(OrdersCollection, 'o1')?.jobs[0].state === 'Waiting', 10_000, 'the job waiting at B');

        // Another server's write, as one that owned the order wrote it and gave the order up before running the step.
        const late = new PostgresDocumentStore({ url, collections: [...PLATFORM_COLLECTIONS, ...WORKFLOW_COLLECTIONS] });
        try {
            await late.ready;
            await changeJob(late, 'o1', 'o1-job-1', job => ({ ...job, phase: 'Prepare', stepIndex: 0, stepId: 'p', state: 'Processing', currentActivity: 'Count', waitReason: undefined }));
        } finally {
            await late.close();
        }

        await eventually(() => b.store.get(OrdersCollection, 'o1')?.jobs[0].state === 'Complete', 10_000, 'the job complete at B');
        assert.deepEqual(count.calls.map(call => call.step.id), ['p', 'c']);
    });
});
