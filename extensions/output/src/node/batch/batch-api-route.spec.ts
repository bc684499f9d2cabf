import { expect } from 'chai';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import type * as http from 'node:http';
import express from '@theia/core/shared/express';
import type { Authority } from '@presswork/platform/lib/common/authority';
import { ApiTokensCollection } from '@presswork/platform/lib/node/auth/api-tokens';
import { openApiTokenGate } from '@presswork/platform/lib/node/test/api-token-gate';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { closeLoopback, listenOnLoopback } from '@presswork/platform/lib/node/test/loopback-app';
import { openTempStore, type TempStore } from '@presswork/platform/lib/node/test/temp-store';
import { OUTPUT_COLLECTIONS } from '../output-collections';
import { BatchesApiRoute } from './batch-api-route';
import { BatchBookImpl } from './batch-book-impl';
import { TestClock, atBatchStep, batchProperties, recordingLogger } from './test/batch-fixture';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';

describe('GET /api/v1/batches', function (): void {
    // Creating users hashes their passwords (scrypt).
    this.timeout(30_000);

    let temp: TempStore;
    let server: http.Server;
    let base: string;
    const tokenOf: Partial<Record<Authority, string>> = {};

    before(async () => {
        temp = await openTempStore([...OUTPUT_COLLECTIONS, ApiTokensCollection], 'presswork-batches-api-');
        const store = temp.store;
        const { requestUsers, earlyMiddleware, tokenOf: issued } = await openApiTokenGate(store, temp.path);
        Object.assign(tokenOf, issued);
        const clock = inject(new TestClock(), { store });
        const book = inject(new BatchBookImpl(), { store, clock, ownership: new EmbeddedWorkOwnership() });
        for (const [orderId, media] of [['o1', 'A'], ['o2', 'B'], ['o3', 'C']]) {
            const { version: _version, ...order } = sampleOrder(orderId);
            const stored = await store.create(OrdersCollection, { ...order, jobs: order.jobs.map(job => atBatchStep(job)) });
            const job = stored.jobs[0];
            await book.join({ job, orderNumber: job.orderNumber, workflowId: 'wf-batch', stepId: 'batch-1', properties: batchProperties({ jobsPerBatch: 2 }), keys: { media } });
        }
        const route = inject(new BatchesApiRoute(), { store, clock, requestUsers, logger: recordingLogger() });
        const app = express();
        app.use(...earlyMiddleware.handlers);
        route.configure(app);
        ({ server, base } = await listenOnLoopback(app));
    });

    after(async () => {
        await closeLoopback(server);
        await temp.dispose();
    });

    function get(query: string, authority?: Authority): Promise<Response> {
        return fetch(`${base}/api/v1/batches${query}`, { headers: authority ? { authorization: `Bearer ${tokenOf[authority]}` } : {} });
    }

    it('lists batches with their jobs in pages, for a Monitor\'s API token', async () => {
        const first = await get('?limit=2', 'Monitor');
        expect(first.status).to.equal(200);
        const page = await first.json() as { items: { id: string; nextRelease: string; jobs: { id: string; state: string }[] }[]; total: number; next: string };
        expect(page.total).to.equal(3);
        expect(page.items.map(item => item.id)).to.deep.equal(['B-0001', 'B-0002']);
        expect(page.items[0].jobs).to.deep.equal([{ id: 'o1-job-1', orderId: 'o1', orderNumber: 'PW-o1', name: 'Business cards for PW-o1', copies: 1, state: 'Queued', phase: 'Print', currentActivity: 'batch' }]);
        expect(page.items[0].nextRelease).to.equal('when 1 more job arrives');
        expect(page.next).to.equal('/api/v1/batches?offset=2&limit=2');
        const second = await (await fetch(`${base}${page.next}`, { headers: { authorization: `Bearer ${tokenOf.Monitor}` } })).json() as typeof page;
        expect(second.items.map(item => item.id)).to.deep.equal(['B-0003']);
        expect(second.next).to.equal(null);
    });

    it('refuses a caller without a token, and a page out of bounds in words', async () => {
        expect((await get('')).status).to.equal(401);
        const bad = await get('?limit=100000', 'Operator');
        expect(bad.status).to.equal(400);
        expect((await bad.json() as { error: string }).error).to.match(/^Invalid request: limit/);
    });
});
