import * as assert from 'node:assert/strict';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import type { JobListItem, JobWindow, JobWindowRequest } from '../../common/job-query';
import type { LiveJobWindowRequest } from '../../common/jobs-protocol';
import { JobWindowModel } from './job-window-model';
import { moveColumn, sortAfterClick, toggleColumn } from './pod-view-state';

function row(index: number, state: JobRow['state'] = 'Queued', orderVersion = 1): JobRow {
    return {
        id: `job-${index}`, name: `Job ${index}`, orderId: `order-${Math.floor(index / 2)}`, orderNumber: `PW-${Math.floor(index / 2)}`,
        customer: 'Ada', connectionId: 'c', phase: 'Prepare', state, copies: 1, priority: 5, receivedAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z', orderVersion
    };
}

/** A backend of `count` jobs; `hidden` jobs do not pass the filter. */
function backend(count: number, hidden = new Set<string>()): { fetch: (request: JobWindowRequest) => Promise<JobWindow>, requests: JobWindowRequest[] } {
    const requests: JobWindowRequest[] = [];
    let shown: number[] = [];
    let shownFor = -1;
    return {
        requests,
        fetch: async request => {
            requests.push(request);
            if (shownFor !== hidden.size) {
                shown = Array.from({ length: count }, (_, index) => index).filter(index => !hidden.has(`job-${index}`));
                shownFor = hidden.size;
            }
            const items: JobListItem[] = shown.slice(request.offset, request.offset + request.limit).map(index => ({ kind: 'job', row: row(index) }));
            return { offset: request.offset, items, total: shown.length, matchingJobs: shown.length, allJobs: count, lookAlikes: 0 };
        }
    };
}

function jobAt(model: JobWindowModel, index: number): JobRow | undefined {
    const item = model.itemAt(index);
    return item?.kind === 'job' ? item.row : undefined;
}

describe('JobWindowModel', () => {
    it('fetches only the window around the visible range and knows the total', async () => {
        const store = backend(10_000);
        const model = new JobWindowModel(store.fetch, {});
        await model.setRange(5000, 5030);
        assert.equal(model.total, 10_000);
        assert.equal(jobAt(model, 5000)?.id, 'job-5000');
        assert.equal(model.itemAt(100), undefined);
        assert.ok(store.requests.every(request => request.limit <= 400));
        const before = store.requests.length;
        await model.setRange(5001, 5031);
        assert.equal(store.requests.length, before, 'a range already loaded is not fetched again');
    });

    it('keeps only the items near what the user sees, so scrolling through everything does not grow the cache', async () => {
        const model = new JobWindowModel(backend(100_000).fetch, {});
        for (let start = 0; start < 100_000; start += 300) {
            await model.setRange(start, start + 40);
        }
        assert.ok([...model.loadedItems()].length <= 2 * 1000 + 400, 'bounded cache');
        assert.equal(jobAt(model, 99_960)?.id, 'job-99960');
    });

    it('takes the watched window the backend sends, and drops one sent for an earlier window', async () => {
        const store = backend(100);
        const watched: LiveJobWindowRequest[] = [];
        const model = new JobWindowModel(store.fetch, {}, undefined, request => {
            watched.push(request);
            return store.fetch(request);
        });
        await model.setQuery({});
        await model.setRange(0, 20);
        assert.equal(watched.length, 1, 'a new query is watched');
        const items: JobListItem[] = [row(2, 'Held', 2), row(3)].map(held => ({ kind: 'job', row: held }));
        model.applyUpdate({ watch: watched[0].watch, offset: 2, items, total: 100, matchingJobs: 100, allJobs: 100, lookAlikes: 0, left: [] });
        assert.equal(jobAt(model, 2)?.state, 'Held');
        model.applyUpdate({ watch: watched[0].watch - 1, offset: 2, items: [{ kind: 'job', row: row(2) }], total: 100, matchingJobs: 100, allJobs: 100, lookAlikes: 0, left: [] });
        assert.equal(jobAt(model, 2)?.state, 'Held', 'an update of an earlier window is dropped');
    });

    it('changes only the counts and the scroll height when the backend says the items stayed', async () => {
        const store = backend(100);
        const model = new JobWindowModel(store.fetch, {}, undefined, store.fetch);
        await model.setQuery({});
        await model.setRange(0, 20);
        model.applyUpdate({ watch: 1, offset: 0, total: 150, matchingJobs: 150, allJobs: 160, lookAlikes: 0, left: [] });
        assert.equal(model.total, 150);
        assert.equal(model.allJobs, 160);
        assert.equal(jobAt(model, 0)?.id, 'job-0', 'the loaded rows stay');
    });

    it('fades a row that left the list before the update removes it', async () => {
        const hidden = new Set<string>();
        const timers: (() => void)[] = [];
        const store = backend(100, hidden);
        const model = new JobWindowModel(store.fetch, {}, ((callback: () => void) => timers.push(callback)) as unknown as typeof setTimeout, store.fetch);
        await model.setQuery({});
        await model.setRange(0, 20);
        hidden.add('job-2');
        const window = await store.fetch({ query: {}, offset: 0, limit: 100 });
        model.applyUpdate({ watch: 1, ...window, left: ['job-2'] });
        assert.ok(model.isFading('job-2'));
        assert.equal(jobAt(model, 2)?.id, 'job-2', 'still shown while it fades');
        assert.equal(timers.length, 1);
        timers[0]();
        assert.ok(!model.isFading('job-2'));
        assert.equal(jobAt(model, 2)?.id, 'job-3');
        assert.equal(model.total, 99);
    });

    it('has the backend watch the new window once scrolling rests outside the watched one', async () => {
        const store = backend(10_000);
        const timers: (() => void)[] = [];
        const watched: LiveJobWindowRequest[] = [];
        const model = new JobWindowModel(store.fetch, {}, ((callback: () => void) => timers.push(callback)) as unknown as typeof setTimeout, request => {
            watched.push(request);
            return store.fetch(request);
        });
        await model.setQuery({});
        await model.setRange(0, 40);
        assert.equal(timers.length, 0, 'inside the watched window');
        await model.setRange(5000, 5040);
        await model.setRange(5010, 5050);
        assert.equal(timers.length, 2);
        timers[timers.length - 1]();
        await new Promise(resolve => setImmediate(resolve));
        assert.equal(watched.length, 2);
        assert.ok(watched[1].offset <= 5010 && watched[1].offset + watched[1].limit > 5050);
        assert.ok(watched[1].watch > watched[0].watch);
    });

    it('drops answers to an earlier query', async () => {
        let release: () => void = () => undefined;
        const store = backend(50);
        const slow = (request: JobWindowRequest): Promise<JobWindow> => request.query.text === 'slow'
            ? new Promise(resolve => release = () => resolve({ offset: 0, items: [], total: 0, matchingJobs: 0, allJobs: 50, lookAlikes: 0 }))
            : store.fetch(request);
        const model = new JobWindowModel(slow, { text: 'slow' });
        const first = model.setQuery({ text: 'slow' });
        await model.setQuery({ text: '' });
        release();
        await first;
        assert.equal(model.total, 50);
    });
});

describe('pod view state', () => {
    it('sorts by a clicked column, reverses on a second click, and adds a key with shift', () => {
        let sort = sortAfterClick([{ field: 'receivedAt', direction: 'desc' }], 'orderNumber', false);
        assert.deepEqual(sort, [{ field: 'orderNumber', direction: 'asc' }]);
        sort = sortAfterClick(sort, 'orderNumber', false);
        assert.deepEqual(sort, [{ field: 'orderNumber', direction: 'desc' }]);
        sort = sortAfterClick(sort, 'name', true);
        assert.deepEqual(sort, [{ field: 'orderNumber', direction: 'desc' }, { field: 'name', direction: 'asc' }]);
    });

    it('moves and toggles columns, never hiding the last one', () => {
        const columns = [{ id: 'a', width: 50 }, { id: 'b', width: 50 }, { id: 'c', width: 50 }];
        assert.deepEqual(moveColumn(columns, 'c', 'a').map(column => column.id), ['c', 'a', 'b']);
        const only = [{ id: 'a', width: 50 }];
        assert.deepEqual(toggleColumn(only, { id: 'a', label: 'A', field: 'id', defaultWidth: 50, visibleByDefault: true }), only);
        assert.equal(toggleColumn(columns, { id: 'd', label: 'D', field: 'id', defaultWidth: 70, visibleByDefault: false }).length, 4);
    });
});
