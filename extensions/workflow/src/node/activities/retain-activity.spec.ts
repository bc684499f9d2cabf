import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import type { Job } from '@presswork/platform/lib/common';
import { RetainPropertiesSchema } from '../../common/supplied-activities';
import { JobDisposal } from './job-disposal';
import { RetainActivityContribution, retentionMarker } from './retain-activity';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { RecordingContext, activityContext, orderWithJob, writeJobFiles } from '@presswork/platform/lib/node/test/activity-context';

type Properties = ReturnType<typeof RetainPropertiesSchema.parse>;

describe('Retain activity', () => {

    const STEP = { id: 'complete-retain', activity: 'retain', properties: {} };
    const START = new Date('2026-03-01T10:00:00.000Z');
    let temp: TempFolder;
    let activity: RetainActivityContribution;

    beforeEach(async () => {
        temp = await TempFolder.create();
        const disposal = inject(new JobDisposal(), { config: { dataFolder: temp.join('data'), demo: false } });
        activity = inject(new RetainActivityContribution(), { disposal });
    });

    afterEach(async () => {
        await temp.remove();
    });

    function contextFor(properties: Partial<Properties>, jobChange: Partial<Job> = {}): RecordingContext<Properties> {
        const { order, job } = orderWithJob(jobChange);
        return activityContext(RetainPropertiesSchema.parse(properties), { order, job, step: STEP, jobFolder: temp.join('data', 'jobs', job.id) });
    }

    /** The job as the engine hands it to the next run: with what the last run logged. */
    function withLogged(context: RecordingContext<Properties>): Partial<Job> {
        return { log: [...context.job.log, ...context.logged.map(line => ({ at: START.toISOString(), level: line.level, message: line.message }))] };
    }

    it('keeps the job for days and hours from the first run, recording that start in the job log', async () => {
        const context = contextFor({ days: 2, hours: 3 });

        const outcome = await activity.execute(context, START);

        assert.deepEqual(outcome, { kind: 'wait', state: 'Retained', reason: 'Retained until 2026-03-03 13:00 UTC', until: '2026-03-03T13:00:00.000Z' });
        assert.deepEqual(context.logged, [{ message: retentionMarker(START, STEP.id), level: 'info' }]);
    });

    it('does not extend the period when it runs again (a restart, a wake-up before the end)', async () => {
        const first = contextFor({ days: 1 });
        await activity.execute(first, START);
        const later = contextFor({ days: 1 }, withLogged(first));

        const outcome = await activity.execute(later, new Date('2026-03-02T09:00:00.000Z'));

        assert.deepEqual(outcome, { kind: 'wait', state: 'Retained', reason: 'Retained until 2026-03-02 10:00 UTC', until: '2026-03-02T10:00:00.000Z' });
        assert.deepEqual(later.logged, [], 'the start is not recorded again');
    });

    it('removes the job, with its audit record, once the period is over', async () => {
        const first = contextFor({ days: 0, hours: 5 });
        await activity.execute(first, START);
        const later = contextFor({ days: 0, hours: 5 }, withLogged(first));
        await writeJobFiles(later.jobFolder, { 'job.pdf': 'x' });

        const outcome = await activity.execute(later, new Date('2026-03-01T15:00:00.000Z'));

        assert.deepEqual(outcome, { kind: 'remove' });
        await assert.rejects(fs.stat(later.jobFolder));
        const month = new Date(later.job.receivedAt).toISOString().slice(0, 7);
        const record = JSON.parse(await fs.readFile(temp.join('data', 'audit', month, `${later.job.id}.json`), 'utf8'));
        assert.equal(record.job.id, later.job.id);
    });

    it('waits with no end when it retains indefinitely', async () => {
        const context = contextFor({ indefinitely: true });

        assert.deepEqual(await activity.execute(context, START), { kind: 'wait', state: 'Retained', reason: 'Retained indefinitely' });
        assert.equal(context.logged.length, 1);
    });

    it('ignores a start another step recorded', async () => {
        const other = { log: [{ at: START.toISOString(), level: 'info' as const, message: retentionMarker(new Date('2020-01-01T00:00:00.000Z'), 'another-step') }] };
        const context = contextFor({ days: 1 }, other);

        const outcome = await activity.execute(context, START);

        assert.ok(outcome.kind === 'wait');
        assert.equal(outcome.until, '2026-03-02T10:00:00.000Z');
    });
});
