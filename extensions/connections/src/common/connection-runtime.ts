import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema } from '@presswork/platform/lib/common/identifiers';

/** How a connection's polling goes: fine, failing but retrying, or failing in a way a person must fix. */
export const ConnectionStatusSchema = z.object({
    state: z.enum(['idle', 'ok', 'retrying', 'error', 'disabled']),
    /** When the current failure began. */
    since: TimestampSchema.optional(),
    message: z.string().max(2000).optional(),
    lastPollAt: TimestampSchema.optional(),
    nextPollAt: TimestampSchema.optional()
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

/** One poll, as the connection's log shows it. */
export const ConnectionLogEntrySchema = z.object({
    at: TimestampSchema,
    windowStart: TimestampSchema,
    windowEnd: TimestampSchema,
    received: z.number().int().nonnegative(),
    created: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    durationMs: z.number().nonnegative(),
    error: z.string().max(2000).optional(),
    /** What went differently in a poll that succeeded, in words: orders quarantined, say. */
    note: z.string().max(2000).optional()
});
export type ConnectionLogEntry = z.infer<typeof ConnectionLogEntrySchema>;

/** An order that failed validation: kept, not dropped, until it can be taken in. */
export interface RejectedOrderView {
    readonly id: string;
    readonly version: number;
    readonly connectionId: string;
    readonly marcomOrderId?: string;
    readonly orderNumber?: string;
    readonly path: string;
    readonly reason: string;
    readonly firstSeenAt: string;
    readonly lastSeenAt: string;
    readonly attempts: number;
}

export const RejectedOrderViewSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    connectionId: DocumentIdSchema,
    marcomOrderId: z.string().max(64).optional(),
    orderNumber: z.string().max(64).optional(),
    path: z.string().max(500),
    reason: z.string().max(2000),
    firstSeenAt: TimestampSchema,
    lastSeenAt: TimestampSchema,
    attempts: z.number().int().positive()
});
