import type { ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import { JobPropertiesSchema } from '@presswork/platform/lib/common/job-schema';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { WAITING_FOR_BATCH, WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import { PrintedRecordSchema } from '@presswork/platform/lib/common/printing-record';

/** What a Print step says a printer that does not report its jobs took: the job's `printed` record without time or person. */
const HandedOverSchema = PrintedRecordSchema.omit({ at: true, by: true, handedOver: true }).strict();
type HandedOver = NonNullable<Extract<ActivityOutcome, { kind: 'continue' }>['printed']>;

/** The outcome without its undefined fields, so that it compares and is stored cleanly. */
function definedOnly(outcome: Extract<ActivityOutcome, { kind: 'continue' }>): ActivityOutcome {
    return Object.fromEntries(Object.entries(outcome).filter(([, value]) => value !== undefined)) as ActivityOutcome;
}

/**
 * States an activity may leave a waiting job in; others (Processing, Complete, …) belong to the
 * engine. Printing only for a job the printer accepted at this step (job-transitions' afterOutcome
 * checks the record): it is then at the printer, for the follower.
 */
export const WAIT_STATES: ReadonlySet<JobState> = new Set<JobState>(['Waiting', 'Printed', 'Held', WAITING_FOR_CLOSEOUT, WAITING_FOR_BATCH, 'Retained', 'Printing']);

/**
 * An activity's outcome, checked at run time: activities are other extensions' code, and a
 * malformed outcome must send the job to Error with a reason rather than corrupt it or fail the
 * write. What an activity throws becomes a failure with its message.
 */
export function checkedOutcome(outcome: unknown, activityLabel: string): ActivityOutcome {
    const fail = (problem: string): ActivityOutcome => ({ kind: 'fail', message: `${activityLabel} ended wrongly: ${problem}` });
    if (typeof outcome !== 'object' || outcome === null) {
        return fail('it gave no outcome');
    }
    const candidate = outcome as Partial<Record<string, unknown>>;
    switch (candidate.kind) {
        case 'continue': {
            if (candidate.state !== undefined && candidate.state !== 'Printed') {
                return fail(`it continued in state ${String(candidate.state)}; only Printed is possible`);
            }
            let printed: HandedOver | undefined;
            if (candidate.printed !== undefined) {
                if (candidate.state !== 'Printed') {
                    return fail('it says what was printed without continuing in state Printed');
                }
                const parsed = HandedOverSchema.safeParse(candidate.printed);
                if (!parsed.success) {
                    return fail(`it says wrongly what was printed: ${describeZodError(parsed.error)}`);
                }
                printed = parsed.data;
            }
            const state = candidate.state as 'Printed' | undefined;
            if (candidate.batchId !== undefined && !DocumentIdSchema.safeParse(candidate.batchId).success) {
                return fail(`it goes on with batch ${JSON.stringify(candidate.batchId)}, which is not a batch id`);
            }
            const batchId = candidate.batchId as string | undefined;
            if (candidate.properties !== undefined) {
                const properties = JobPropertiesSchema.safeParse(candidate.properties);
                if (!properties.success) {
                    return fail(`it set invalid job properties: ${describeZodError(properties.error)}`);
                }
                return definedOnly({ kind: 'continue', properties: properties.data, state, printed, batchId });
            }
            return definedOnly({ kind: 'continue', state, printed, batchId });
        }
        case 'wait': {
            if (typeof candidate.reason !== 'string' || !candidate.reason.trim()) {
                return fail('it waits without a reason');
            }
            const state = (candidate.state ?? 'Waiting') as JobState;
            if (!WAIT_STATES.has(state)) {
                return fail(`it waits in state ${String(state)}, which is not a waiting state`);
            }
            if (candidate.until !== undefined && (typeof candidate.until !== 'string' || !Number.isFinite(Date.parse(candidate.until)))) {
                return fail(`it waits until ${String(candidate.until)}, which is not a time`);
            }
            // A job waits for a batch that it names, and names a batch only while it waits for it.
            if (state === WAITING_FOR_BATCH && candidate.batchId === undefined) {
                return fail(`it waits in state ${WAITING_FOR_BATCH} without naming the batch`);
            }
            if (candidate.batchId !== undefined) {
                if (state !== WAITING_FOR_BATCH) {
                    return fail(`it names batch ${JSON.stringify(candidate.batchId)} but waits in state ${state}, not ${WAITING_FOR_BATCH}`);
                }
                const batchId = DocumentIdSchema.safeParse(candidate.batchId);
                if (!batchId.success) {
                    const rule = typeof candidate.batchId === 'string' ? ` (a batch id ${batchId.error.issues[0]?.message})` : '';
                    return fail(`it names batch ${JSON.stringify(candidate.batchId)}, which is not a batch id${rule}`);
                }
            }
            // At the printer, the follower reports the job's end: no wake-up time.
            const until = state === 'Printing' ? undefined : candidate.until as string | undefined;
            const batchId = candidate.batchId as string | undefined;
            return batchId === undefined ? { kind: 'wait', reason: candidate.reason, state, until } : { kind: 'wait', reason: candidate.reason, state, until, batchId };
        }
        case 'retain':
            return typeof candidate.reason === 'string' && candidate.reason.trim()
                ? { kind: 'retain', reason: candidate.reason }
                : fail('it goes on to Retain without a reason');
        case 'fail':
            return { kind: 'fail', message: typeof candidate.message === 'string' && candidate.message.trim() ? candidate.message : `${activityLabel} failed` };
        case 'remove':
            return { kind: 'remove' };
        default:
            return fail(`its outcome ${JSON.stringify(candidate.kind)} is unknown`);
    }
}

/** The message of whatever an activity threw, as the job's failure. */
export function thrownOutcome(error: unknown, activityLabel: string): ActivityOutcome {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'fail', message: message.trim() ? message : `${activityLabel} failed` };
}
