import type { Job, JobProperties } from './job-schema';
import type { Order } from './order-schema';

/** A workflow found for a job that had none, with the job properties that come with it. */
export interface WorkflowAssignment {
    readonly workflowId: string;
    readonly properties: JobProperties;
    readonly note: string;
}

/**
 * Finds a workflow for a job that arrived without one (for example when no production template
 * matched its product): the engine asks, in order, when an operator chooses Process again.
 */
export const WorkflowAssignmentContribution = Symbol('WorkflowAssignmentContribution');
export interface WorkflowAssignmentContribution {
    assign(job: Readonly<Job>, order: Readonly<Order>): WorkflowAssignment | undefined;
}
