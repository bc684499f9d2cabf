import * as assert from 'node:assert/strict';
import { JOB_STATES } from '@presswork/platform/lib/common/job-status';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import { OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store';
import type { JobGroupItem, JobListItem, JobQuery, JobWindow } from '../../common/job-query';
import type { JobRow } from '../../common/job-row';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { JobsStoreFixture, createJobsStoreFixture } from '../test/jobs-store-fixture';
import { seededRandom } from '../test/seeded-random';
import { JobRowIndex } from './job-row-index';

const ids = (window: JobWindow): string[] => window.items.map(item => item.kind === 'job' ? item.row.id : `[${item.key}]`);
const rowsOf = (items: JobListItem[]): JobRow[] => items.flatMap(item => item.kind === 'job' ? [item.row] : []);
const headersOf = (items: JobListItem[]): JobGroupItem[] => items.filter((item): item is JobGroupItem => item.kind === 'group');

describe('JobRowIndex', () => {

    let fixture: JobsStoreFixture;
    let index: JobRowIndex;

    function query(query: JobQuery, offset = 0, limit = 1000): JobWindow {
        return index.window({ query, offset, limit });
    }

    beforeEach(async () => {
        fixture = await createJobsStoreFixture();
        index = fixture.index;
    });

    afterEach(() => fixture.dispose());

    describe('keeping in step with the store', () => {

        it('holds the jobs that were in the store when it started, as rows with names resolved', async () => {
            await fixture.addWorkflow('wf-cards', 'Business cards');
            await fixture.addOrder('order-a', 2, (_job, at) => ({ workflowId: at === 0 ? 'wf-cards' : 'wf-gone', currentActivity: 'Approve' }));
            const late = new JobRowIndex();
            Object.assign(late, { store: fixture.store, logger: recordingLogger() });
            late.initialize();
            await late.whenReady();

            const rows = rowsOf(late.window({ query: { sort: [{ field: 'id', direction: 'asc' }] }, offset: 0, limit: 10 }).items);
            assert.deepEqual(rows.map(row => [row.id, row.orderNumber, row.customer, row.workflowName, row.currentActivity, row.orderVersion]), [
                ['order-a-job-1', 'PW-order-a', 'Ada Lovelace', 'Business cards', 'Approve', 1],
                ['order-a-job-2', 'PW-order-a', 'Ada Lovelace', 'wf-gone', 'Approve', 1]
            ]);
        });

        it('shows the activity a job stands at in words, keeps its type for rules, and filters by the words', async () => {
            const labels: Record<string, string> = { 'prepress-check': 'Prepress Check', 'closeout-order': 'Closeout Order' };
            const worded = new JobRowIndex();
            Object.assign(worded, { store: fixture.store, logger: recordingLogger(), activities: { get: (type: string) => labels[type] ? { label: labels[type] } : undefined } });
            await fixture.addOrder('order-a', 3, (_job, at) => ({ currentActivity: ['prepress-check', 'closeout-order', 'copy-to-folder'][at] }));
            worded.initialize();
            await worded.whenReady();

            const rows = rowsOf(worded.window({ query: { sort: [{ field: 'id', direction: 'asc' }] }, offset: 0, limit: 10 }).items);
            assert.deepEqual(rows.map(row => [row.currentActivity, row.currentActivityType]), [
                ['Prepress Check', 'prepress-check'],
                ['Closeout Order', 'closeout-order'],
                ['Copy to folder', 'copy-to-folder']
            ], 'an activity that is not installed reads as words too');
            const found = rowsOf(worded.window({ query: { text: 'prepress check' }, offset: 0, limit: 10 }).items);
            assert.deepEqual(found.map(row => row.id), ['order-a-job-1']);
        });

        it('adds, changes and removes rows as orders are created, updated and deleted', async () => {
            const order = await fixture.addOrder('order-a', 2);
            await fixture.addOrder('order-b', 1);
            assert.deepEqual(ids(query({ sort: [{ field: 'id', direction: 'asc' }] })), ['order-a-job-1', 'order-a-job-2', 'order-b-job-1']);
            assert.deepEqual(index.counts(), { error: 0, waitingForCloseout: 0, waitingForBatch: 0, atRisk: 0, closeOutInMarcomCentral: 0, all: 3 });

            // One job changes state, the other leaves the order.
            const updated = await fixture.store.update(OrdersCollection, { ...order, jobs: [{ ...order.jobs[0], state: 'Error' }] });
            const byState = query({ sort: [{ field: 'state', direction: 'asc' }] });
            assert.deepEqual(ids(byState), ['order-a-job-1', 'order-b-job-1'], 'Error sorts before Received; the removed job is gone');
            assert.equal(rowsOf(byState.items)[0].orderVersion, 2);
            assert.deepEqual(index.counts(), { error: 1, waitingForCloseout: 0, waitingForBatch: 0, atRisk: 0, closeOutInMarcomCentral: 0, all: 2 });

            await fixture.store.delete(OrdersCollection, updated.id, updated.version);
            assert.deepEqual(ids(query({ sort: [{ field: 'state', direction: 'asc' }] })), ['order-b-job-1']);
            assert.deepEqual(index.counts(), { error: 0, waitingForCloseout: 0, waitingForBatch: 0, atRisk: 0, closeOutInMarcomCentral: 0, all: 1 });
            assert.deepEqual(index.rowsOfOrder('order-a'), []);
        });

        it('renames the rows of a renamed workflow, re-sorting and re-filtering by the new name', async () => {
            await fixture.addWorkflow('wf-1', 'Alpha');
            await fixture.addWorkflow('wf-2', 'Beta');
            await fixture.addOrder('order-a', 1, () => ({ workflowId: 'wf-1' }));
            await fixture.addOrder('order-b', 1, () => ({ workflowId: 'wf-2' }));
            const byWorkflow: JobQuery = { sort: [{ field: 'workflowName', direction: 'asc' }] };
            assert.deepEqual(ids(query(byWorkflow)), ['order-a-job-1', 'order-b-job-1']);

            const workflow = fixture.store.get(WorkflowsCollection, 'wf-1')!;
            await fixture.store.update(WorkflowsCollection, { ...workflow, name: 'Zulu' });

            assert.deepEqual(ids(query(byWorkflow)), ['order-b-job-1', 'order-a-job-1']);
            assert.deepEqual(ids(query({ text: 'zul' })), ['order-a-job-1']);
            assert.deepEqual(ids(query({ text: 'alpha' })), []);
            assert.equal(index.rowsOfOrder('order-a')[0].workflowName, 'Zulu');

            await fixture.store.delete(WorkflowsCollection, 'wf-1', workflow.version + 1);
            assert.equal(index.rowsOfOrder('order-a')[0].workflowName, 'wf-1', 'a deleted workflow shows its id');
        });

        it('keeps every sorted order equal to a fresh sort through a random run of changes', async () => {
            const random = seededRandom(7);
            const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
            const specs: JobQuery[] = [
                { sort: [{ field: 'state', direction: 'asc' }, { field: 'copies', direction: 'desc' }] },
                { sort: [{ field: 'updatedAt', direction: 'desc' }] },
                { groupBy: 'orderNumber', sort: [{ field: 'name', direction: 'asc' }] },
                { groupBy: 'state', sort: [{ field: 'state', direction: 'desc' }], text: 'order-1' },
                { facets: { state: ['Error', 'Held', 'Waiting for order closeout'] }, sort: [{ field: 'copies', direction: 'asc' }] }
            ];
            specs.forEach(spec => query(spec));
            const live = new Map<string, number>();
            for (let step = 0; step < 150; step++) {
                const id = `order-${Math.floor(random() * 30)}`;
                const current = fixture.store.get(OrdersCollection, id);
                if (!current) {
                    await fixture.addOrder(id, 1 + Math.floor(random() * 3), () => ({ state: pick(JOB_STATES), copies: 1 + Math.floor(random() * 5) }));
                } else if (random() < 0.2) {
                    await fixture.store.delete(OrdersCollection, id, current.version);
                } else {
                    const minute = String(Math.floor(random() * 60)).padStart(2, '0');
                    await fixture.store.update(OrdersCollection, {
                        ...current,
                        jobs: current.jobs.slice(0, 1 + Math.floor(random() * current.jobs.length)).map(job => ({
                            ...job, state: pick(JOB_STATES), copies: 1 + Math.floor(random() * 5), updatedAt: `2025-02-01T10:${minute}:00.000Z`
                        }))
                    });
                }
                live.set(id, step);
            }
            for (const spec of specs) {
                const maintained = query(spec);
                const fresh = new JobRowIndex();
                Object.assign(fresh, { store: fixture.store, logger: recordingLogger() });
                await fresh.whenReady();
                assert.deepEqual(maintained, fresh.window({ query: spec, offset: 0, limit: 1000 }), JSON.stringify(spec));
            }
            assert.equal(index.counts().all, [...fixture.store.all(OrdersCollection)].reduce((sum, order) => sum + order.jobs.length, 0));
        });
    });

    describe('sorting', () => {

        beforeEach(async () => {
            await fixture.addOrder('order-1', 3, (_job, at) => ({ copies: [5, 1, 5][at], name: ['b', 'a', 'c'][at] }));
            await fixture.addOrder('order-2', 2, (_job, at) => ({ copies: [1, 5][at], name: ['a', 'B'][at] }));
        });

        it('sorts by two keys in their directions, breaking ties by job id', () => {
            const window = query({ sort: [{ field: 'copies', direction: 'desc' }, { field: 'name', direction: 'asc' }] });
            assert.deepEqual(ids(window), ['order-2-job-2', 'order-1-job-1', 'order-1-job-3', 'order-1-job-2', 'order-2-job-1'],
                '"B" and "b" read alike and sit together, capital first');
            const reversed = query({ sort: [{ field: 'copies', direction: 'asc' }, { field: 'name', direction: 'desc' }] });
            assert.deepEqual(ids(reversed), ['order-1-job-2', 'order-2-job-1', 'order-1-job-3', 'order-1-job-1', 'order-2-job-2'],
                'ties fall back to the id, ascending, whatever the directions');
        });

        it('sorts names as people read them and puts missing values last', async () => {
            await fixture.addOrder('order-3', 1, () => ({ due: '2025-03-01T00:00:00.000+02:00' }));
            await fixture.addOrder('order-4', 1, () => ({ due: '2025-02-28T23:30:00.000Z' }));
            assert.deepEqual(ids(query({ sort: [{ field: 'due', direction: 'asc' }] })).slice(0, 3), ['order-3-job-1', 'order-4-job-1', 'order-1-job-1'],
                'due dates compare as instants whatever their offset; jobs without one follow');
            assert.deepEqual(ids(query({ sort: [{ field: 'name', direction: 'asc' }] })).slice(0, 4),
                ['order-1-job-2', 'order-2-job-1', 'order-2-job-2', 'order-1-job-1'], 'B and b sort together, before "Business…" and "c"');
        });
    });

    describe('grouping', () => {

        beforeEach(async () => {
            await fixture.addOrder('order-1', 3, (_job, at) => ({ state: at < 2 ? 'Waiting for order closeout' : 'Printing' }));
            await fixture.addOrder('order-2', 1);
            await fixture.addOrder('order-3', 2, () => ({ state: 'Waiting for order closeout' }));
        });

        it('gives each group a header with its job count and how many wait for closeout, then its jobs', () => {
            const window = query({ groupBy: 'orderNumber', sort: [{ field: 'id', direction: 'desc' }] });
            assert.deepEqual(ids(window), [
                '[PW-order-1]', 'order-1-job-3', 'order-1-job-2', 'order-1-job-1',
                '[PW-order-2]', 'order-2-job-1',
                '[PW-order-3]', 'order-3-job-2', 'order-3-job-1'
            ]);
            assert.deepEqual(headersOf(window.items).map(group => [group.label, group.jobCount, group.waitingForCloseout, group.collapsed]),
                [['PW-order-1', 3, 2, false], ['PW-order-2', 1, 0, false], ['PW-order-3', 2, 2, false]]);
            assert.equal(window.total, 9);
            assert.equal(window.matchingJobs, 6);
            const firstJob = window.items[1];
            assert.equal(firstJob.kind === 'job' && firstJob.group, 'PW-order-1');
        });

        it('orders groups in the primary sort direction when it sorts by the group field', () => {
            assert.deepEqual(headersOf(query({ groupBy: 'orderNumber', sort: [{ field: 'orderNumber', direction: 'desc' }] }).items).map(group => group.key),
                ['PW-order-3', 'PW-order-2', 'PW-order-1']);
            assert.deepEqual(headersOf(query({ groupBy: 'state', sort: [{ field: 'orderNumber', direction: 'desc' }] }).items).map(group => group.key),
                ['Printing', 'Received', 'Waiting for order closeout']);
        });

        it('leaves the jobs of collapsed groups out but keeps their headers and counts', () => {
            const window = query({ groupBy: 'orderNumber', collapsed: ['PW-order-1', 'PW-order-3'] });
            assert.deepEqual(ids(window), ['[PW-order-1]', '[PW-order-2]', 'order-2-job-1', '[PW-order-3]']);
            assert.equal(window.total, 4);
            assert.deepEqual(headersOf(window.items).map(group => [group.jobCount, group.collapsed]), [[3, true], [1, false], [2, true]]);
        });

        it('cuts windows anywhere, across group boundaries, that add up to the whole list', () => {
            const whole = ids(query({ groupBy: 'state', collapsed: ['Printing'] }));
            assert.equal(whole.length, 8, 'three headers, the Received job and four waiting for closeout');
            for (const limit of [1, 2, 3, 4]) {
                const pieces: string[] = [];
                for (let offset = 0; offset < whole.length; offset += limit) {
                    const window = query({ groupBy: 'state', collapsed: ['Printing'] }, offset, limit);
                    assert.equal(window.offset, offset);
                    assert.equal(window.total, whole.length);
                    pieces.push(...ids(window));
                }
                assert.deepEqual(pieces, whole, `windows of ${limit}`);
            }
            assert.deepEqual(ids(query({ groupBy: 'state' }, 100, 10)), [], 'a window past the end is empty');
        });
    });

    describe('filtering', () => {

        beforeEach(async () => {
            await fixture.addWorkflow('wf-1', 'Large format');
            await fixture.addOrder('order-1', 2, (_job, at) => ({ state: at ? 'Held' : 'Error', workflowId: 'wf-1', waitReason: at ? 'Paper jam at station 4' : undefined }));
            await fixture.addOrder('order-2', 2, (_job, at) => ({ phase: at ? 'Print' : 'Prepare', connectionId: 'connection-2', currentActivity: 'Approve' }),
                { customer: { firstName: 'Grace', lastName: 'Hopper' } });
        });

        it('finds text in any searched field, whatever its case', () => {
            assert.deepEqual(ids(query({ text: 'PAPER JAM' })), ['order-1-job-2']);
            assert.deepEqual(ids(query({ text: 'hopper', sort: [{ field: 'id', direction: 'asc' }] })), ['order-2-job-1', 'order-2-job-2']);
            assert.deepEqual(ids(query({ text: 'large form' })).length, 2);
            assert.deepEqual(ids(query({ text: 'approve' })).length, 2);
            assert.deepEqual(ids(query({ text: 'order-1-job-1' })), ['order-1-job-1']);
            assert.deepEqual(ids(query({ text: 'error' })), ['order-1-job-1'], 'the state is searched');
            assert.deepEqual(ids(query({ text: 'nothing like this' })), []);
        });

        it('narrows the previous matches as the text grows, and widens again as it shrinks', async () => {
            const typed = ['o', 'or', 'ord', 'order-2', 'order-2-job-2', 'order-2'].map(text => ids(query({ text, sort: [{ field: 'id', direction: 'asc' }] })));
            assert.deepEqual(typed[0].length, 4);
            assert.deepEqual(typed[3], ['order-2-job-1', 'order-2-job-2']);
            assert.deepEqual(typed[4], ['order-2-job-2']);
            assert.deepEqual(typed[5], typed[3]);
            await fixture.addOrder('order-22', 1);
            assert.deepEqual(ids(query({ text: 'order-2-job-2', sort: [{ field: 'id', direction: 'asc' }] })), ['order-2-job-2']);
            assert.deepEqual(ids(query({ text: 'order-22', sort: [{ field: 'id', direction: 'asc' }] })), ['order-22-job-1'],
                'a job that came after the shorter text was typed is found');
        });

        it('combines facets (any of the values) with each other and with the text', () => {
            const states = (state: JobState[]): string[] => ids(query({ facets: { state }, sort: [{ field: 'id', direction: 'asc' }] }));
            assert.deepEqual(states(['Error', 'Held']), ['order-1-job-1', 'order-1-job-2']);
            assert.deepEqual(ids(query({ facets: { phase: ['Print'] } })), ['order-2-job-2']);
            assert.deepEqual(ids(query({ facets: { workflowId: ['wf-1'], state: ['Held'] } })), ['order-1-job-2']);
            assert.deepEqual(ids(query({ facets: { connectionId: ['connection-2'] }, text: 'grace', sort: [{ field: 'id', direction: 'desc' }] })),
                ['order-2-job-2', 'order-2-job-1']);
            const window = query({ facets: { connectionId: ['connection-1'] } });
            assert.equal(window.matchingJobs, 2);
            assert.equal(window.allJobs, 4);
        });

        it('keeps order numbers with hidden characters apart from the number they look like, and counts them as look-alikes', async () => {
            await fixture.addOrder('plain', 1, undefined, { orderNumber: '1001' });
            const zeroWidth = await fixture.addOrder('zero-width', 2, undefined, { orderNumber: '10\u200B01' });
            await fixture.addOrder('override', 1, undefined, { orderNumber: '\u202E1001' });
            const search = (text: string): JobWindow => query({ text, sort: [{ field: 'id', direction: 'asc' }] });

            const typed = search('1001');
            assert.deepEqual(ids(typed), ['override-job-1', 'plain-job-1'], 'the override holds "1001" as typed; the zero-width space splits it');
            assert.equal(typed.lookAlikes, 3, 'both jobs of 10\u200B01 and the one of \u202E1001 look like 1001');
            assert.equal(search(' 1001 ').lookAlikes, 3);

            const exact = search('10\u200B01');
            assert.deepEqual(ids(exact), ['zero-width-job-1', 'zero-width-job-2']);
            assert.equal(exact.lookAlikes, 1, 'the number searched for is not its own look-alike; \u202E1001 still is one');

            assert.equal(search('').lookAlikes, 0);
            assert.equal(search('100').lookAlikes, 0, 'only a whole order number is a look-alike');

            await fixture.store.delete(OrdersCollection, zeroWidth.id, zeroWidth.version);
            assert.equal(search('1001').lookAlikes, 1, 'a removed order is no look-alike any more');
        });
    });
});
