import { z } from 'zod';
import { TimestampSchema } from '@presswork/platform/lib/common/identifiers';

/**
 * The rule dispatcher's own document in the settings collection: its journal position and the
 * storm-control state as of that position, written together, so that dispatching again from it
 * after a crash takes the same decisions and finds the deliveries it made already (same ids).
 */
export const DispatcherStateSchema = z.object({
    id: z.literal('dispatcher'),
    version: z.number().int().positive(),
    /** The journal position of the last event dispatched. */
    position: z.number().int().nonnegative(),
    /** Per `<rule id>|<subject>`: the latest message slot (sent or held back) and how many events the held one carries. */
    quiet: z.record(z.string(), z.object({ slot: TimestampSchema, held: z.number().int().nonnegative() })).default({}),
    /** Per rule id: the current minute of matches (for the digest). */
    minutes: z.record(z.string(), z.object({ start: TimestampSchema, count: z.number().int().nonnegative() })).default({}),
    updatedAt: TimestampSchema
});
export type DispatcherState = z.infer<typeof DispatcherStateSchema>;
export const DISPATCHER_STATE_ID = 'dispatcher';
