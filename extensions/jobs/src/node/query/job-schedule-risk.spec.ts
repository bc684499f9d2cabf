import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { WAITING_FOR_BATCH } from '@presswork/platform/lib/common/job-status';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { JobListItem, JobQuery } from '../../common/job-query';
import { JobsStoreFixture, createJobsStoreFixture } from '../test/jobs-store-fixture';

const HOUR = 3_600_000;
const at = (offset: number): string => new Date(Date.now() + offset).toISOString();
const jobIds = (items: JobListItem[]): string[] => items.map(item => item.kind === 'job' ? item.row.id : `[${item.key}]`);

describe('JobRowIndex: priority, batches and schedule risk', () => {

    let fixture: JobsStoreFixture;

    beforeEach(async () => {
        fixture = await createJobsStoreFixture();
    });

    afterEach(async () => {
        sinon.restore();
        await fixture.dispose();
    });

    function window(query: JobQuery): JobListItem[] {
        return fixture.index.window({ query: { sort: [{ field: 'id', direction: 'asc' }], ...query }, offset: 0, limit: 100 }).items;
    }

    it('marks rows at risk and overdue as of the moment they are read, printed jobs never', async () => {
        await fixture.addOrder('order-a', 4, (_job, index) => [
            { atRiskAt: at(-HOUR), due: at(HOUR) },
            { atRiskAt: at(-2 * HOUR), due: at(-HOUR) },
            { atRiskAt: at(-2 * HOUR), due: at(-HOUR), state: 'Printed' },
            { atRiskAt: at(HOUR), due: at(2 * HOUR) }
        ][index] as Partial<Job>);
        const rows = window({}).flatMap(item => item.kind === 'job' ? [item.row] : []);
        assert.deepEqual(rows.map(row => [row.atRisk, row.overdue]), [[true, undefined], [true, true], [undefined, undefined], [undefined, undefined]]);
        // A row read again unchanged is the same object (the live window sends only what changed).
        assert.equal((window({})[0] as { row: unknown }).row, rows[0]);
        assert.equal(fixture.index.counts().atRisk, 2);
        assert.deepEqual(jobIds(window({ facets: { schedule: ['atRisk'] } })), ['order-a-job-1', 'order-a-job-2']);
        assert.deepEqual(jobIds(window({ facets: { schedule: ['overdue'] } })), ['order-a-job-2']);
    });

    it('reads a job at risk once its time has come, and says so to the pods without a change to the job', async () => {
        const soon = Date.now() + 150;
        await fixture.addOrder('order-a', 2, (_job, index) => ({ atRiskAt: index ? at(10 * HOUR) : new Date(soon).toISOString(), due: at(20 * HOUR) }));
        const atRisk: JobQuery = { facets: { schedule: ['atRisk'] } };
        assert.deepEqual(jobIds(window(atRisk)), []);
        assert.equal(fixture.index.counts().atRisk, 0);

        // The order's own announcement goes first; the next one is the clock's.
        await new Promise(resolve => setImmediate(resolve));
        await new Promise<void>(resolve => fixture.index.onDidChangeJobs(() => resolve()));
        assert.ok(Date.now() >= soon, 'told when the job turned, not before');
        assert.deepEqual(jobIds(window(atRisk)), ['order-a-job-1']);
        assert.equal(fixture.index.counts().atRisk, 1);

        sinon.useFakeTimers({ now: Date.now() + 10 * HOUR, toFake: ['Date'] });
        assert.deepEqual(jobIds(window(atRisk)), ['order-a-job-1', 'order-a-job-2']);
        assert.equal(fixture.index.counts().atRisk, 2);
    });

    it('counts jobs waiting for a batch, groups by batch and sorts by priority', async () => {
        await fixture.addOrder('order-a', 4, (_job, index) => [
            { state: WAITING_FOR_BATCH, batchId: 'B-0002', properties: { priority: 9 } },
            { state: WAITING_FOR_BATCH, batchId: 'B-0001', properties: { priority: 1 } },
            { state: WAITING_FOR_BATCH, batchId: 'B-0002' },
            {}
        ][index] as Partial<Job>);
        assert.equal(fixture.index.counts().waitingForBatch, 3);
        assert.deepEqual(jobIds(window({ groupBy: 'batchId' })),
            ['[B-0001]', 'order-a-job-2', '[B-0002]', 'order-a-job-1', 'order-a-job-3', '[]', 'order-a-job-4']);
        assert.deepEqual(jobIds(window({ sort: [{ field: 'priority', direction: 'asc' }, { field: 'id', direction: 'asc' }] })),
            ['order-a-job-2', 'order-a-job-3', 'order-a-job-4', 'order-a-job-1']);
    });
});
