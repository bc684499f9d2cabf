import type { ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import type { Job, JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import { WAITING_FOR_PRINT_FILE } from '@presswork/platform/lib/common/job-flow';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import type { ActivityResolver } from './activity-resolver';
import { WAIT_REASON_LIMIT } from '@presswork/platform/lib/common/document-limits';
import { appendJobLog, clip, logEntry } from '@presswork/platform/lib/common/job-log';
import { decisionInWords } from './decision-words';
import { describeCondition } from './step-condition';
import { StepPosition } from './step-navigator';
import { PreparedStep, nextStepToRun, prepareStep } from './step-planner';
import { retainStepOf } from './retain-step';
import { WAITING_FOR_BATCH, WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import { isAtPrinter } from '@presswork/platform/lib/common/printing-record';

/**
 * Pure functions from a job to its next version: each is the whole of one durable write, so that
 * a job is never seen half-way between two states.
 */

/** States in which a job's activity is running (or was, when the server stopped). */
export const RUNNING_STATES: ReadonlySet<JobState> = new Set<JobState>(['Processing', 'Printing']);
/**
 * Whether the job's step runs in a work slot (or did, when the server stopped): a running state,
 * but not a job its Print step left at the printer, which the follower owns (`isAtPrinter`).
 */
export function isRunning(job: Job): boolean {
    return RUNNING_STATES.has(job.state) && !isAtPrinter(job);
}

/** States in which a job is ready for its (next) step and only waits for a free slot. */
export const READY_STATES: ReadonlySet<JobState> = new Set<JobState>(['Received', 'Queued']);
/** States an operator's decision (Approve, Prepress done, a closed order, a released batch) moves on from. */
export const CONTINUABLE_STATES: ReadonlySet<JobState> = new Set<JobState>(['Waiting', 'Printed', WAITING_FOR_CLOSEOUT, WAITING_FOR_BATCH, 'Retained']);

/** States an operator or an outside event has to release a job from: no timer wakes them. */
const NEVER_WOKEN: ReadonlySet<JobState> = new Set<JobState>(['Held', 'Error', 'Complete']);

/** When a waiting job's step is to run again (its wait had an `until`), else undefined. */
export function wakeTimeOf(job: Job): number | undefined {
    if (!job.wakeAt || NEVER_WOKEN.has(job.state) || READY_STATES.has(job.state) || RUNNING_STATES.has(job.state)) {
        return undefined;
    }
    const time = Date.parse(job.wakeAt);
    return Number.isFinite(time) ? time : undefined;
}

/** The job's next version, or its removal from the order; `run` when its (next) step is to run now. */
export type Transition =
    | { readonly kind: 'update'; readonly job: Job; readonly run?: PreparedStep; readonly wakeAt?: string }
    | { readonly kind: 'remove' };

export interface TransitionContext {
    readonly workflow: Workflow;
    readonly resolver: ActivityResolver;
    /** ISO time of the write. */
    readonly at: string;
}

/** Moves the job to its next step whose condition holds (its first when `from` is undefined), ready to run. */
export function enterNextStep(job: Job, from: StepPosition | undefined, context: TransitionContext): Transition {
    const { position, skipped } = nextStepToRun(context.workflow, job, from);
    const passed = logged(job, skippedEntries(skipped, context));
    return position ? enterStep(passed, position, context) : { kind: 'update', job: completed(passed, context.at) };
}

/** Starts the step at `position` (checked, written as Processing); its condition was decided when the job moved to it. */
export function enterStep(job: Job, position: StepPosition, context: TransitionContext): Transition {
    const preparation = prepareStep(context.resolver, position);
    if ('problem' in preparation) {
        return { kind: 'update', job: erred(placedAt(job, position, context), preparation.problem, context.at) };
    }
    const { prepared } = preparation;
    const placed = placedAt(job, position, context);
    const started = logEntry(context.at, `${prepared.label} started (${position.phase})`);
    return { kind: 'update', run: prepared, job: { ...placed, state: 'Processing', updatedAt: context.at, log: appendJobLog(placed.log, [started]) } };
}

/** Applies what an activity ended with, and when it continued, enters the next step in the same write. */
export function afterOutcome(job: Job, outcome: ActivityOutcome, step: PreparedStep, context: TransitionContext & { readonly wakeAt?: string }): Transition {
    switch (outcome.kind) {
        case 'continue': {
            const withProperties = outcome.properties ? { ...job, properties: { ...job.properties, ...outcome.properties } } : job;
            const changed = outcome.batchId !== undefined ? { ...withProperties, batchId: outcome.batchId } : withProperties;
            return enterNextStep(outcome.state === 'Printed' ? handedOver(changed, outcome.printed, step, context.at) : changed, step.position, context);
        }
        case 'wait': {
            if (outcome.state === 'Printing') {
                return leftAtPrinter(job, outcome.reason, step, context.at);
            }
            // The batch the job now waits in is written with the wait; any other wait keeps the batch it was released with.
            const waiting: Job = {
                ...withoutWait(job),
                ...(outcome.batchId !== undefined ? { batchId: outcome.batchId } : {}),
                state: outcome.state ?? 'Waiting',
                waitReason: clip(outcome.reason, WAIT_REASON_LIMIT),
                updatedAt: context.at,
                log: appendJobLog(job.log, [logEntry(context.at, `${step.label}: ${outcome.reason}`)])
            };
            return { kind: 'update', job: context.wakeAt ? { ...waiting, wakeAt: context.wakeAt } : waiting, wakeAt: context.wakeAt };
        }
        case 'retain': {
            const entry = logEntry(context.at, `${step.label}: ${outcome.reason}`, 'warning');
            const position = retainStepOf(context.workflow, context.resolver);
            return position ? enterStep(logged(job, [entry]), position, context) : { kind: 'update', job: retained(job, context.at, outcome.reason, entry) };
        }
        case 'fail':
            return { kind: 'update', job: erred(job, outcome.message, context.at, undefined, step.label) };
        case 'remove':
            return { kind: 'remove' };
    }
}

/**
 * Printed by a step that continued in state Printed: what a printer that does not report its jobs
 * took is kept as the job's `printed` record, marked handed over, and logged with its copies.
 */
function handedOver(job: Job, printed: PrintedOutcome | undefined, step: PreparedStep, at: string): Job {
    if (!printed) {
        return logged(job, [logEntry(at, `${step.label}: printed`)]);
    }
    const copies = `${printed.copies} ${printed.copies === 1 ? 'copy' : 'copies'}`;
    return {
        ...withoutPrinting(job),
        printed: { ...printed, at, handedOver: true },
        log: appendJobLog(job.log, [logEntry(at, `${step.label}: ${copies} handed over to ${printed.printerName}`)])
    };
}

type PrintedOutcome = NonNullable<Extract<ActivityOutcome, { kind: 'continue' }>['printed']>;

/**
 * A Print step's wait in state Printing: the job is at the printer, for the follower, if the
 * printer's job id is recorded for this step; otherwise the step ended wrongly (left Printing,
 * the engine would run it again and again). A wait at the printer has no wake-up time.
 */
function leftAtPrinter(job: Job, reason: string, step: PreparedStep, at: string): Transition {
    const waiting: Job = {
        ...withoutWait(job),
        state: 'Printing',
        waitReason: clip(reason, WAIT_REASON_LIMIT),
        updatedAt: at,
        log: appendJobLog(job.log, [logEntry(at, `${step.label}: ${reason}`)])
    };
    if (!isAtPrinter(waiting)) {
        return { kind: 'update', job: erred(job, `${step.label} ended wrongly: it waits at the printer, but no printer's job id is recorded for this step`, at) };
    }
    return { kind: 'update', job: waiting };
}

/** For an operator's continue: the job goes to its next step and queues for a slot, or is complete; the log says what was decided. */
export function continuedToNextStep(job: Job, from: StepPosition, context: TransitionContext, by: string): Job {
    const { step } = from;
    const baseType = context.resolver.baseTypeOf(step.activity);
    // A step the designer named, or a custom activity, is known by its own name, not the supplied activity's sentence.
    const words = { baseType, label: context.resolver.labelOf(step), ownName: !!step.label || step.activity !== baseType };
    return movedToNextStep(logged(job, [logEntry(context.at, decisionInWords(words, by), 'info', by)]), from, context);
}

/**
 * The job at its next step whose condition holds, Queued for a slot (the engine starts it), or
 * Complete when there is none: for a job released from outside a slot (an operator, a printer).
 */
export function movedToNextStep(job: Job, from: StepPosition, context: TransitionContext): Job {
    const { position, skipped } = nextStepToRun(context.workflow, job, from);
    const moved = logged(job, skippedEntries(skipped, context));
    return position ? queued(placedAt(moved, position, context), context.at) : completed(moved, context.at);
}

/**
 * Ready for its current step again (Process again), or for its first when it has not started. A
 * print record is dropped: the Print step sends afresh (Print again).
 */
export function queuedAgain(job: Job, at: string, by: string): Job {
    return queued(logged(withoutPrinting(job), [logEntry(at, 'Process again', 'info', by)]), at);
}

/** Not started because its workflow is disabled; undefined when the job already says so. */
export function parked(job: Job, reason: string, at: string): Job | undefined {
    if (job.state === 'Queued' && job.waitReason === reason) {
        return undefined;
    }
    return { ...withoutWait(job), state: 'Queued', waitReason: reason, updatedAt: at, log: appendJobLog(job.log, [logEntry(at, reason, 'warning')]) };
}

export function erred(job: Job, message: string, at: string, by?: string, activityLabel?: string): Job {
    const entry = logEntry(at, activityLabel ? `${activityLabel}: ${message}` : message, 'error', by);
    return { ...withoutWait(job), state: 'Error', waitReason: clip(message, WAIT_REASON_LIMIT), updatedAt: at, log: appendJobLog(job.log, [entry]) };
}

/**
 * The job with its file `fileName` recorded as arrived (`bytes` long) and logged; a job that
 * waited for its print file, and has no other file to wait for, is Received again and starts.
 */
export function printFileRecorded(job: Job, fileName: string, bytes: number, at: string): Job {
    const files = job.files.map(file => file.name === fileName ? { ...file, size: bytes } : file);
    const withFile: Job = { ...job, files, updatedAt: at, log: appendJobLog(job.log, [logEntry(at, `Print file ${fileName} received (${bytes} bytes)`)]) };
    const waitedForIt = job.state === 'Waiting' && job.waitReason === WAITING_FOR_PRINT_FILE && files.every(file => file.size !== undefined);
    return waitedForIt ? { ...withoutWait(withFile), state: 'Received' } : withFile;
}

/** Kept as Retained in the Complete phase (its workflow has no Retain step), waiting with `reason`; `entry` logs why. */
export function retained(job: Job, at: string, reason: string, entry: JobLogEntry): Job {
    const { currentActivity: _activity, ...rest } = withoutPrinting(withoutWait(job));
    return { ...rest, phase: 'Complete', state: 'Retained', waitReason: clip(reason, WAIT_REASON_LIMIT), updatedAt: at, log: appendJobLog(job.log, [entry]) };
}

/** Complete: at the end of its workflow, or because `by` (an operator) said so. */
export function completed(job: Job, at: string, by?: string): Job {
    const { currentActivity: _activity, ...rest } = withoutPrinting(withoutWait(job));
    return { ...rest, phase: 'Complete', state: 'Complete', updatedAt: at, log: appendJobLog(job.log, [logEntry(at, 'Complete', 'info', by)]) };
}

export function queued(job: Job, at: string): Job {
    return { ...withoutWait(job), state: 'Queued', updatedAt: at };
}

/**
 * The job standing at `position` of its workflow, pinned to the workflow's version. A step run
 * again where it stands keeps the wake-up time it asked for, so that it can tell it was woken
 * (Retain: the period is over), and its print record (a Print step resumed follows the job the
 * printer accepted); any other move forgets both.
 */
export function placedAt(job: Job, position: StepPosition, context: TransitionContext): Job {
    const { waitReason: _reason, ...rest } = job;
    return {
        ...(job.stepId === position.step.id ? rest : withoutPrinting(withoutWait(job))),
        workflowVersion: job.workflowVersion ?? context.workflow.version,
        phase: position.phase,
        stepIndex: position.index,
        stepId: position.step.id,
        currentActivity: context.resolver.baseTypeOf(position.step.activity)
    };
}

function skippedEntries(skipped: readonly StepPosition[], context: TransitionContext): JobLogEntry[] {
    return skipped.map(({ step }) => logEntry(context.at,
        `Skipped "${context.resolver.labelOf(step)}": ${step.condition ? describeCondition(step.condition) : 'its condition'} does not hold`));
}

export function logged(job: Job, entries: readonly JobLogEntry[]): Job {
    return entries.length ? { ...job, log: appendJobLog(job.log, entries) } : job;
}

/** The job without its print record (its print is over, or is to be sent afresh). */
export function withoutPrinting(job: Job): Job {
    if (!job.printing) {
        return job;
    }
    const { printing: _printing, ...rest } = job;
    return rest;
}

/**
 * `next`, the version an operator's action (or a failure) makes of `job`, without the batch `job`
 * waited in: a job leaving Waiting for batch otherwise than by its batch's release leaves the batch.
 * A released job (continued from Waiting for batch) keeps its batch for its Print step.
 */
export function leftBatch(job: Job, next: Job): Job {
    if (job.state !== WAITING_FOR_BATCH || next.batchId === undefined) {
        return next;
    }
    const { batchId, ...rest } = next;
    return logged(rest, [logEntry(next.updatedAt, `Left batch ${batchId}`)]);
}

export function withoutWait(job: Job): Job {
    const { waitReason: _reason, wakeAt: _wakeAt, ...rest } = job;
    return rest;
}
