import * as assert from 'node:assert/strict';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { JobActionRules, SELECT_A_JOB, SELECT_ONE_JOB } from './job-action-enablement';
import { JOB_ACTION_SPECS } from './job-action-catalog';
import { describePrintFile } from './print-file-facts';

function row(name: string, fields: Partial<JobRow> = {}): JobRow {
    return {
        id: `job-${name}`, name, orderId: 'order-1', orderNumber: '1001', customer: 'Ada', connectionId: 'conn-1',
        phase: 'Prepare', state: 'Waiting', currentActivity: 'prepress-check', copies: 1, priority: 5, receivedAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z', orderVersion: 1, ...fields
    };
}

describe('Open print file…', () => {
    const rule = JobActionRules.openPrintFile;

    it('is an inspection for those who may inspect jobs', () => {
        const spec = JOB_ACTION_SPECS.find(candidate => candidate.key === 'openPrintFile');
        assert.equal(spec?.label, 'Open print file…');
        assert.equal(spec?.permission, 'jobs.inspect');
        assert.equal(spec?.id, 'presswork.jobs.openPrintFile');
    });

    it('applies to exactly one job whose print file has arrived, and says why not otherwise', () => {
        const arrived = row('Flyer', { printFile: { pageCount: 2, width: 595.28, height: 841.89 } });
        assert.equal(rule({ jobs: [arrived] }), true);
        assert.equal(rule({ jobs: [row('Flyer', { printFile: {} })] }), true, 'its pages need not be counted yet');
        assert.equal(rule({ jobs: [row('Cards')] }), 'The print file of job Cards has not arrived yet');
        assert.equal(rule({ jobs: [] }), SELECT_A_JOB);
        assert.equal(rule({ jobs: [arrived, arrived] }), SELECT_ONE_JOB);
    });

    it('says the page count and size in words', () => {
        assert.equal(describePrintFile({ pageCount: 12, width: 595.28, height: 841.89 }), '12 pages · A4 · 210 × 297 mm');
        assert.equal(describePrintFile({ pageCount: 1, width: 630, height: 810 }), '1 page · 222 × 286 mm');
        assert.equal(describePrintFile({}), 'Counting pages…');
        assert.equal(describePrintFile({ unreadable: 'The print file is not a PDF' }), 'The print file is not a PDF');
        assert.equal(describePrintFile(undefined), 'Not arrived yet');
    });
});
