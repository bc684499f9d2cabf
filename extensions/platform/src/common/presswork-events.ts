import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema, shortText } from './identifiers';
import { JobStateSchema, PhaseSchema } from './job-status';

/**
 * The events Presswork emits: one stable name and one documented JSON payload each. Owners derive
 * or publish them (jobs from the order document, printers from the monitor, connections from the
 * poller, orders from closeout); the notifications extension journals them, pages them on
 * `GET /api/v1/events` and matches them against rules. A payload is what a rule's conditions and
 * a message's placeholders may name, so every field is a plain string, number or boolean.
 */

const text = shortText(2000);
const name = shortText(200);

/** What every job event says about its job. */
const JobFields = {
    jobId: DocumentIdSchema,
    jobName: name,
    orderId: DocumentIdSchema,
    orderNumber: shortText(64),
    connectionId: DocumentIdSchema,
    phase: PhaseSchema,
    state: JobStateSchema,
    /** The current activity in words ("Prepress Check"), when the job is at one. */
    activity: name.optional(),
    /** Why the job waits or failed, in words. */
    reason: text.optional(),
    /** The job's due date, when it has one. */
    due: TimestampSchema.optional()
};

const OrderFields = {
    orderId: DocumentIdSchema,
    orderNumber: shortText(64),
    connectionId: DocumentIdSchema,
    customerName: name.optional()
};

const PrinterFields = {
    printerId: DocumentIdSchema,
    printer: name,
    /** idle, processing, stopped or unknown (not answering). */
    printerState: z.enum(['idle', 'processing', 'stopped', 'unknown']),
    /** The printer's problem in words ("out of paper, media jam"). */
    reason: text.optional(),
    /** `printer-state-reasons` keywords joined by ", " (for conditions such as "contains media-empty"). */
    reasonKeywords: text.optional(),
    /** The order number and name of the job the printer is on (the first of its queue), when it has one. */
    orderNumber: shortText(64).optional(),
    jobName: name.optional(),
    /** Presswork's jobs at the printer, in words ("order ORD-10042, Business cards, and 2 more jobs"). */
    atPrinter: text.optional()
};

const ConnectionFields = {
    connectionId: DocumentIdSchema,
    connection: name
};

/** Each event's payload, by its stable name. */
export const PressworkEventPayloads = {
    /** A job moved from one state to another (`from` absent when the job was just taken in). */
    'job.state-changed': z.object({ ...JobFields, from: JobStateSchema.optional(), to: JobStateSchema }),
    /** A job entered Error. */
    'job.error': z.object(JobFields),
    /** No state change for `minutes` minutes in a state other than waiting for an operator. */
    'job.stalled': z.object({ ...JobFields, minutes: z.number().int().nonnegative(), since: TimestampSchema }),
    /** Waiting for an operator (Held, an approval, a prepress check) longer than `minutes` minutes. */
    'job.waiting-for-operator': z.object({ ...JobFields, minutes: z.number().int().nonnegative(), since: TimestampSchema }),
    /** A job not printed passed its at-risk time (its template's at-risk hours before due): once per due date. */
    'job.at-risk': z.object({ ...JobFields, due: TimestampSchema }),
    /** The job's due date passed before it finished. */
    'job.overdue': z.object({ ...JobFields, due: TimestampSchema }),
    /** A printer stopped, ran out of paper, jammed, or stopped answering. */
    'printer.needs-attention': z.object({ ...PrinterFields, since: TimestampSchema }),
    /** A printer that needed attention is fine again. */
    'printer.recovered': z.object({ ...PrinterFields, troubleSince: TimestampSchema.optional() }),
    /** A store connection's polling fails (`since` when it began, `reason` in words). */
    'connection.failing': z.object({ ...ConnectionFields, since: TimestampSchema, reason: text }),
    'connection.recovered': z.object({ ...ConnectionFields, failingSince: TimestampSchema.optional() }),
    /** Every job of the order waits at Closeout Order. */
    'order.ready-for-closeout': z.object({ ...OrderFields, jobs: z.number().int().nonnegative() }),
    'order.closed-out': z.object({
        ...OrderFields,
        packingSlipNumber: shortText(64).optional(),
        carrier: name.optional(),
        trackingNumber: shortText(200).optional()
    }),
    'order.closeout-failed': z.object({
        ...OrderFields,
        /** packing slip, invoice or settlement. */
        part: shortText(40),
        code: shortText(100).optional(),
        message: text
    }),
    /** An open order's card authorization expires within `hours` hours. */
    'order.card-authorization-expiring': z.object({ ...OrderFields, expiresAt: TimestampSchema, hours: z.number().nonnegative() })
} as const;

export type PressworkEventName = keyof typeof PressworkEventPayloads;
export const PRESSWORK_EVENT_NAMES = Object.keys(PressworkEventPayloads) as PressworkEventName[];
export const PressworkEventNameSchema = z.enum(PRESSWORK_EVENT_NAMES as [PressworkEventName, ...PressworkEventName[]]);
export type PressworkEventPayload<N extends PressworkEventName = PressworkEventName> = z.infer<typeof PressworkEventPayloads[N]>;

/** What an owner hands over: the event before the journal gives it its position. */
export interface PressworkEventDraft<N extends PressworkEventName = PressworkEventName> {
    /**
     * Stable and unique for this happening, derived from what caused it (for example
     * `job.state-changed:<job id>:<order version>`), so that deriving it again after a crash
     * finds it journaled already instead of emitting it twice.
     */
    readonly id: string;
    readonly name: N;
    /** When it happened (ISO time). */
    readonly at: string;
    /**
     * What it is about (`job:<id>`, `printer:<id>`, `connection:<id>`, `order:<id>`): storm
     * control sends at most one message per rule per subject per quiet period.
     */
    readonly subject: string;
    readonly payload: PressworkEventPayload<N>;
}

/** An event as journaled: `seq` is its position, increasing, stable across restarts (the read API's cursor). */
export interface PressworkEvent<N extends PressworkEventName = PressworkEventName> extends PressworkEventDraft<N> {
    readonly seq: number;
}

export const PressworkEventIdSchema = z.string().min(1).max(300);
/** Made once: building a zod schema costs far more than using it, and every journaled event is checked. */
const SubjectSchema = shortText(300).min(1);

/** A draft as it must be to enter the journal: checked, so that a bad owner cannot poison it. */
export function parseEventDraft(draft: PressworkEventDraft): PressworkEventDraft {
    const payload = PressworkEventPayloads[draft.name].parse(draft.payload) as PressworkEventPayload;
    return {
        id: PressworkEventIdSchema.parse(draft.id),
        name: PressworkEventNameSchema.parse(draft.name),
        at: TimestampSchema.parse(draft.at),
        subject: SubjectSchema.parse(draft.subject),
        payload
    };
}
