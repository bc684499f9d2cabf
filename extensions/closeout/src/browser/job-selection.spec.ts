import * as assert from 'node:assert/strict';
import type { CurrentUser } from '@presswork/platform/lib/common/account-protocol';
import { permissionsOf } from '@presswork/platform/lib/common/authority';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { orderActionEnablement, selectedJob } from './job-selection';

const operator: CurrentUser = { id: 'u1', name: 'olivia', authority: 'Operator', permissions: permissionsOf('Operator') };
const monitor: CurrentUser = { id: 'u2', name: 'mo', authority: 'Monitor', permissions: permissionsOf('Monitor') };

function row(id: string): JobRow {
    return {
        id, name: `Job ${id}`, orderId: 'order-1', orderNumber: 'MC-1', customer: 'Ada', connectionId: 'c1', phase: 'Complete',
        state: 'Waiting for order closeout', copies: 1, receivedAt: '2026-11-26T10:00:00.000Z', updatedAt: '2026-11-26T10:00:00.000Z', orderVersion: 1
    };
}

describe('order actions enablement', () => {

    it('is on for exactly one selected job', () => {
        assert.equal(orderActionEnablement({ jobs: [row('a')], user: operator }, 'orders.closeout'), true);
        assert.equal(orderActionEnablement({ jobs: [row('a')], user: operator }, 'jobs.inspect'), true);
    });

    it('is off, with the reason, for no job or several', () => {
        assert.equal(orderActionEnablement({ jobs: [], user: operator }, 'jobs.inspect'), 'Select a job of the order');
        assert.match(String(orderActionEnablement({ jobs: [row('a'), row('b')], user: operator }, 'jobs.inspect')), /^Select only one job/);
    });

    it('is off for a monitor, who may neither see order details nor close out', () => {
        assert.equal(typeof orderActionEnablement({ jobs: [row('a')], user: monitor }, 'jobs.inspect'), 'string');
        assert.equal(typeof orderActionEnablement({ jobs: [row('a')], user: monitor }, 'orders.closeout'), 'string');
    });

    it('acts on the one selected job and refuses otherwise', () => {
        assert.equal(selectedJob({ jobs: [row('a')], user: operator }).id, 'a');
        assert.throws(() => selectedJob({ jobs: [row('a'), row('b')], user: operator }));
    });
});
