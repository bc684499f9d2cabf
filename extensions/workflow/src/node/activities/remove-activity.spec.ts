import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { JobDisposal, JobAuditRecord } from './job-disposal';
import { RemoveActivityContribution } from './remove-activity';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder } from '@presswork/platform/lib/node/test/temp-store';
import { RecordingContext, activityContext, orderWithJob, writeJobFiles } from '@presswork/platform/lib/node/test/activity-context';

describe('Remove activity', () => {

    let temp: TempFolder;
    let activity: RemoveActivityContribution;
    let context: RecordingContext<Record<string, never>>;
    let auditFile: string;

    beforeEach(async () => {
        temp = await TempFolder.create();
        const disposal = inject(new JobDisposal(), { config: { dataFolder: temp.join('data'), demo: false } });
        activity = inject(new RemoveActivityContribution(), { disposal });
        const { order, job } = orderWithJob({
            receivedAt: '2026-02-27T23:30:00.000-05:00',
            properties: { paper: '350gsm matt', rush: true },
            log: [{ at: '2026-02-28T04:30:00.000Z', level: 'info', message: 'Received' }, { at: '2026-02-28T05:00:00.000Z', level: 'info', message: 'Printed' }]
        });
        context = activityContext({}, { order, job, jobFolder: temp.join('data', 'jobs', job.id) });
        await writeJobFiles(context.jobFolder, { [job.files[0].name]: 'pdf bytes' });
        await writeJobFiles(temp.join('data', 'jobs', order.jobs[1].id), { 'other.pdf': 'another job' });
        // The month the job arrived, in UTC (the record is found there again on a repeat).
        auditFile = temp.join('data', 'audit', '2026-02', `${job.id}.json`);
    });

    afterEach(async () => {
        await temp.remove();
    });

    it('writes the audit record (properties, full log, order without other jobs\' logs), then removes the job and its folder', async () => {
        const outcome = await activity.execute(context);

        assert.deepEqual(outcome, { kind: 'remove' });
        const record = JSON.parse(await fs.readFile(auditFile, 'utf8')) as JobAuditRecord;
        assert.equal(record.format, 'presswork-job-audit');
        assert.deepEqual(record.job, context.job);
        assert.deepEqual(record.job.properties, { paper: '350gsm matt', rush: true });
        assert.equal(record.job.log.length, 2);
        assert.equal(record.order.orderNumber, context.order.orderNumber);
        assert.deepEqual(record.order.jobs.map(job => job.id), context.order.jobs.map(job => job.id));
        assert.ok(record.order.jobs.every(job => !('log' in job)));
        assert.deepEqual(await fs.readdir(path.dirname(auditFile)), [path.basename(auditFile)], 'no temporary file is left');

        await assert.rejects(fs.stat(context.jobFolder));
        assert.deepEqual(await fs.readdir(temp.join('data', 'jobs')), [context.order.jobs[1].id], 'the other job\'s folder stays');
    });

    it('is harmless to repeat: the record is overwritten, a missing folder is fine', async () => {
        await activity.execute(context);

        assert.deepEqual(await activity.execute(context), { kind: 'remove' });
        assert.deepEqual(await fs.readdir(path.dirname(auditFile)), [path.basename(auditFile)]);
    });

    it('keeps the job, and fails with the reason, when the audit record cannot be written', async () => {
        await fs.mkdir(temp.join('data'), { recursive: true });
        await fs.writeFile(temp.join('data', 'audit'), 'a file where the audit folder should be');

        const outcome = await activity.execute(context);

        assert.equal(outcome.kind, 'fail');
        assert.match((outcome as { message: string }).message, /^The audit record could not be written, so the job is kept: /);
        assert.ok((await fs.stat(context.jobFolder)).isDirectory());
    });

    it('refuses to remove anything but a job folder', async () => {
        const disposal = inject(new JobDisposal(), { config: { dataFolder: temp.join('data'), demo: false } });

        await assert.rejects(disposal.removeJobFolder('..'), /is not a job id/);
        await assert.rejects(disposal.removeJobFolder('a/b'), /is not a job id/);
        assert.ok((await fs.stat(temp.join('data', 'jobs'))).isDirectory());
    });
});
