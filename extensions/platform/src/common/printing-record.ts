import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema, shortText } from './identifiers';
import { LOG_BY_LIMIT, WAIT_REASON_LIMIT } from './document-limits';

/**
 * What a job keeps about its print at a printer (IPP first), so that a crash never prints twice:
 * the Print activity records its intent before it sends (`requestedAt`, `jobName`) and the
 * printer's job id as soon as the printer accepts the job (`deviceJobId`); from then on the job is
 * followed at the printer, never sent again, until the printer says `completed` (or an operator
 * decides, when the printer no longer knows the job). Everything is bounded, like the rest of the
 * job document, and optional on the job, so documents stored before it still load.
 */

/** IPP job-state keywords (RFC 8011 §5.3.7), as the follower names them. */
export const IPP_JOB_STATES = ['pending', 'pending-held', 'processing', 'processing-stopped', 'canceled', 'aborted', 'completed'] as const;
export const IppJobStateSchema = z.enum(IPP_JOB_STATES);
export type IppJobState = z.infer<typeof IppJobStateSchema>;

/** Reasons a printer gives at once (out of paper, door open…), in words, each at most PRINTER_REASON_LIMIT characters. */
export const MAX_PRINTER_REASONS = 16;
export const PRINTER_REASON_LIMIT = 200;

const countSchema = z.number().int().nonnegative();

export const PrintingRecordSchema = z.object({
    /** The Print step this record belongs to: a record of another step means nothing for the job's current one. */
    stepId: shortText(128),
    printerId: DocumentIdSchema,
    printerName: shortText(100),
    /** The job name sent to the printer, by which a send interrupted before an answer is looked for. */
    jobName: shortText(255),
    /** When the job was about to be sent (ISO). */
    requestedAt: TimestampSchema,
    /** The printer's job id, once it accepted the job: from then on the job is followed, never sent again. */
    deviceJobId: z.number().int().positive().optional(),
    acceptedAt: TimestampSchema.optional(),
    /** The printer's last job state. */
    deviceState: IppJobStateSchema.optional(),
    /** The printer's last reasons, in words (none: it prints normally). */
    reasons: z.array(shortText(PRINTER_REASON_LIMIT)).max(MAX_PRINTER_REASONS).optional(),
    impressionsCompleted: countSchema.optional(),
    sheetsCompleted: countSchema.optional(),
    /** Set when the printer no longer knows the job: why. An operator decides (Print again or Mark printed). */
    uncertain: shortText(WAIT_REASON_LIMIT).optional()
});
export type PrintingRecord = z.infer<typeof PrintingRecordSchema>;

/** What was printed, kept on the job for its order's details. */
export const PrintedRecordSchema = z.object({
    printerId: DocumentIdSchema,
    printerName: shortText(100),
    copies: z.number().int().positive().max(1_000_000),
    impressions: countSchema.optional(),
    sheets: countSchema.optional(),
    /** When it was recorded as printed (ISO). */
    at: TimestampSchema,
    /** Who marked it printed, when a person did rather than the printer. */
    by: shortText(LOG_BY_LIMIT).optional(),
    /**
     * Set when the copies were handed over to a printer that does not report its jobs (a hot
     * folder, a raw socket): the printer took them, but nobody saw them printed.
     */
    handedOver: z.literal(true).optional()
});
export type PrintedRecord = z.infer<typeof PrintedRecordSchema>;

/** What the follower reports of a job at a printer, each time it looks: the printer's whole current status. */
export interface PrintingProgress {
    /** The job's wait reason as an operator reads it ("Printing on Printer A", "Printer A: out of paper"). */
    readonly reason: string;
    readonly deviceState?: IppJobState;
    /** The printer's reasons, in words; none (or omitted) when it prints normally. */
    readonly reasons?: readonly string[];
    readonly impressionsCompleted?: number;
    readonly sheetsCompleted?: number;
}

/** The fields of a job `isAtPrinter` looks at. */
export interface PrintingJobFields {
    readonly state: string;
    readonly stepId?: string;
    readonly waitReason?: string;
    readonly printing?: PrintingRecord;
}

/**
 * Whether the job is at the printer: its Print step handed it over (the engine wrote the step's
 * `wait` outcome in state Printing, hence the wait reason) and the printer accepted it for this
 * step (`deviceJobId`). Such a job belongs to the follower, which reports through JobFlow; the
 * engine never runs its step on its own (not on store events, turns or at start-up).
 *
 * A job Printing without all of this is still the engine's: the server died while its Print step
 * ran (before or after the printer accepted), and the step runs again at the next start, where the
 * activity recovers from the record (it follows a job with a `deviceJobId` rather than send it
 * again). The wait reason tells the two apart: the engine clears it whenever a step starts and
 * writes it only with the outcome. A record marked `uncertain` is never at the printer (the job
 * waits for an operator).
 */
export function isAtPrinter(job: PrintingJobFields): boolean {
    const printing = job.printing;
    return job.state === 'Printing'
        && job.waitReason !== undefined
        && printing !== undefined
        && printing.stepId === job.stepId
        && printing.deviceJobId !== undefined
        && printing.uncertain === undefined;
}
