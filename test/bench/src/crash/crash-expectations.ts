import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { JOB_STATES } from '@presswork/platform/lib/common/job-status';
import type { WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import type { CloseoutInput } from '@presswork/closeout/lib/common/closeout-protocol';

/** The engine scenario's workflow ends here: the job stays, Retained, so a lost job shows as missing. */
export const RETAIN_STEP: WorkflowStep = { id: 'complete-retain', activity: ActivityTypes.retain, properties: { indefinitely: true, days: 0, hours: 0 } };

/** Where a job of the engine scenario's workflow ends. */
export function isAtWorkflowEnd(job: Pick<Job, 'phase' | 'state' | 'stepId'>): boolean {
    return job.phase === 'Complete' && job.state === 'Retained' && job.stepId === RETAIN_STEP.id;
}

const STATES: ReadonlySet<string> = new Set(JOB_STATES);

/** A job without a state Presswork knows is stuck: nothing would move it on. */
export function hasKnownState(job: Pick<Job, 'state'>): boolean {
    return STATES.has(job.state);
}

/** The numbers an operator types for an order (the same on every attempt, as the dialog proposes them). */
export function closeoutInput(orderNumber: string): CloseoutInput {
    return {
        packingSlip: { packingSlipNumber: `PS-${orderNumber}`, shipDate: '2026-11-26', carrierName: 'UPS', trackingNumber: `1Z-${orderNumber}` },
        invoice: { invoiceNumber: `INV-${orderNumber}`, invoiceDate: '2026-11-26' }
    };
}

/** The orders the group-commit scenario writes. */
export function groupCommitIds(documents: number): string[] {
    return Array.from({ length: documents }, (_, index) => `gc-order-${String(index + 1).padStart(5, '0')}`);
}

/**
 * The group-commit scenario's order `id` as written at `version` (given the version it replaces):
 * its status and description name the version, so a document mixing two writes shows.
 */
export function groupCommitDocument(id: string, version: number, replacing = 0): Order {
    const order = sampleOrder(id, 1);
    return { ...order, version: replacing || order.version, status: `Revision ${version}`, description: `Written as version ${version} of ${id}` };
}

/** What is wrong with a stored order of the group-commit scenario, if anything. */
export function groupCommitProblem(order: Order): string | undefined {
    const expected = groupCommitDocument(order.id, order.version, order.version - 1 || 0);
    return order.status === expected.status && order.description === expected.description
        ? undefined : `${order.id} at version ${order.version} holds "${order.status}" / "${order.description}"`;
}
