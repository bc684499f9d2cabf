import type { ActivityDefinition } from './activity-ui-contribution';
import type { Job, JobProperties } from './job-schema';
import type { JobState } from './job-status';
import type { Order } from './order-schema';
import type { PrintedRecord, PrintingRecord } from './printing-record';
import type { WorkflowStep } from './workflow-schema';

/** What an activity is handed when a job reaches its step. */
export interface ActivityContext<P = unknown> {
    readonly job: Readonly<Job>;
    readonly order: Readonly<Order>;
    readonly step: Readonly<WorkflowStep>;
    /** The step's properties over the activity's (or custom activity's) defaults, checked by its schema. */
    readonly properties: P;
    /** The job's own folder, where its files are. */
    readonly jobFolder: string;
    /** Aborted when the backend stops: an activity must be safe to run again after a restart. */
    readonly signal: AbortSignal;
    log(message: string, level?: 'info' | 'warning' | 'error'): Promise<void>;
    /** Shows what the job is doing while the activity runs (Printing while a printer takes the file). */
    setState(state: 'Processing' | 'Printing'): Promise<void>;
    /**
     * Writes `job.printing` durably now (undefined clears it): resolves only once the store has
     * it, and rejects when the job is no longer in this run of the step (held, sent to Error,
     * moved on meanwhile: then nothing may be sent) or the record is not for this step. The Print
     * activity records its intent before it sends and the printer's job id right after the
     * printer accepts, so that a crash never prints twice (printing-record.ts).
     */
    recordPrinting(record: PrintingRecord | undefined): Promise<void>;
}

/** How an activity ended. */
export type ActivityOutcome =
    /**
     * Go on to the next step, optionally changing job properties or leaving a state (Printed).
     * `printed`, with state Printed, is what a printer that does not report its jobs took (a hot
     * folder, a raw socket): the engine keeps it as the job's `printed` record (with `at` and
     * `handedOver`), as it does for a printer that reported the job completed.
     */
    | {
        readonly kind: 'continue'; readonly properties?: JobProperties; readonly state?: 'Printed';
        readonly printed?: Omit<PrintedRecord, 'at' | 'by' | 'handedOver'>;
        /** The batch the job goes on with (a Batch step whose join released it): kept as the job's `batchId`. */
        readonly batchId?: string;
    }
    /**
     * Stay at this step: for an operator, an outside event, or until a time when it runs again.
     * In state Printing (a Print step whose job the printer accepted, its `deviceJobId` recorded
     * for this step through `recordPrinting`), the job is at the printer: the output side's
     * follower owns it and reports through JobFlow; the engine does not run the step again on its
     * own, and `until` is ignored. Printing without that record is a failure of the step.
     */
    | {
        readonly kind: 'wait'; readonly reason: string; readonly state?: JobState; readonly until?: string;
        /** The batch the job now waits in (a Batch step, state Waiting for batch): kept as the job's `batchId`. */
        readonly batchId?: string;
    }
    | { readonly kind: 'fail'; readonly message: string }
    /**
     * Go on to the workflow's Retain step (or, without one, the state Retained), logging the
     * reason as a warning: a job whose step can never be done here (Closeout Order for an order
     * closed out in MarcomCentral) is kept like a finished one rather than waiting forever.
     */
    | { readonly kind: 'retain'; readonly reason: string }
    /** The job is done with and removed from its order (Retain at the end of its period, Remove). */
    | { readonly kind: 'remove' };

/** A kind of workflow step, run by the workflow engine (backend). */
export const ActivityContribution = Symbol('ActivityContribution');
export interface ActivityContribution<P = unknown> extends ActivityDefinition<P> {
    execute(context: ActivityContext<P>): Promise<ActivityOutcome>;
    /**
     * May an operator complete or retain a job standing at this activity's step now? Undefined
     * when they may; otherwise the reason, shown to the operator as the refusal. Asked by JobFlow
     * inside the write, with the job and order as they are; must be pure and quick. Without it, a
     * job at this step may always be completed or retained.
     */
    finishRefusal?(job: Readonly<Job>, order: Readonly<Order>): string | undefined;
}
