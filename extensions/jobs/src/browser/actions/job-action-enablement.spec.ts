import * as assert from 'node:assert/strict';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { JobActionRules, SELECT_A_JOB, SELECT_ONE_JOB, isAtActivity } from './job-action-enablement';

function row(name: string, fields: Partial<JobRow> = {}): JobRow {
    return {
        id: `job-${name}`, name, orderId: 'order-1', orderNumber: '1001', customer: 'Ada', connectionId: 'conn-1',
        phase: 'Prepare', state: 'Processing', copies: 1, priority: 5, receivedAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z', orderVersion: 1, ...fields
    };
}
const on = (...jobs: JobRow[]): { jobs: JobRow[] } => ({ jobs });

describe('job action enablement', () => {

    it('holds jobs that are not held or finished, naming the first job that blocks', () => {
        assert.equal(JobActionRules.hold(on(row('A'), row('B', { state: 'Waiting' }))), true);
        assert.equal(JobActionRules.hold(on(row('A'), row('B', { state: 'Complete' }), row('C', { state: 'Held' }))), 'Job B is Complete');
        assert.equal(JobActionRules.hold(on(row('C', { state: 'Held' }))), 'Job C is Held');
        assert.equal(JobActionRules.hold(on(row('R', { state: 'Retained' }))), 'Job R is Retained');
    });

    it('resumes only held jobs', () => {
        assert.equal(JobActionRules.resume(on(row('A', { state: 'Held' }), row('B', { state: 'Held' }))), true);
        assert.equal(JobActionRules.resume(on(row('A', { state: 'Held' }), row('B', { state: 'Error' }))), 'Job B is not held');
    });

    it('approves and rejects jobs waiting at an Approve step, by activity type or supplied label', () => {
        const byType = row('A', { state: 'Waiting', currentActivity: 'approve' });
        const byLabel = row('B', { state: 'Waiting', currentActivity: 'Approve' });
        assert.equal(JobActionRules.approve(on(byType, byLabel)), true);
        assert.equal(JobActionRules.reject(on(byType)), true);
        assert.equal(JobActionRules.approve(on(byType, row('C', { state: 'Waiting', currentActivity: 'prepress-check' }))), 'Job C is not waiting for approval');
        assert.equal(JobActionRules.reject(on(row('D', { state: 'Held', currentActivity: 'approve' }))), 'Job D is not waiting for approval');
    });

    it('confirms prepress only for jobs waiting at a Prepress Check step', () => {
        assert.equal(JobActionRules.prepressDone(on(row('A', { state: 'Waiting', currentActivity: 'Prepress Check' }))), true);
        assert.equal(JobActionRules.prepressDone(on(row('A', { state: 'Waiting', currentActivity: 'prepress-check' }))), true);
        assert.equal(JobActionRules.prepressDone(on(row('B', { state: 'Waiting', currentActivity: 'approve' }))), 'Job B is not waiting for a prepress check');
        assert.equal(JobActionRules.prepressDone(on(row('C', { state: 'Queued', currentActivity: 'prepress-check' }))), 'Job C is not waiting for a prepress check');
    });

    it('matches an activity exactly, not by a prefix', () => {
        assert.equal(isAtActivity({ currentActivity: 'approve' }, 'approve'), true);
        assert.equal(isAtActivity({ currentActivity: 'approved-elsewhere' }, 'approve'), false);
        assert.equal(isAtActivity({}, 'approve'), false);
    });

    it('processes again and moves any job that is not complete', () => {
        assert.equal(JobActionRules.processAgain(on(row('A', { state: 'Error' }), row('B', { state: 'Retained' }))), true);
        assert.equal(JobActionRules.processAgain(on(row('A', { state: 'Complete' }))), 'Job A is Complete');
        assert.equal(JobActionRules.moveToWorkflow(on(row('A', { state: 'Held' }))), true);
        assert.equal(JobActionRules.moveToWorkflow(on(row('A'), row('B', { state: 'Complete' }))), 'Job B is Complete');
    });

    it('completes and retains unfinished jobs, but not before their order is closed', () => {
        assert.equal(JobActionRules.complete(on(row('A', { state: 'Printed' }))), true);
        assert.equal(JobActionRules.retain(on(row('A', { state: 'Printed' }))), true);
        assert.equal(JobActionRules.complete(on(row('A', { state: 'Retained' }))), 'Job A is Retained');
        assert.equal(JobActionRules.retain(on(row('A', { state: 'Complete' }))), 'Job A is Complete');
        const waiting = row('W', { state: 'Waiting for order closeout', waitReason: 'Order 1001 is not closed' });
        assert.equal(JobActionRules.complete(on(row('A'), waiting)), 'Order 1001 is not closed');
        assert.equal(JobActionRules.retain(on(row('X', { state: 'Waiting for order closeout', orderNumber: '2002' }))), 'Order 2002 is not closed');
    });

    it('deletes any job, and needs a selection', () => {
        assert.equal(JobActionRules.delete(on(row('A', { state: 'Complete' }), row('B', { state: 'Processing' }))), true);
        assert.equal(JobActionRules.delete(on()), SELECT_A_JOB);
    });

    it('inspects exactly one job', () => {
        assert.equal(JobActionRules.properties(on(row('A', { state: 'Complete' }))), true);
        assert.equal(JobActionRules.log(on(row('A'), row('B'))), SELECT_ONE_JOB);
        assert.equal(JobActionRules.log(on()), SELECT_A_JOB);
    });
});
