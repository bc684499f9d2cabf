import type { Job } from '@presswork/platform/lib/common/job-schema';
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
