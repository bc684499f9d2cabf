import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema, shortText } from '@presswork/platform/lib/common/identifiers';
import { JobLogEntrySchema } from '@presswork/platform/lib/common/job-schema';
import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { CloseoutCollectionNames } from '../common/closeout-collections';
import { CloseoutInputSchema } from '../common/closeout-protocol';

/** One part's state as stored: what the dialog shows, plus whether it was ever sent (then its numbers are fixed). */
export const StoredPartSchema = z.object({
    status: z.enum(['pending', 'sending', 'done', 'failed', 'not-required']),
    referenceId: shortText(200).optional(),
    code: z.number().int().optional(),
    message: z.string().max(2000).optional(),
    at: TimestampSchema.optional(),
    /** Sent at least once: the store may have applied it, so its numbers never change again. */
    sent: z.boolean().default(false)
});
export type StoredPart = z.infer<typeof StoredPartSchema>;

/** One attempt of one part, for the audit trail (never card data). */
export const PartEventSchema = z.object({
    part: z.enum(['packingSlip', 'invoice', 'settlement']),
    at: TimestampSchema,
    request: z.string().max(1000),
    outcome: z.enum(['success', 'already-done', 'failed', 'transport-error']),
    code: z.number().int().optional(),
    message: z.string().max(2000),
    referenceId: shortText(200).optional()
});
export type PartEvent = z.infer<typeof PartEventSchema>;

export const AttemptSchema = z.object({
    by: shortText(64),
    startedAt: TimestampSchema,
    endedAt: TimestampSchema.optional(),
    outcome: z.enum(['closed', 'stopped']).optional(),
    events: z.array(PartEventSchema).max(10).default([])
});
export type Attempt = z.infer<typeof AttemptSchema>;

/**
 * Who runs an attempt now: the user, since when, and which backend process (a restart makes it
 * stale). With several servers, the attempt renews `expiresAt` while it runs: a lock whose server
 * died expires, and another server may take the closeout over.
 */
export const RunningLockSchema = z.object({
    by: shortText(64),
    since: TimestampSchema,
    owner: shortText(64),
    expiresAt: TimestampSchema.optional()
});
export type RunningLock = z.infer<typeof RunningLockSchema>;

/** The closeout of one order (id = the order's id): fixed numbers, parts, lock and attempts. */
export const CloseoutDocumentSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    orderNumber: shortText(64),
    input: CloseoutInputSchema.optional(),
    parts: z.object({ packingSlip: StoredPartSchema, invoice: StoredPartSchema, settlement: StoredPartSchema }),
    running: RunningLockSchema.optional(),
    attempts: z.array(AttemptSchema).max(200).default([]),
    /**
     * Audit entries written with the state they describe, not yet copied into the logs of the order
     * and its jobs (that happens in the write that closes the order, or when the attempt stops).
     */
    pendingLog: z.array(JobLogEntrySchema).max(1000).default([]),
    closed: z.boolean().default(false),
    closedBy: shortText(64).optional(),
    closedAt: TimestampSchema.optional()
});
export type CloseoutDocument = z.infer<typeof CloseoutDocumentSchema>;

/** Found by their numbers, so a number proposed or typed for one order is never another's. */
export const CloseoutsCollection: DocumentCollection<CloseoutDocument> = {
    name: CloseoutCollectionNames.closeouts,
    schema: CloseoutDocumentSchema,
    indexes: {
        packingSlipNumber: closeout => closeout.input?.packingSlip.packingSlipNumber.toUpperCase(),
        invoiceNumber: closeout => closeout.input?.invoice.invoiceNumber.toUpperCase()
    }
};

export const CLOSEOUT_COLLECTIONS: readonly DocumentCollection[] = [CloseoutsCollection] as readonly DocumentCollection[];
