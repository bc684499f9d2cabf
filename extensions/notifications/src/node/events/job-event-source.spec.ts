import * as assert from 'node:assert/strict';
import type { ActivityRegistry } from '@presswork/platform/lib/common/activity-registry';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { parseEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { JobEventSource } from './job-event-source';

describe('JobEventSource', () => {
    const activities = { get: (id: string) => id === 'prepress-check' ? { label: 'Prepress Check' } : undefined } as unknown as ActivityRegistry;
    const source = inject(new JobEventSource(), { activities });

    function withJobs(order: Order, ...changes: Partial<Job>[]): Order {
        return { ...order, jobs: order.jobs.map((job, index) => ({ ...job, ...changes[index] })) };
    }

    function derive(before: Order | undefined, after: Order | undefined): ReturnType<JobEventSource['derive']> {
        // Through JSON, as the journal keeps snapshots.
        const snapshot = (order: Order | undefined) => order && JSON.parse(JSON.stringify(source.observe(order)));
        const drafts = source.derive(snapshot(before), snapshot(after), after);
        drafts.forEach(draft => parseEventDraft(draft));
        return drafts;
    }

    it('says a job changed state, from what to what, with its activity in words and an id from the change', () => {
        const order = sampleOrder('o1', 2);
        const next = withJobs(order, { state: 'Waiting', currentActivity: 'prepress-check', waitReason: 'Approve the proof', updatedAt: '2026-12-01T10:00:00.000Z' });
        const drafts = derive(order, next);
        assert.equal(drafts.length, 1);
        const [draft] = drafts;
        assert.equal(draft.id, 'job.state-changed:o1-job-1:Waiting:2026-12-01T10:00:00.000Z');
        assert.equal(draft.subject, 'job:o1-job-1');
        assert.equal(draft.at, '2026-12-01T10:00:00.000Z');
        assert.deepEqual(draft.payload, {
            jobId: 'o1-job-1', jobName: 'Business cards for PW-o1', orderId: 'o1', orderNumber: 'PW-o1', connectionId: 'connection-1',
            phase: 'Receive', state: 'Waiting', activity: 'Prepress Check', reason: 'Approve the proof', from: 'Received', to: 'Waiting'
        });
    });

    it('says nothing when only what events do not depend on changed, or the order went away', () => {
        const order = sampleOrder('o1', 1);
        assert.deepEqual(derive(order, withJobs(order, { copies: 9, properties: { paper: 'gloss' } })), []);
        assert.deepEqual(derive(order, withJobs(order, { phase: 'Prepare', updatedAt: '2026-12-01T10:00:00.000Z' })), []);
        assert.deepEqual(derive(order, undefined), []);
    });

    it('says a new job was taken in, without a from', () => {
        const drafts = derive(undefined, sampleOrder('o2', 2));
        const changes = drafts.map(draft => ({ name: draft.name, ...draft.payload as { from?: string, to?: string } }));
        assert.deepEqual(changes.map(change => [change.name, change.from, change.to]),
            [['job.state-changed', undefined, 'Received'], ['job.state-changed', undefined, 'Received']]);
    });

    it('says a job entered Error, once, beside its state change', () => {
        const order = sampleOrder('o1', 1);
        const failed = withJobs(order, { state: 'Error', waitReason: 'The printer refused the file', updatedAt: '2026-12-01T11:00:00.000Z' });
        assert.deepEqual(derive(order, failed).map(draft => draft.id),
            ['job.state-changed:o1-job-1:Error:2026-12-01T11:00:00.000Z', 'job.error:o1-job-1:2026-12-01T11:00:00.000Z']);
        assert.deepEqual(derive(failed, withJobs(failed, { waitReason: 'still refused', updatedAt: '2026-12-01T11:05:00.000Z' })), []);
    });

    it('says an open order is ready for closeout when its last job reaches Closeout Order', () => {
        const order = sampleOrder('o3', 2);
        const one = withJobs(order, { state: WAITING_FOR_CLOSEOUT, updatedAt: '2026-12-01T12:00:00.000Z' });
        assert.ok(!derive(order, one).some(draft => draft.name === 'order.ready-for-closeout'));
        const both = withJobs(one, {}, { state: 'Complete', updatedAt: '2026-12-01T12:30:00.000Z' });
        const ready = derive(one, both).filter(draft => draft.name === 'order.ready-for-closeout');
        assert.deepEqual(ready.map(draft => [draft.id, draft.at, draft.payload]), [[
            'order.ready-for-closeout:o3:2026-12-01T12:30:00.000Z', '2026-12-01T12:30:00.000Z',
            { orderId: 'o3', orderNumber: 'PW-o3', connectionId: 'connection-1', customerName: 'Ada Lovelace', jobs: 2 }
        ]]);
        assert.deepEqual(derive(both, { ...both, log: [] }), [], 'said once');
        assert.deepEqual(derive(one, { ...both, closed: true }).filter(draft => draft.name === 'order.ready-for-closeout'), [], 'not once closed');
    });

    it('does not call an order ready while a line item has no job', () => {
        const order = sampleOrder('o4', 2);
        const waiting = withJobs(order, { state: WAITING_FOR_CLOSEOUT }, { state: WAITING_FOR_CLOSEOUT });
        assert.ok(source.observe(waiting).readyForCloseout);
        assert.ok(!source.observe({ ...waiting, jobs: waiting.jobs.slice(0, 1) }).readyForCloseout);
    });
});
