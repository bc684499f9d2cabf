import * as assert from 'node:assert/strict';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { ActivityUpdates } from './activity-updates';
import { JOB_LOG_LIMIT } from '@presswork/platform/lib/common/document-limits';
import { appendJobLog, logEntry } from '@presswork/platform/lib/common/job-log';
import { jobDocument } from './test/engine-fixture';

describe('ActivityUpdates', () => {

    let job: Job;
    let writes: number;
    let updates: ActivityUpdates;

    beforeEach(() => {
        job = jobDocument('j1', 'o1', { state: 'Processing', log: [] });
        writes = 0;
        updates = new ActivityUpdates(async change => {
            const next = change(job);
            if (next) {
                writes++;
                job = next;
            }
        }, current => current.state === 'Processing' || current.state === 'Printing', error => {
            throw error;
        });
    });

    it('writes log lines reported together in one write', async () => {
        await Promise.all([updates.log('one'), updates.log('two', 'warning'), updates.setState('Printing')]);
        assert.equal(writes, 0, 'reports are taken at once and written on the next turn');
        await updates.written();
        assert.equal(writes, 1);
        assert.deepEqual(job.log.map(entry => [entry.level, entry.message]), [['info', 'one'], ['warning', 'two']]);
        assert.equal(job.state, 'Printing');
    });

    it('hands log lines not written yet to the outcome\'s write', async () => {
        await updates.log('last words');
        job = updates.takeLog(job);
        assert.deepEqual(job.log.map(entry => entry.message), ['last words']);
        await updates.written();
        assert.equal(writes, 0);
    });

    it('writes what is reported during a write in the next one, in order', async () => {
        await updates.log('one');
        await new Promise(resolve => setImmediate(resolve));
        await updates.log('two');
        await updates.log('three');
        await updates.written();
        assert.equal(writes, 2);
        assert.deepEqual(job.log.map(entry => entry.message), ['one', 'two', 'three']);
    });

    it('does not write a state the job already shows, nor one after the outcome', async () => {
        await updates.setState('Processing');
        updates.end();
        await updates.setState('Printing');
        assert.equal(writes, 0);
        await assert.rejects(updates.setState('Complete' as never), /Processing or Printing, not Complete/);
    });

    it('still records log lines that come after the outcome', async () => {
        updates.end();
        await updates.log('late');
        await updates.written();
        assert.deepEqual(job.log.map(entry => entry.message), ['late']);
    });
});

describe('job log', () => {

    it('keeps the newest entries within the limit and clips long messages', () => {
        const at = '2025-03-01T08:00:00.000Z';
        const full = Array.from({ length: JOB_LOG_LIMIT }, (_, index) => logEntry(at, `entry ${index}`));
        const log = appendJobLog(full, [logEntry(at, 'x'.repeat(5000), 'error', 'o'.repeat(100))]);
        assert.equal(log.length, JOB_LOG_LIMIT);
        assert.equal(log[0].message, 'entry 1');
        assert.equal(log.at(-1)!.message.length, 4000);
        assert.equal(log.at(-1)!.by!.length, 64);
    });
});
