import * as assert from 'node:assert/strict';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { markPrintedEnablement, printAgainEnablement } from './print-job-rules';

function row(fields: Partial<JobRow> = {}): JobRow {
    return {
        id: 'job-1', name: 'Business cards', orderId: 'order-1', orderNumber: 'MC-1001', customer: 'Ada', connectionId: 'c1',
        phase: 'Print', state: 'Waiting', currentActivity: 'print', copies: 250, priority: 5,
        receivedAt: '2026-12-05T10:00:00.000Z', updatedAt: '2026-12-05T10:00:00.000Z', orderVersion: 1, ...fields
    };
}

describe('Print again and Mark printed: when they apply', () => {
    const uncertain = row({ printingUncertain: 'Printer A no longer knows job 12' });

    it('offers both for a job whose print is uncertain', () => {
        assert.equal(printAgainEnablement([uncertain]), true);
        assert.equal(markPrintedEnablement([uncertain]), true);
    });

    it('offers Print again, not Mark printed, for a job in Error at its Print step (by type or by label)', () => {
        for (const currentActivity of ['print', 'Print']) {
            const failed = row({ state: 'Error', currentActivity });
            assert.equal(printAgainEnablement([failed]), true);
            assert.equal(markPrintedEnablement([failed]), 'Job Business cards has no uncertain print');
        }
    });

    it('refuses, saying why, for a job printing normally, in Error elsewhere, or a selection of other than one job', () => {
        assert.equal(printAgainEnablement([row({ state: 'Printing' })]), 'Job Business cards has no uncertain or failed print');
        assert.equal(printAgainEnablement([row({ state: 'Error', currentActivity: 'prepress-check' })]), 'Job Business cards has no uncertain or failed print');
        assert.equal(printAgainEnablement([]), 'Select a job');
        assert.equal(markPrintedEnablement([uncertain, uncertain]), 'Select exactly one job');
    });
});
