import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema, shortText } from '@presswork/platform/lib/common/identifiers';

/** At most this many jobs of a printer's queue are kept in its state document (the rest are counted). */
export const MAX_QUEUE_SHOWN = 200;

const ReadyMediumSchema = z.object({
    sizeName: shortText(255).optional(),
    widthHmm: z.number().int().nonnegative().optional(),
    heightHmm: z.number().int().nonnegative().optional(),
    type: shortText(100).optional(),
    weightGsm: z.number().int().nonnegative().optional(),
    color: shortText(100).optional(),
    source: shortText(100).optional(),
    key: shortText(255).optional()
});

const SupplySchema = z.object({
    name: shortText(200),
    kind: shortText(100).optional(),
    color: shortText(100).optional(),
    percent: z.number().min(0).max(100).optional()
});

/** A Presswork job sent to the printer and not finished there. */
const QueuedJobSchema = z.object({
    jobId: DocumentIdSchema,
    orderNumber: shortText(64),
    jobName: shortText(),
    /** The printer's job id, once it accepted the job. */
    deviceJobId: z.number().int().positive().optional(),
    /** IPP job-state keyword, as last reported. */
    deviceState: shortText(40).optional(),
    impressionsCompleted: z.number().int().nonnegative().optional(),
    sheetsCompleted: z.number().int().nonnegative().optional()
});

/**
 * A printer as the monitor last saw it: one document per printer (its id is the printer's),
 * written only when something an operator would see changed, so every Printers view and the
 * All Jobs pod follow it through the change feed. `since` is when the state or reasons last
 * changed, not when the printer was last asked.
 */
export const PrinterStateSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    /** False when the printer could not be asked; `problem` says why in words. */
    reachable: z.boolean(),
    problem: shortText(1000).optional(),
    state: z.enum(['idle', 'processing', 'stopped', 'unknown']),
    /** `printer-state-reasons` keywords (without `none`) and the same in words. */
    reasons: z.array(shortText(100)).max(32).default([]),
    reasonsInWords: shortText(1000).optional(),
    message: shortText(1000).optional(),
    makeAndModel: shortText(255).optional(),
    mediaReady: z.array(ReadyMediumSchema).max(64).default([]),
    supplies: z.array(SupplySchema).max(64).default([]),
    queue: z.array(QueuedJobSchema).max(MAX_QUEUE_SHOWN).default([]),
    /** Jobs in the queue beyond those listed. */
    queueMore: z.number().int().nonnegative().default(0),
    since: TimestampSchema
});
export type PrinterState = z.infer<typeof PrinterStateSchema>;
export type QueuedJob = z.infer<typeof QueuedJobSchema>;

/** Stopped, or not answering: what makes a pool hand a printer's jobs over (and the Print step avoid it). */
export function inTrouble(state: Pick<PrinterState, 'state' | 'reachable'>): boolean {
    return state.state === 'stopped' || !state.reachable;
}
