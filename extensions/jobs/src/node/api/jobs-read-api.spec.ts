import { setTimeout as delay } from 'node:timers/promises';
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import * as sinon from 'sinon';
import express from '@theia/core/shared/express';
import type { Authority } from '@presswork/platform/lib/common/authority';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { ApiTokens, ApiTokensCollection } from '@presswork/platform/lib/node/auth/api-tokens';
import { SESSION_COOKIE, SessionStore } from '@presswork/platform/lib/node/auth/session-store';
import { DocumentStore, OrdersCollection } from '@presswork/platform/lib/node/store';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempStore, openTempStore } from '@presswork/platform/lib/node/test/temp-store';
import type { JobRow } from '../../common/job-row';
import { JobRowIndex } from '../query/job-row-index';
import { withoutVersion } from '../test/jobs-store-fixture';
import { JobsReadApi } from './jobs-read-api';
import { openApiTokenGate } from '@presswork/platform/lib/node/test/api-token-gate';
import { closeLoopback, listenOnLoopback } from '@presswork/platform/lib/node/test/loopback-app';

interface Page {
    readonly items: JobRow[];
    readonly next: string | null;
}

describe('JobsReadApi', function (): void {
    // Creating users hashes their passwords (scrypt).
    this.timeout(30_000);

    let temp: TempStore;
    let store: DocumentStore;
    let sessions: SessionStore;
    let tokens: ApiTokens;
    let server: http.Server;
    let base: string;
    const tokenOf: Partial<Record<Authority, string>> = {};
    const userIds: Partial<Record<Authority, string>> = {};

    before(async () => {
        temp = await openTempStore([ApiTokensCollection], 'presswork-read-api-');
        store = temp.store;
        const gate = await openApiTokenGate(store, temp.path);
        ({ sessions, tokens } = gate);
        const { requestUsers, earlyMiddleware } = gate;
        Object.assign(userIds, gate.userIds);
        Object.assign(tokenOf, gate.tokenOf);

        const index = new JobRowIndex();
        Object.assign(index, { store, logger: recordingLogger() });
        index.initialize();
        await index.whenReady();

        const api = new JobsReadApi();
        Object.assign(api, { index, store, requestUsers, logger: recordingLogger() });
        const app = express();
        app.use(...earlyMiddleware.handlers);
        api.configure(app);
        app.get('/', (_request, response) => response.send('SHELL'));
        ({ server, base } = await listenOnLoopback(app));
    });

    after(async () => {
        await closeLoopback(server);
        await temp.dispose();
    });

    beforeEach(async () => {
        for (const order of [...store.all(OrdersCollection)]) {
            await store.delete(OrdersCollection, order.id, order.version);
        }
    });

    afterEach(() => sinon.restore());

    function addOrder(id: string, jobs: number, change: (job: Job, at: number) => Partial<Job> = () => ({}), order: Partial<Order> = {}): Promise<Order> {
        const sample = sampleOrder(id, jobs);
        return store.create(OrdersCollection, withoutVersion({ ...sample, ...order, jobs: sample.jobs.map((job, at) => ({ ...job, ...change(job, at) })) }));
    }

    function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
        return fetch(base + url, { redirect: 'manual', headers });
    }

    const bearer = (authority: Authority): Record<string, string> => ({ authorization: `Bearer ${tokenOf[authority]}` });

    async function json<T>(response: Response, status: number): Promise<T> {
        assert.equal(response.status, status, `status of ${response.url}`);
        assert.match(response.headers.get('content-type') ?? '', /application\/json/);
        return await response.json() as T;
    }

    /** Follows `next` links to the end, returning the ids of every page. */
    async function allPages(url: string, authority: Authority = 'Monitor'): Promise<string[][]> {
        const pages: string[][] = [];
        let next: string | null = url;
        while (next) {
            const page: Page = await json<Page>(await get(next, bearer(authority)), 200);
            pages.push(page.items.map(item => item.id));
            next = page.next;
        }
        return pages;
    }

    describe('GET /api/v1/jobs', () => {

        it('pages through every job in the asked order, under plain field names', async () => {
            for (let index = 1; index <= 5; index++) {
                await addOrder(`order-${index}`, 2, (_job, at) => ({ copies: (index * 7 + at) % 4 + 1 }));
            }
            const first = await json<Page>(await get('/api/v1/jobs?limit=3&sort=copies:desc', bearer('Monitor')), 200);
            assert.equal(first.items.length, 3);
            const row = first.items[0];
            assert.deepEqual(Object.keys(row).filter(key => ['id', 'name', 'orderNumber', 'orderId', 'state', 'phase', 'customer'].includes(key)).length, 7);
            assert.match(first.next!, /^\/api\/v1\/jobs\?limit=3&sort=copies%3Adesc&cursor=[A-Za-z0-9_-]+$/);

            const pages = await allPages('/api/v1/jobs?limit=3&sort=copies:desc');
            assert.deepEqual(pages.map(page => page.length), [3, 3, 3, 1]);
            const ids = pages.flat();
            const expected = [...store.all(OrdersCollection)].flatMap(order => order.jobs)
                .sort((a, b) => b.copies - a.copies || (a.id < b.id ? -1 : 1)).map(job => job.id);
            assert.deepEqual(ids, expected);
        });

        it('answers a page as JSON of its length, not to be cached and without an ETag; a HEAD gets the headers alone', async () => {
            await addOrder('order-head', 2);
            const response = await get('/api/v1/jobs', bearer('Monitor'));
            const text = await response.text();
            assert.equal(response.status, 200);
            assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
            assert.equal(response.headers.get('cache-control'), 'no-store');
            assert.equal(response.headers.get('etag'), null);
            assert.equal(Number(response.headers.get('content-length')), Buffer.byteLength(text));
            assert.equal((JSON.parse(text) as Page).items.length, 2);

            const head = await fetch(`${base}/api/v1/jobs`, { method: 'HEAD', headers: bearer('Monitor') });
            assert.equal(head.status, 200);
            assert.equal(head.headers.get('content-length'), response.headers.get('content-length'));
            assert.equal(await head.text(), '');
        });

        it('neither repeats nor skips a job when jobs come and go between pages', async () => {
            for (let index = 10; index < 20; index++) {
                await addOrder(`order-${index}`, 1);
            }
            const sorted = '/api/v1/jobs?limit=4&sort=orderNumber:asc';
            const first = await json<Page>(await get(sorted, bearer('Operator')), 200);
            assert.deepEqual(first.items.map(item => item.id), ['order-10-job-1', 'order-11-job-1', 'order-12-job-1', 'order-13-job-1']);

            // Before the cursor, after it, and the job right after it removed.
            await addOrder('order-05', 1);
            await addOrder('order-155', 1);
            const gone = store.get(OrdersCollection, 'order-14')!;
            await store.delete(OrdersCollection, gone.id, gone.version);

            const rest = await allPages(first.next!, 'Operator');
            // Order numbers sort as numbers read: PW-order-155 comes after PW-order-19.
            assert.deepEqual(rest.flat(), ['order-15-job-1', 'order-16-job-1', 'order-17-job-1', 'order-18-job-1', 'order-19-job-1', 'order-155-job-1']);
        });

        it('filters by text, state, phase, workflow and connection as the pod does', async () => {
            await addOrder('order-1', 3, (_job, at) => ({ state: (['Held', 'Error', 'Printing'] as const)[at], waitReason: at === 0 ? 'Paper jam' : undefined }));
            await addOrder('order-2', 2, (_job, at) => ({ phase: at ? 'Print' : 'Prepare', workflowId: 'wf-7', connectionId: 'connection-2' }));
            const ids = async (query: string): Promise<string[]> =>
                (await json<Page>(await get(`/api/v1/jobs?sort=id${query}`, bearer('Monitor')), 200)).items.map(item => item.id);

            assert.deepEqual(await ids('&text=PAPER'), ['order-1-job-1']);
            assert.deepEqual(await ids('&state=Held,Error'), ['order-1-job-1', 'order-1-job-2']);
            assert.deepEqual(await ids('&state=Held&state=Printing'), ['order-1-job-1', 'order-1-job-3']);
            assert.deepEqual(await ids('&phase=Print'), ['order-2-job-2']);
            assert.deepEqual(await ids('&workflowId=wf-7&connectionId=connection-2'), ['order-2-job-1', 'order-2-job-2']);
            assert.deepEqual(await ids(`&state=${encodeURIComponent('Waiting for order closeout')}`), []);
        });

        it('carries each job\'s priority, batch and risk, and filters at-risk and overdue jobs as of the request', async () => {
            const hour = 3_600_000;
            const at = (offset: number): string => new Date(Date.now() + offset).toISOString();
            await addOrder('order-1', 4, (_job, index) => [
                { properties: { priority: 2 }, state: 'Waiting for batch', batchId: 'B-0042', due: at(5 * hour), atRiskAt: at(-hour) },
                { due: at(-hour), atRiskAt: at(-3 * hour) },
                { due: at(-hour), state: 'Printed' },
                { due: at(10 * hour), atRiskAt: at(4 * hour) }
            ][index] as Partial<Job>);
            const rows = (await json<Page>(await get('/api/v1/jobs?sort=id', bearer('Monitor')), 200)).items;
            assert.deepEqual(rows.map(row => [row.priority, row.batchId, row.atRisk, row.overdue]), [
                [2, 'B-0042', true, undefined], [5, undefined, true, true], [5, undefined, undefined, undefined], [5, undefined, undefined, undefined]
            ]);
            const ids = async (query: string): Promise<string[]> =>
                (await json<Page>(await get(`/api/v1/jobs?sort=id${query}`, bearer('Monitor')), 200)).items.map(item => item.id);
            assert.deepEqual(await ids('&schedule=atRisk'), ['order-1-job-1', 'order-1-job-2']);
            assert.deepEqual(await ids('&schedule=overdue'), ['order-1-job-2']);
            const byPriority = (await json<Page>(await get('/api/v1/jobs?sort=priority:desc,id', bearer('Monitor')), 200)).items.map(item => item.id);
            assert.deepEqual(byPriority, ['order-1-job-2', 'order-1-job-3', 'order-1-job-4', 'order-1-job-1']);
            const page = await json<Page>(await get('/api/v1/jobs?schedule=atRisk&limit=1&sort=id', bearer('Monitor')), 200);
            assert.match(page.next!, /schedule=atRisk/);

            // Time turns the fourth job at risk: the same query reads it so, nothing having changed.
            const clock = sinon.useFakeTimers({ now: Date.now() + 5 * hour, toFake: ['Date'] });
            try {
                assert.deepEqual(await ids('&schedule=atRisk'), ['order-1-job-1', 'order-1-job-2', 'order-1-job-4']);
            } finally {
                clock.restore();
            }
        });

        it('answers bad parameters with 400 and a message naming them', async () => {
            const bad = async (query: string, message: RegExp): Promise<void> => {
                const body = await json<{ error: string }>(await get(`/api/v1/jobs?${query}`, bearer('Monitor')), 400);
                assert.match(body.error, message, query);
            };
            await bad('limit=0', /limit/);
            await bad('limit=many', /limit/);
            await bad('sort=price:asc', /sort/);
            await bad('state=Lost', /state/);
            await bad('schedule=late', /schedule/);
            await bad('colour=red', /colour/);
            await bad('cursor=not-a-cursor', /cursor is not one this server gave out/);

            await addOrder('order-1', 3);
            const page = await json<Page>(await get('/api/v1/jobs?limit=1&sort=name', bearer('Monitor')), 200);
            const cursor = new URLSearchParams(page.next!.split('?')[1]).get('cursor')!;
            await bad(`sort=copies&cursor=${cursor}`, /another sort order/);
        });
    });

    describe('GET /api/v1/orders/:orderId', () => {

        it('answers the order with its jobs as rows and the card authorization masked', async () => {
            await addOrder('order-9', 2, () => ({}), { paymentMethod: 'CreditCard', creditCard: { authorizationNumber: 'AUTH-778899', confirmationNumber: 'CONF-12345', cardType: 'Visa' } });
            const response = await get('/api/v1/orders/order-9', bearer('Operator'));
            const text = await response.clone().text();
            const order = await json<Record<string, unknown> & { jobs: JobRow[], creditCard: { authorizationNumber: string, confirmationNumber: string, cardType: string } }>(response, 200);
            assert.equal(order.orderNumber, 'PW-order-9');
            assert.deepEqual(order.jobs.map(job => [job.id, job.orderId, job.state]), [['order-9-job-1', 'order-9', 'Received'], ['order-9-job-2', 'order-9', 'Received']]);
            assert.deepEqual(order.creditCard, { authorizationNumber: '****8899', confirmationNumber: '****2345', cardType: 'Visa' });
            assert.ok(!text.includes('AUTH-778899') && !text.includes('CONF-12345'));
            assert.ok(!('log' in order));
        });

        it('answers 404 for an unknown order and 400 for an id that cannot be one', async () => {
            assert.match((await json<{ error: string }>(await get('/api/v1/orders/order-none', bearer('Administrator')), 404)).error, /order-none/);
            await json(await get('/api/v1/orders/..%2Fsecrets', bearer('Administrator')), 400);
            assert.match((await json<{ error: string }>(await get('/api/v1/invoices?x=1', bearer('Administrator')), 404)).error, /There is no GET \/api\/v1\/invoices$/);
            await json(await fetch(`${base}/api/v1/jobs`, { method: 'POST', headers: bearer('Administrator') }), 404);
        });

        it('needs the authority to inspect jobs: a Monitor is refused', async () => {
            await addOrder('order-9', 1);
            const body = await json<{ error: string }>(await get('/api/v1/orders/order-9', bearer('Monitor')), 403);
            assert.match(body.error, /Monitor/);
        });
    });

    describe('who may call', () => {

        it('answers 401 in JSON without credentials, never a redirect, even to a browser', async () => {
            const body = await json<{ error: string }>(await get('/api/v1/jobs', { accept: 'text/html' }), 401);
            assert.match(body.error, /Sign in/);
        });

        it('answers 401 to an unknown, malformed or revoked token', async () => {
            await json(await get('/api/v1/jobs', { authorization: 'Bearer pw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 401);
            await json(await get('/api/v1/jobs', { authorization: 'Basic YWRtaW46YWRtaW4=' }), 401);

            const issued = await tokens.issue({ id: userIds.Operator!, name: 'operator' } as never, userIds.Operator!, 'short-lived');
            await json(await get('/api/v1/jobs', { authorization: `Bearer ${issued.token}` }), 200);
            await tokens.revoke({ name: 'administrator' } as never, issued.summary.id);
            const response = await get('/api/v1/jobs', { authorization: `Bearer ${issued.token}`, accept: 'text/html' });
            await json(response, 401);
            assert.equal(response.headers.get('www-authenticate'), 'Bearer');
        });

        it('opens nothing but the API with a token: the application itself still wants a session', async () => {
            const response = await get('/', { ...bearer('Administrator'), accept: 'text/html' });
            assert.equal(response.status, 302);
            assert.match(response.headers.get('location') ?? '', /^\/login/);
            assert.notEqual(await response.text(), 'SHELL');
        });

        it('accepts the session cookie of a signed-in browser', async () => {
            const session = await sessions.create(userIds.Operator!, false);
            await json(await get('/api/v1/jobs', { cookie: `${SESSION_COOKIE}=${session.id}` }), 200);
            const pending = await sessions.create(userIds.Operator!, true);
            await json(await get('/api/v1/jobs', { cookie: `${SESSION_COOKIE}=${pending.id}` }), 403);
        });

        it('notes when a token was last used', async () => {
            const before = tokens.list().find(token => token.userId === userIds.Monitor)!;
            await json(await get('/api/v1/jobs', bearer('Monitor')), 200);
            await delay(50);
            const after = tokens.list().find(token => token.userId === userIds.Monitor)!;
            assert.ok(after.lastUsedAt, `last used noted (was ${before.lastUsedAt})`);
        });
    });
});
