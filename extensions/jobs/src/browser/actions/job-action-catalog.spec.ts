import * as assert from 'node:assert/strict';
import { JobActionGroups } from '@presswork/platform/lib/common/job-action-contribution';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import type { JobActionResult, JobActionService } from '../../common/jobs-protocol';
import { JOB_ACTION_SPECS, performJobAction } from './job-action-catalog';
import { JobActionRules } from './job-action-enablement';

function row(id: string, name: string): JobRow {
    return {
        id, name, orderId: 'o1', orderNumber: '1001', customer: 'Ada', connectionId: 'c1', phase: 'Prepare', state: 'Waiting',
        copies: 1, priority: 5, receivedAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', orderVersion: 1
    };
}

/** A service that records which method was called with which ids, answering with `result`. */
function recordingService(result: JobActionResult): { service: JobActionService; calls: string[] } {
    const calls: string[] = [];
    const service = new Proxy({}, {
        get: (_target, method) => async (ids: string[]) => {
            calls.push(`${String(method)}(${ids.join(',')})`);
            return result;
        }
    }) as JobActionService;
    return { service, calls };
}

function recordingReporter(): { warn: (message: string) => void; error: (message: string) => void; said: string[] } {
    const said: string[] = [];
    return { warn: message => said.push(`warn: ${message}`), error: message => said.push(`error: ${message}`), said };
}

describe('job action catalog', () => {

    it('has one action per enablement rule, each with its own command id', () => {
        assert.deepEqual(JOB_ACTION_SPECS.map(spec => spec.key).sort(), Object.keys(JobActionRules).sort());
        assert.equal(new Set(JOB_ACTION_SPECS.map(spec => spec.id)).size, JOB_ACTION_SPECS.length);
        assert.ok(JOB_ACTION_SPECS.every(spec => spec.id === `presswork.jobs.${spec.key}`));
    });

    it('groups the actions as the More menu shows them', () => {
        const byGroup = (group: string): string[] => JOB_ACTION_SPECS.filter(spec => spec.group === group).map(spec => spec.label);
        assert.deepEqual(byGroup(JobActionGroups.flow), ['Hold', 'Resume', 'Approve', 'Reject', 'Prepress done', 'Process again', 'Complete', 'Retain']);
        assert.deepEqual(byGroup(JobActionGroups.move), ['Move to workflow…']);
        assert.deepEqual(byGroup(JobActionGroups.inspect), ['Properties…', 'Log…', 'Open print file…']);
        assert.deepEqual(byGroup(JobActionGroups.remove), ['Delete']);
    });

    it('lets users who may inspect open Properties…, Log… and the print file, and only those who may act change jobs', () => {
        const inspecting = JOB_ACTION_SPECS.filter(spec => spec.permission === 'jobs.inspect').map(spec => spec.key);
        assert.deepEqual(inspecting, ['properties', 'log', 'openPrintFile']);
        assert.ok(JOB_ACTION_SPECS.filter(spec => !inspecting.includes(spec.key)).every(spec => spec.permission === 'jobs.act'));
    });

    it('calls the service method of the same name for the actions that need no dialog', async () => {
        const { service, calls } = recordingService({ done: ['j1'], refused: [] });
        for (const spec of JOB_ACTION_SPECS) {
            await spec.call?.(service, ['j1']);
        }
        assert.deepEqual(calls, ['hold(j1)', 'resume(j1)', 'approve(j1)', 'prepressDone(j1)', 'processAgain(j1)', 'complete(j1)', 'retain(j1)']);
    });

    it('sends every selected job in one call and is silent when all were done', async () => {
        const { service, calls } = recordingService({ done: ['j1', 'j2'], refused: [] });
        const reporter = recordingReporter();
        await performJobAction(service, reporter, 'Hold', [row('j1', 'A'), row('j2', 'B')], (s, ids) => s.hold(ids));
        assert.deepEqual(calls, ['hold(j1,j2)']);
        assert.deepEqual(reporter.said, []);
    });

    it('reports refused jobs in one warning naming them', async () => {
        const { service } = recordingService({ done: ['j1'], refused: [{ jobId: 'j2', jobName: 'B', reason: 'Order 1001 is not closed' }] });
        const reporter = recordingReporter();
        await performJobAction(service, reporter, 'Complete', [row('j1', 'A'), row('j2', 'B')], (s, ids) => s.complete(ids));
        assert.deepEqual(reporter.said, ['warn: Complete was refused for 1 of 2 jobs: \u2068B\u2069: \u2068Order 1001 is not closed\u2069']);
    });

    it('says what went wrong when the call fails', async () => {
        const service = { delete: async () => { throw new Error('You may not do this'); } } as unknown as JobActionService;
        const reporter = recordingReporter();
        await performJobAction(service, reporter, 'Delete…', [row('j1', 'A')], (s, ids) => s.delete(ids));
        assert.deepEqual(reporter.said, ['error: Delete: You may not do this']);
    });
});
