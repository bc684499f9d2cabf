import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema, shortText } from '@presswork/platform/lib/common/identifiers';
import { JobLogEntrySchema } from '@presswork/platform/lib/common/job-schema';
import { BatchPropertiesSchema, MAX_BATCH_JOBS } from './batch-activity';

/** Batch ids read `B-0042`: numbered upwards by the batch sequence. */
export const BATCH_ID_PATTERN = /^B-\d{4,}$/;

/** One job of a batch, with what the rules and the slip need, so that neither reads every order. */
export const BatchMemberSchema = z.object({
    jobId: DocumentIdSchema,
    orderId: DocumentIdSchema,
    orderNumber: shortText(64),
    jobName: shortText(),
    copies: z.number().int().positive().max(1_000_000),
    /** Sheets the job takes (pages × copies, halved two-sided), when its print file has been read. */
    sheets: z.number().int().nonnegative().optional(),
    due: TimestampSchema.optional(),
    joinedAt: TimestampSchema
});
export type BatchMember = z.infer<typeof BatchMemberSchema>;

/**
 * The batch's one output, written before anything is sent (as a job's printing record is), so that
 * a kill -9 never sends a batch twice: the intent (`requestedAt`, `jobName`), then the printer's
 * job id once it accepted (`deviceJobId`). `jobIds` are the jobs the document holds, in order.
 */
export const BatchOutputSchema = z.object({
    stepId: shortText(128),
    printerId: DocumentIdSchema,
    printerName: shortText(100),
    /** The IPP job name (the batch id), by which an interrupted send is looked for at the printer. */
    jobName: shortText(255),
    /** The merged document's file name in the batch's folder. */
    fileName: shortText(255),
    jobIds: z.array(DocumentIdSchema).max(MAX_BATCH_JOBS),
    pages: z.number().int().nonnegative().optional(),
    requestedAt: TimestampSchema,
    deviceJobId: z.number().int().positive().optional(),
    acceptedAt: TimestampSchema.optional(),
    /** When the printer said the batch's job completed (the follower records it once, for members followed late). */
    completedAt: TimestampSchema.optional(),
    /** Set when the printer took the file but follows no jobs (a hot folder). */
    handedOverAt: TimestampSchema.optional()
});
export type BatchOutput = z.infer<typeof BatchOutputSchema>;

/**
 * A batch: jobs of one Batch step (one workflow, one step) that match in the step's keys, across
 * orders. Open while it gathers; released (durably, before any job moves on) by a rule or by hand;
 * its output recorded by the Print step. The output extension owns it: only its batch book writes it.
 */
export const BatchSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    workflowId: DocumentIdSchema,
    stepId: shortText(128),
    /** The chosen keys and this batch's values for them, e.g. `{ media: 'Cougar 100' }`. */
    keys: z.record(z.string().max(32), shortText(200)),
    /** The step's rules when the batch opened: a later edit of the workflow applies to new batches. */
    rules: BatchPropertiesSchema,
    state: z.enum(['open', 'released']),
    members: z.array(BatchMemberSchema).max(MAX_BATCH_JOBS),
    openedAt: TimestampSchema,
    /** The next time a time rule (time of day, oldest wait, due within) releases it: kept so that one missed while down fires at start. */
    nextReleaseAt: TimestampSchema.optional(),
    releasedAt: TimestampSchema.optional(),
    /** Why it was released, in words: "3 of 3 jobs", "time of day 14:00", "by hand (olivia)". */
    releaseReason: shortText(300).optional(),
    output: BatchOutputSchema.optional(),
    log: z.array(JobLogEntrySchema).max(500).default([])
});
export type Batch = z.infer<typeof BatchSchema>;
