import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema, shortText } from './identifiers';
import { JobStateSchema, PhaseSchema } from './job-status';
import { PrintedRecordSchema, PrintingRecordSchema } from './printing-record';
import { LOG_BY_LIMIT, LOG_MESSAGE_LIMIT, MAX_JOB_PROPERTIES, MAX_JOB_PROPERTIES_CHARACTERS, MAX_STORED_LOG_ENTRIES, WAIT_REASON_LIMIT } from './document-limits';

export const JobPropertyValueSchema = z.union([z.string().max(4000), z.number(), z.boolean()]);
export type JobPropertyValue = z.infer<typeof JobPropertyValueSchema>;

/** Bounded in count and in size, so that no edit can grow an order past what the store keeps. */
export const JobPropertiesSchema = z.record(z.string().max(100), JobPropertyValueSchema).superRefine((properties, context) => {
    const entries = Object.entries(properties);
    if (entries.length > MAX_JOB_PROPERTIES) {
        context.addIssue({ code: 'custom', message: `a job may have at most ${MAX_JOB_PROPERTIES} properties; this one would have ${entries.length}` });
        return;
    }
    const characters = entries.reduce((sum, [name, value]) => sum + name.length + String(value).length, 0);
    if (characters > MAX_JOB_PROPERTIES_CHARACTERS) {
        context.addIssue({
            code: 'custom',
            message: `a job's properties may hold at most ${MAX_JOB_PROPERTIES_CHARACTERS.toLocaleString('en')} characters in all; these would hold ${characters.toLocaleString('en')}`
        });
    }
});
export type JobProperties = z.infer<typeof JobPropertiesSchema>;

/** A page side kept on record at most (about 350 m): bounds what a hostile PDF can claim. */
export const MAX_PAGE_SIDE_POINTS = 1_000_000;

/**
 * What a print file holds, read once from the PDF and kept on its record: the page count and the
 * first page's size in points (1/72 inch), or, for a file that is not a readable PDF, why.
 */
export const PrintFilePagesSchema = z.union([
    z.object({
        count: z.number().int().nonnegative().max(10_000_000),
        width: z.number().positive().max(MAX_PAGE_SIDE_POINTS),
        height: z.number().positive().max(MAX_PAGE_SIDE_POINTS)
    }),
    z.object({ unreadable: shortText(300) })
]);
export type PrintFilePages = z.infer<typeof PrintFilePagesSchema>;

/** A file of the job, relative to the job's own folder: never an absolute path. */
export const JobFileSchema = z.object({
    name: z.string().min(1).max(255).refine(name => !/[/\\\0]/.test(name) && name !== '.' && name !== '..', 'must be a plain file name'),
    size: z.number().int().nonnegative().optional(),
    sourceUrl: shortText(2000).optional(),
    /** Set once the file has been read as a PDF (jobs extension, print-file pages). */
    pages: PrintFilePagesSchema.optional()
});
export type JobFile = z.infer<typeof JobFileSchema>;

export const JobLogEntrySchema = z.object({
    at: TimestampSchema,
    level: z.enum(['info', 'warning', 'error']),
    message: z.string().max(LOG_MESSAGE_LIMIT),
    by: shortText(LOG_BY_LIMIT).optional()
});
export type JobLogEntry = z.infer<typeof JobLogEntrySchema>;

/** One line item in production. Jobs live inside their order's document. */
export const JobSchema = z.object({
    id: DocumentIdSchema,
    name: shortText(),
    orderId: DocumentIdSchema,
    orderNumber: shortText(64),
    lineItemId: shortText(64),
    jobTicketId: shortText(64).optional(),
    connectionId: DocumentIdSchema,
    workflowId: DocumentIdSchema.optional(),
    workflowVersion: z.number().int().positive().optional(),
    phase: PhaseSchema,
    state: JobStateSchema,
    /** Index of the current step within the current phase. */
    stepIndex: z.number().int().nonnegative().default(0),
    /** Id of the current step, so an edited workflow does not move a job to another step. */
    stepId: shortText(128).optional(),
    /** A waiting activity that asked to run again at this time (e.g. Retain). */
    wakeAt: TimestampSchema.optional(),
    currentActivity: shortText(100).optional(),
    waitReason: shortText(WAIT_REASON_LIMIT).optional(),
    copies: z.number().int().positive().max(1_000_000),
    due: TimestampSchema.optional(),
    /**
     * From this time on, a job not yet printed is at risk of missing `due` (its production
     * template's at-risk hours before it); absent: the job is never flagged at risk.
     */
    atRiskAt: TimestampSchema.optional(),
    /**
     * The batch the job waits in (state Waiting for batch) or was released and printed with. Set by
     * the engine with a Batch step's wait outcome; cleared by the engine when a job waiting for its
     * batch leaves it otherwise than by the batch's release (held, moved, processed again, failed).
     */
    batchId: DocumentIdSchema.optional(),
    receivedAt: TimestampSchema,
    updatedAt: TimestampSchema,
    properties: JobPropertiesSchema.default({}),
    files: z.array(JobFileSchema).max(100).default([]),
    log: z.array(JobLogEntrySchema).max(MAX_STORED_LOG_ENTRIES).default([]),
    /** The job's print at a printer, from the moment its Print step is about to send it until it is printed (printing-record.ts). */
    printing: PrintingRecordSchema.optional(),
    /** What was last printed of the job (Order details show it). */
    printed: PrintedRecordSchema.optional()
});
export type Job = z.infer<typeof JobSchema>;
