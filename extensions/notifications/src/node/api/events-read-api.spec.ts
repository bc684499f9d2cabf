import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import { FakeWorkOwnership } from '@presswork/platform/lib/node/test/fake-work-ownership';
import type * as http from 'node:http';
import express from '@theia/core/shared/express';
import type { Authority } from '@presswork/platform/lib/common/authority';
import type { PressworkEvent, PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { ApiTokensCollection } from '@presswork/platform/lib/node/auth/api-tokens';
import { openApiTokenGate } from '@presswork/platform/lib/node/test/api-token-gate';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempStore, openTempStore } from '@presswork/platform/lib/node/test/temp-store';
import { FileEventJournal } from '../journal/file-event-journal';
import { JournalReader } from '../journal/journal-reader';
import { EventsReadApi } from './events-read-api';
import { closeLoopback, listenOnLoopback } from '@presswork/platform/lib/node/test/loopback-app';

interface Page {
    readonly events: PressworkEvent[];
    readonly next: number;
}

describe('EventsReadApi', function (): void {
    // Creating users hashes their passwords (scrypt).
    this.timeout(30_000);

    let temp: TempStore;
    let journal: FileEventJournal;
    let api: EventsReadApi;
    let server: http.Server;
    let base: string;
    const tokenOf: Partial<Record<Authority, string>> = {};

    const at = '2026-12-01T10:00:00.000Z';
    const job = (id: string): PressworkEventDraft => ({
        id, name: 'job.error', at, subject: 'job:j1',
        payload: { jobId: 'j1', jobName: 'Cards', orderId: 'o1', orderNumber: 'PW-1', connectionId: 'c1', phase: 'Print', state: 'Error' }
    });
    const order = (id: string): PressworkEventDraft => ({
        id, name: 'order.ready-for-closeout', at, subject: 'order:o1', payload: { orderId: 'o1', orderNumber: 'PW-1', connectionId: 'c1', jobs: 1 }
    });
    const connection = (id: string): PressworkEventDraft => ({
        id, name: 'connection.failing', at, subject: 'connection:c1', payload: { connectionId: 'c1', connection: 'Store', since: at, reason: 'no answer' }
    });
    const printer = (id: string): PressworkEventDraft => ({
        id, name: 'printer.needs-attention', at, subject: 'printer:p1', payload: { printerId: 'p1', printer: 'Printer', printerState: 'stopped', since: at }
    });

    function openJournal(): Promise<void> {
        journal = new FileEventJournal({ folder: temp.join('notifications', 'journal'), logger: recordingLogger() });
        journal.markReady();
        inject(api, { journal });
        return journal.open();
    }

    before(async () => {
        temp = await openTempStore([ApiTokensCollection], 'presswork-events-api-');
        const { requestUsers, earlyMiddleware, tokenOf: issued } = await openApiTokenGate(temp.store, temp.path);
        Object.assign(tokenOf, issued);
        api = new EventsReadApi();
        const reader = new JournalReader({ folder: temp.join('notifications', 'journal'), logger: recordingLogger() });
        inject(api, { requestUsers, logger: recordingLogger(), ownership: new EmbeddedWorkOwnership(), reader });
        await openJournal();
        await journal.append([job('e1'), order('e2'), connection('e3'), printer('e4'), job('e5')]);
        const app = express();
        app.use(...earlyMiddleware.handlers);
        api.configure(app);
        ({ server, base } = await listenOnLoopback(app));
    });

    after(async () => {
        await closeLoopback(server);
        await journal.close();
        await temp.dispose();
    });

    function get(url: string, authority?: Authority): Promise<Response> {
        return fetch(base + url, { redirect: 'manual', headers: authority ? { authorization: `Bearer ${tokenOf[authority]}` } : {} });
    }

    async function json<T>(response: Response, status: number): Promise<T> {
        assert.equal(response.status, status, `status of ${response.url}`);
        return await response.json() as T;
    }

    /** The ids of every page from `after`, following `next` until a page comes back empty. */
    async function pages(authority: Authority, limit: number, after = 0): Promise<string[][]> {
        const result: string[][] = [];
        let cursor = after;
        for (;;) {
            const page = await json<Page>(await get(`/api/v1/events?after=${cursor}&limit=${limit}`, authority), 200);
            if (page.events.length === 0 && page.next === cursor) {
                return result;
            }
            result.push(page.events.map(event => event.id));
            cursor = page.next;
        }
    }

    it('pages through the journal with the cursor it gives out, each event once, oldest first', async () => {
        assert.deepEqual(await pages('Administrator', 2), [['e1', 'e2'], ['e3', 'e4'], ['e5']]);
        const first = await json<Page>(await get('/api/v1/events?limit=1', 'Administrator'), 200);
        assert.deepEqual(first.events.map(event => [event.seq, event.name, event.subject]), [[1, 'job.error', 'job:j1']]);
        assert.equal(first.next, 1);
    });

    it('shows each authority only the events it may see, and pages past the others', async () => {
        assert.deepEqual(await pages('Monitor', 2), [['e1'], ['e4'], ['e5']]);
        assert.deepEqual((await pages('Operator', 5)).flat(), ['e1', 'e2', 'e4', 'e5']);
    });

    it('keeps its cursor across a restart', async () => {
        const page = await json<Page>(await get('/api/v1/events?after=0&limit=3', 'Administrator'), 200);
        await journal.close();
        await openJournal();
        await journal.append([job('e6')]);
        assert.deepEqual((await pages('Administrator', 10, page.next)).flat(), ['e4', 'e5', 'e6']);
    });

    it('answers 401 without a token or with a wrong one', async () => {
        assert.match((await json<{ error: string }>(await get('/api/v1/events'), 401)).error, /API token/);
        const response = await fetch(`${base}/api/v1/events`, { headers: { authorization: 'Bearer pw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
        await json(response, 401);
    });

    it('answers bad parameters with 400 and words naming them', async () => {
        const bad = async (query: string, message: RegExp): Promise<void> => {
            const body = await json<{ error: string }>(await get(`/api/v1/events?${query}`, 'Monitor'), 400);
            assert.match(body.error, message, query);
        };
        await bad('limit=0', /limit/);
        await bad('limit=501', /limit/);
        await bad('after=-1', /after/);
        await bad('after=soon', /after/);
        await bad('cursor=3', /cursor/);
        await bad(`after=${journal.lastSeq + 1}`, /after=\d+ is past the last event \(\d+\)/);
    });

    it('answers on a server that does not lead with the same pages as the leader, read from the journal\'s files', async () => {
        const authorities: Authority[] = ['Administrator', 'Operator', 'Monitor'];
        const leaderPages = await Promise.all(authorities.map(authority => pages(authority, 2)));
        const leaderTail = await json<Page>(await get('/api/v1/events?after=4&limit=5', 'Operator'), 200);
        inject(api, { ownership: new FakeWorkOwnership() });
        try {
            assert.deepEqual(await Promise.all(authorities.map(authority => pages(authority, 2))), leaderPages);
            assert.deepEqual(await json<Page>(await get('/api/v1/events?after=4&limit=5', 'Operator'), 200), leaderTail);
            // Appended by the leader after this server first read the journal.
            await journal.append([order('e7')]);
            const page = await json<Page>(await get(`/api/v1/events?after=${leaderTail.next}&limit=5`, 'Operator'), 200);
            assert.deepEqual(page.events.map(event => event.id), ['e7']);
            assert.equal(page.next, journal.lastSeq);
            // Past what this server sees: perhaps given out by the leader a moment ago, so asked again rather than refused.
            const ahead = await get(`/api/v1/events?after=${journal.lastSeq + 1}`, 'Monitor');
            assert.equal(ahead.headers.get('retry-after'), '2');
            assert.match((await json<{ error: string }>(ahead, 503)).error, /does not see position \d+ in the event journal yet/);
        } finally {
            inject(api, { ownership: new EmbeddedWorkOwnership() });
        }
    });

    it('indexes the journal\'s files ahead on a server that does not lead, and lets the index go while it leads', async () => {
        const reader = new JournalReader({ folder: temp.join('notifications', 'journal'), logger: recordingLogger() });
        const refresh = sinon.spy(reader, 'refresh');
        const forget = sinon.spy(reader, 'forget');
        inject(api, { reader });
        api.onStart();
        assert.equal(refresh.callCount, 0, 'the leader pages its own journal');
        const ownership = new FakeWorkOwnership();
        inject(api, { ownership });
        try {
            api.initialize();
            api.onStart();
            assert.equal(refresh.callCount, 1);
            await refresh.firstCall.returnValue;
            assert.equal(reader.lastSeq, journal.lastSeq);

            ownership.gain({ kind: 'leader' });
            await forget.firstCall.returnValue;
            assert.equal(reader.lastSeq, 0);
            await ownership.lose({ kind: 'leader' });
            assert.equal(refresh.callCount, 2);
            await refresh.secondCall.returnValue;
            assert.equal(reader.lastSeq, journal.lastSeq);
        } finally {
            api.onStop();
            inject(api, { ownership: new EmbeddedWorkOwnership() });
        }
    });
});
