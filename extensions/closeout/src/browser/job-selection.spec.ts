import * as assert from 'node:assert/strict';
import type { CurrentUser } from '@presswork/platform/lib/common/account-protocol';
import { permissionsOf } from '@presswork/platform/lib/common/authority';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { orderActionEnablement, orderOfSelection, selectedOrder } from './job-selection';

const operator: CurrentUser = { id: 'u1', name: 'olivia', authority: 'Operator', permissions: permissionsOf('Operator') };
const monitor: CurrentUser = { id: 'u2', name: 'mo', authority: 'Monitor', permissions: permissionsOf('Monitor') };

function row(id: string, order = 1): JobRow {
    return {
        id, name: `Job ${id}`, orderId: `order-${order}`, orderNumber: `MC-${order}`, customer: 'Ada', connectionId: 'c1', phase: 'Complete',
        state: 'Waiting for order closeout', copies: 1, priority: 5, receivedAt: '2026-11-26T10:00:00.000Z', updatedAt: '2026-11-26T10:00:00.000Z', orderVersion: 1
    };
}

/** The reason as the tooltip reads, the bidi isolation marks around store text left out. */
function reason(result: true | string): string {
    assert.equal(typeof result, 'string');
    return String(result).replace(/[\u2066-\u2069]/g, '');
}

describe('order actions enablement', () => {

    it('is on for one selected job', () => {
        assert.equal(orderActionEnablement({ jobs: [row('a')], user: operator }, 'orders.closeout'), true);
        assert.equal(orderActionEnablement({ jobs: [row('a')], user: operator }, 'jobs.inspect'), true);
    });

    it('is on for several jobs of one order, e.g. both jobs of the order', () => {
        assert.equal(orderActionEnablement({ jobs: [row('a'), row('b')], user: operator }, 'orders.closeout'), true);
        assert.equal(orderActionEnablement({ jobs: [row('a'), row('b'), row('c')], user: operator }, 'jobs.inspect'), true);
    });

    it('is off for no job, saying to select one', () => {
        assert.equal(orderActionEnablement({ jobs: [], user: operator }, 'jobs.inspect'), 'Select a job of the order');
    });

    it('is off for jobs of several orders, naming the orders', () => {
        const result = orderActionEnablement({ jobs: [row('a', 1), row('b', 2), row('c', 1)], user: operator }, 'orders.closeout');
        assert.equal(reason(result), 'The selected jobs belong to 2 orders (MC-1, MC-2): select jobs of one order');
    });

    it('names the first three orders and counts the rest', () => {
        const jobs = [1, 2, 3, 4, 5].map(order => row(`j${order}`, order));
        assert.equal(reason(orderActionEnablement({ jobs, user: operator }, 'jobs.inspect')),
            'The selected jobs belong to 5 orders (MC-1, MC-2, MC-3 and 2 more): select jobs of one order');
    });

    it('is off for a monitor, who may neither see order details nor close out', () => {
        assert.equal(orderActionEnablement({ jobs: [row('a')], user: monitor }, 'jobs.inspect'), 'Your authority does not allow this');
        assert.equal(orderActionEnablement({ jobs: [row('a'), row('b')], user: monitor }, 'orders.closeout'), 'Your authority does not allow this');
    });
});

describe('the order of the selection', () => {

    it('is the order every selected job belongs to', () => {
        assert.deepEqual(selectedOrder([row('a', 7), row('b', 7)]), { orderId: 'order-7', orderNumber: 'MC-7' });
        assert.deepEqual(orderOfSelection({ jobs: [row('a', 7), row('b', 7)], user: operator }), { orderId: 'order-7', orderNumber: 'MC-7' });
    });

    it('is refused, with the reason, for no job or jobs of two orders', () => {
        assert.throws(() => orderOfSelection({ jobs: [], user: operator }), /Select a job of the order/);
        assert.throws(() => orderOfSelection({ jobs: [row('a', 1), row('b', 2)], user: operator }), /belong to 2 orders/);
    });
});
