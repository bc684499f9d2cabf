import type { Job } from './job-schema';
import type { PrintedRecord, PrintingProgress } from './printing-record';

/**
 * JobFlow (the workflow engine) is the only writer of a job's `state`. Everything else states
 * facts and asks:
 *
 * - **Arrival.** Intake (and a Refresh that finds a new line) builds each job's facts and hands
 *   them to `receivedJob`, JobFlow's arrival rule: a job without a workflow (no production
 *   template matched) is Held with the reason intake gives; a job whose print file is still to be
 *   fetched (a file without `size`) is Waiting for it; every other job is Received, and the engine
 *   starts it at its first step. The rule is a pure function here rather than an engine call so
 *   that an order and its jobs stay one durable write (intake is idempotent by construction) and
 *   a thousand-line order costs no thousand extra writes.
 * - **Outside events** go through the calls below: the print-file fetcher reports a file with
 *   `recordPrintFile` (the job waiting for it goes on) or a failure with `failJob`; closeout
 *   releases a closed order's waiting jobs with `continueJobs`, in one write of the order.
 * - **Printers** are followed outside the engine's work slots: once a Print step has left its
 *   job at the printer (`isAtPrinter`, printing-record.ts), the output side's follower polls the
 *   printer and reports through `PrintingFlow` (below): `reportPrinting`, `finishPrinting`,
 *   `failPrinting` or `printingUncertain`; an operator settles an uncertain print with
 *   `markPrinted` or `processAgain` (Print again). The follower reads the store to find the
 *   jobs it follows.
 * - **Batches.** A Batch step's activity waits in the state Waiting for batch (WAITING_FOR_BATCH),
 *   its outcome naming the batch (`batchId`); the engine writes the job's `batchId` in the same
 *   write as the wait. The batch's release (by a rule or by hand) continues its members with
 *   `continueJobs(orderId, jobIds, by, 'batch')`, once per order: they go on keeping `batchId`,
 *   which their Print step reads to print the batch as one output. A job that leaves Waiting for
 *   batch otherwise (held, sent to Error, moved to another workflow, processed again, completed,
 *   retained) loses its `batchId` in the write that moves it, with a log line "Left batch B-0042";
 *   a deleted job is gone with it. The batch's own membership follows the job (output's batches).
 * - **Schedule.** The engine takes ready jobs for its work slots by priority (`priorityOf`,
 *   job-priority.ts: 1 first), then by due time (a job without one after every job with one), then
 *   by arrival (`receivedAt`), equals first come, first served. A job once started runs its steps
 *   on in its slot; the order decides which job starts next.
 * - **Rules** that belong to an activity (no Complete while the order is open) are answered by
 *   that activity's contribution (`ActivityContribution.finishRefusal`), not by the engine.
 *
 * Only the engine (workflow/src/node/engine) and this file write `state`: workflow's
 * job-state-writers.spec.ts scans every extension's production code and fails on any other.
 */

/** Why a new job waits: its print file has not arrived from the store yet. */
export const WAITING_FOR_PRINT_FILE = 'Waiting for the print file from MarcomCentral';

/** A new job's facts: everything but its state. */
export interface ArrivingJob extends Omit<Job, 'state' | 'waitReason'> {
    /** Why no workflow was found, when `workflowId` is undefined (shown as the hold's reason). */
    readonly noWorkflowReason?: string;
}

/** The job as it enters production, in the state JobFlow's arrival rule gives it (see above). */
export function receivedJob(facts: ArrivingJob): Job {
    const { noWorkflowReason, ...job } = facts;
    if (!job.workflowId) {
        return { ...job, state: 'Held', waitReason: noWorkflowReason ?? 'No workflow matches the job' };
    }
    if (job.files.some(file => file.size === undefined)) {
        return { ...job, state: 'Waiting', waitReason: WAITING_FOR_PRINT_FILE };
    }
    return { ...job, state: 'Received' };
}

/** What a batch continue did: the jobs it moved on, and those it left, each with the reason. */
export interface ContinuedJobs {
    readonly continued: readonly string[];
    readonly skipped: readonly SkippedJob[];
}
export interface SkippedJob {
    readonly jobId: string;
    readonly reason: string;
}

/**
 * The workflow engine's controls, for other extensions' backends: an operator's decision on a
 * waiting job, a released closeout, "process again", an arrived print file, and the job actions
 * of the All Jobs pod. Each call names who acts, for the job log, checks the job as it is inside
 * the write, and refuses (with a PressworkError.Refused whose message an operator can read) what
 * the job's state does not allow.
 */
export const JobFlow = Symbol('JobFlow');
export interface JobFlow {
    /**
     * Moves a job waiting at its current step on to the next one. `atActivity`, when given, must be
     * the step's activity type: a stale click never releases a job from some other step.
     */
    continueJob(jobId: string, by: string, atActivity?: string): Promise<void>;
    /**
     * `continueJob` for several jobs of one order, in ONE durable write of the order: each listed
     * job still waiting at `atActivity` moves on as `continueJob` moves it (logged as continued by
     * `by`, Queued at its next step, Complete after its last). A job that is no longer waiting
     * there (or no longer in the order) is left as it is and reported in `skipped`, with the
     * reason `continueJob` would have refused it with. Rejects (PressworkError.NotFound) only when
     * the order itself is gone.
     */
    continueJobs(orderId: string, jobIds: readonly string[], by: string, atActivity: string): Promise<ContinuedJobs>;
    /**
     * Sends a job to Error with the message (e.g. Reject, a print file that never came). `by` is
     * who acts, or empty when no person did (the entry then names nobody).
     */
    failJob(jobId: string, by: string, message: string): Promise<void>;
    /**
     * Records that the job's file `fileName` has arrived in its folder (`bytes` long), with a log
     * entry; a job waiting for its print file then goes on. Nothing else about the job changes.
     */
    recordPrintFile(jobId: string, fileName: string, bytes: number): Promise<void>;
    /**
     * Runs the job's current step again (Process again). A print record at the step is dropped,
     * so a Print step sends afresh (Print again, when the printer no longer knows the job).
     */
    processAgain(jobId: string, by: string): Promise<void>;
    /**
     * Stops the job where it is (its running activity is aborted) in the state Held. A print record
     * is kept: resumed, a Print step follows the job the printer accepted rather than send it again.
     */
    hold(jobId: string, by: string): Promise<void>;
    /** Lets a held job run its current step again. */
    resume(jobId: string, by: string): Promise<void>;
    /**
     * Marks the job Complete. Refused when the activity at the job's step says so
     * (`ActivityContribution.finishRefusal`: Closeout Order while the order is open).
     */
    complete(jobId: string, by: string): Promise<void>;
    /**
     * Moves the job to its workflow's Retain step (or, without one, the state Retained). Refused
     * like `complete`.
     */
    retain(jobId: string, by: string): Promise<void>;
    /** Starts the job again at the beginning of another (enabled) workflow. */
    moveToWorkflow(jobId: string, workflowId: string, by: string): Promise<void>;
    /** Removes the job from its order for good, after writing its audit record. */
    deleteJob(jobId: string, by: string): Promise<void>;
}

/**
 * JobFlow's calls for a job at the printer: the follower's reports, and an operator's decision
 * about a print the printer no longer knows. Implemented by the workflow engine, the same service
 * as JobFlow. Each report checks, inside the write, that the job is still at the printer at
 * `stepId` (`isAtPrinter`, printing-record.ts) and resolves to false, writing nothing, when it is
 * not (held, processed again, moved on): the follower then stops following it. A malformed report
 * is refused (PressworkError.InvalidInput, naming the field).
 *
 * A separate interface from JobFlow for now only because test doubles of JobFlow elsewhere list
 * its calls one by one; it can be folded into JobFlow once they have these.
 */
export const PrintingFlow = Symbol('PrintingFlow');
export interface PrintingFlow {
    /**
     * The printer's current status for a job at the printer: the wait reason and the record's
     * progress (job state, reasons, impressions and sheets completed) become what is reported.
     * Writes nothing when nothing changed; logs only a change of the reasons (a warning naming
     * them, "Printer A: out of paper", or "Printer A: printing again" when they clear).
     */
    reportPrinting(jobId: string, stepId: string, progress: PrintingProgress): Promise<boolean>;
    /**
     * The printer says `completed`: the job is Printed (logged, "Printed on Printer A: 250 copies,
     * 500 impressions"), `printed` is recorded and `printing` dropped, and in the same write it
     * goes on to its next step (Queued, as after an operator's continue; Complete after its last),
     * which the engine then runs.
     */
    finishPrinting(jobId: string, stepId: string, printed: Omit<PrintedRecord, 'at' | 'by'>): Promise<boolean>;
    /**
     * The printer aborted or canceled the job: Error with the message (logged), the print record
     * dropped, so that Process again sends the job afresh.
     */
    failPrinting(jobId: string, stepId: string, message: string): Promise<boolean>;
    /**
     * The printer no longer knows the job (restarted, purged its history): the job waits for an
     * operator (Waiting, with the reason), its record kept and marked `uncertain`. The operator
     * decides: Print again (`JobFlow.processAgain`) or Mark printed (`markPrinted`).
     */
    printingUncertain(jobId: string, stepId: string, reason: string): Promise<boolean>;
    /**
     * An operator (`by`) says the job whose print is uncertain was printed: Printed, with
     * `printed` naming them (the job's copies, no counts), then on to its next step like
     * `finishPrinting`. Refused (PressworkError.Refused) for a job that is not waiting with an
     * uncertain print at its current step.
     */
    markPrinted(jobId: string, by: string): Promise<void>;
}
