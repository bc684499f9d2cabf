import * as assert from 'node:assert/strict';
import * as React from '@theia/core/shared/react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import type { BatchView } from '../../common/batch/batch-protocol';
import { BatchCard, BatchCardProps } from './batch-card';
import { splitEnablement, waitingInBatchEnablement } from './batch-job-rules';
import { ageWords, fillWords, keysWords } from './batch-words';

const NOW = Date.parse('2026-12-05T16:30:00.000Z');

function row(id: string, fields: Partial<JobRow> = {}): JobRow {
    return {
        id, name: `Cards ${id}`, orderId: 'order-1', orderNumber: 'MC-1001', customer: 'Ada', connectionId: 'c1',
        phase: 'Print', state: 'Waiting for batch', batchId: 'B-0042', currentActivity: 'batch', copies: 250, priority: 5,
        receivedAt: '2026-12-05T10:00:00.000Z', updatedAt: '2026-12-05T10:00:00.000Z', orderVersion: 1, ...fields
    };
}

function member(jobId: string, orderNumber: string): BatchView['members'][number] {
    return { jobId, orderId: `order-${jobId}`, orderNumber, jobName: `Cards ${jobId}`, copies: 250, joinedAt: '2026-12-05T16:10:00.000Z' };
}

function batch(fields: Partial<BatchView> = {}): BatchView {
    return {
        id: 'B-0042', version: 3, workflowId: 'wf-print', stepId: 'print-batch', keys: { media: 'Cougar 100' },
        rules: { groupBy: ['media'], jobsPerBatch: 3, timesOfDay: [] }, state: 'open',
        members: [member('j1', 'MC-1001'), member('j2', 'MC-1002')], openedAt: '2026-12-05T16:10:00.000Z',
        log: [{ at: '2026-12-05T16:10:00.000Z', level: 'info', message: 'Job Cards j1 of order MC-1001 joined' }], ...fields
    };
}

function card(props: Partial<BatchCardProps> = {}): string {
    const element = <BatchCard batch={batch()} now={NOW} acts ticked={new Set()} onTick={() => undefined} onRelease={() => undefined} onSplit={() => undefined} {...props} />;
    return renderToStaticMarkup(element).replace(/&#x27;/g, '\'');
}

/** The text of the element with `data-field="<field>"`. */
function field(html: string, name: string): string | undefined {
    return html.match(new RegExp(`data-field="${name}">(.*?)</dd>`))?.[1].replace(/<[^>]+>/g, '');
}

describe('Batches: the job actions\' rules and the view\'s parts', () => {

    describe('Release batch now and Remove from batch', () => {
        it('apply to jobs waiting for a batch, in one batch or several', () => {
            assert.equal(waitingInBatchEnablement([row('j1'), row('j2', { batchId: 'B-0043' })]), true);
        });

        it('refuse, naming the job, for a job not waiting for a batch, and ask for a selection', () => {
            assert.equal(waitingInBatchEnablement([row('j1'), row('j2', { state: 'Printing' })]), 'Job Cards j2 is not waiting for a batch (only jobs Waiting for batch)');
            assert.equal(waitingInBatchEnablement([row('j1', { batchId: undefined })]), 'Job Cards j1 is not waiting for a batch (only jobs Waiting for batch)');
            assert.equal(waitingInBatchEnablement([]), 'Select a job');
        });
    });

    describe('Split batch', () => {
        const sizes = (batchId: string) => ({ 'B-0042': 3 } as Record<string, number>)[batchId];

        it('applies to some of the jobs of one batch', () => {
            assert.equal(splitEnablement([row('j1'), row('j2')], sizes), true);
        });

        it('refuses jobs of two batches, all of a batch, or jobs not waiting for a batch, saying why', () => {
            assert.equal(splitEnablement([row('j1'), row('j2', { batchId: 'B-0043' })], sizes), 'Select jobs of one batch: these wait in B-0042, B-0043');
            assert.equal(splitEnablement([row('j1'), row('j2'), row('j3')], sizes),
                'Select some of the jobs of batch B-0042, not all of them: the jobs selected move to a new batch');
            assert.equal(splitEnablement([row('j1', { state: 'Held' })], sizes), 'Job Cards j1 is not waiting for a batch (only jobs Waiting for batch)');
        });

        it('leaves a batch of unknown size to the backend', () => {
            assert.equal(splitEnablement([row('j1', { batchId: 'B-0099' })], sizes), true);
        });
    });

    describe('words', () => {
        it('says the fill against Jobs per batch, or the count alone', () => {
            assert.equal(fillWords(batch()), '2 of 3 jobs');
            assert.equal(fillWords(batch({ rules: { groupBy: [], timesOfDay: ['14:00'] } })), '2 jobs');
            assert.equal(fillWords(batch({ rules: { groupBy: [], timesOfDay: [] }, members: [member('j1', 'MC-1')] })), '1 job');
        });

        it('names the keys by their labels', () => {
            assert.equal(keysWords(batch({ keys: { media: 'Cougar 100', sides: 'two-sided', dueDay: '2026-12-07' } })), 'Media: Cougar 100 · Sides: two-sided · Due date (day): 2026-12-07');
            assert.equal(keysWords(batch({ keys: {} })), 'Any job of the step');
        });

        it('says an age in whole units', () => {
            assert.equal(ageWords('2026-12-05T16:29:15.000Z', NOW), '45 s');
            assert.equal(ageWords('2026-12-05T16:10:00.000Z', NOW), '20 min');
            assert.equal(ageWords('2026-12-05T13:25:00.000Z', NOW), '3 h 5 min');
            assert.equal(ageWords('2026-12-03T12:00:00.000Z', NOW), '2 d 4 h');
        });
    });

    describe('a batch\'s card', () => {
        it('shows an open batch\'s keys, fill, age and next release, its jobs, its log, and the actions for staff', () => {
            const html = card({ batch: batch({ nextRelease: 'when 1 more job arrives' }) });
            assert.equal(field(html, 'keys'), 'Media: Cougar 100');
            assert.equal(field(html, 'fill'), '2 of 3 jobs');
            assert.equal(field(html, 'age'), '20 min');
            assert.equal(field(html, 'nextRelease'), 'when 1 more job arrives');
            assert.match(html, /data-job-id="j2"><td><input type="checkbox"/);
            assert.match(html, /Job Cards j1 of order MC-1001 joined/);
            assert.match(html, />Release batch now</);
            assert.match(html, /<button[^>]*disabled=""[^>]*>Split batch</, 'Split waits for some jobs to be ticked');
        });

        it('enables Split batch for some jobs ticked, not all', () => {
            assert.doesNotMatch(card({ ticked: new Set(['j1']) }), /disabled=""[^>]*>Split batch/);
            assert.match(card({ ticked: new Set(['j1', 'j2']) }), /disabled=""[^>]*>Split batch/);
        });

        it('offers no action to a Monitor, and says a batch without a rule is released by hand only', () => {
            const html = card({ acts: false });
            assert.doesNotMatch(html, /Release batch now|type="checkbox"/);
            assert.equal(field(html, 'nextRelease'), 'by hand only');
        });

        it('shows a released batch\'s release, output file, printer and printer job', () => {
            const released = batch({
                state: 'released', releasedAt: '2026-12-05T16:20:00.000Z', releaseReason: '3 of 3 jobs',
                output: {
                    stepId: 'print-print', printerId: 'printer-a', printerName: 'Printer A', jobName: 'B-0042', fileName: 'B-0042.pdf', pages: 4,
                    jobIds: ['j1', 'j2'], requestedAt: '2026-12-05T16:20:01.000Z', deviceJobId: 42
                }
            });
            const html = card({ batch: released });
            assert.match(field(html, 'released')!, /3 of 3 jobs$/);
            assert.equal(field(html, 'output'), 'B-0042.pdf · 4 pages');
            assert.equal(field(html, 'printer'), 'Printer A');
            assert.equal(field(html, 'deviceJob'), 'job 42');
            assert.equal(field(html, 'age'), undefined);
            assert.doesNotMatch(html, /Release batch now/);
        });
    });
});
