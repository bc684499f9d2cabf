import type { z } from 'zod';
import type { Job } from './job-schema';
import type { JobState, Phase } from './job-status';
import type { Order } from './order-schema';
import type { WorkflowStep } from './workflow-schema';

/** What an activity is handed when a job reaches its step. */
export interface ActivityContext<P = unknown> {
    readonly job: Readonly<Job>;
    readonly order: Readonly<Order>;
    readonly step: Readonly<WorkflowStep>;
    /** The step's properties, already checked by the activity's schema. */
    readonly properties: P;
    /** Aborted when the backend stops: an activity must be safe to run again after a restart. */
    readonly signal: AbortSignal;
    log(message: string, level?: 'info' | 'warning' | 'error'): void;
}

/** How an activity ended: go on to the next step, wait (for an operator or an outside event), or fail. */
export type ActivityOutcome =
    | { readonly kind: 'continue' }
    | { readonly kind: 'wait'; readonly reason: string; readonly state?: JobState }
    | { readonly kind: 'fail'; readonly message: string };

/** A kind of workflow step, run by the workflow engine (backend). */
export const ActivityContribution = Symbol('ActivityContribution');
export interface ActivityContribution<P = unknown> {
    /** Stable id stored in workflows, e.g. `closeout-order`. */
    readonly type: string;
    readonly label: string;
    readonly allowedPhases: readonly Phase[];
    /** Protected activities cannot be removed from a workflow or copied into custom ones. */
    readonly protected?: boolean;
    readonly propertiesSchema: z.ZodType<P, unknown>;
    execute(context: ActivityContext<P>): Promise<ActivityOutcome>;
}
