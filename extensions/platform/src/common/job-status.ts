import { z } from 'zod';

/** The four phases every workflow has, in the order a job passes through them. */
export const PHASES = ['Receive', 'Prepare', 'Print', 'Complete'] as const;
export const PhaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof PhaseSchema>;

/**
 * The state a job keeps at the Closeout Order step until its order is closed: named once, for the
 * activity that waits in it and for everything that counts or offers actions on such jobs.
 */
export const WAITING_FOR_CLOSEOUT = 'Waiting for order closeout';

/**
 * The state a job keeps at a Batch step until its batch is released (by a rule or by hand): named
 * once, like WAITING_FOR_CLOSEOUT. The job's `batchId` names the batch.
 */
export const WAITING_FOR_BATCH = 'Waiting for batch';

/** Job states (architecture.md). Phase and state together are a job's status. */
export const JOB_STATES = [
    'Received',
    'Queued',
    'Processing',
    'Waiting',
    'Printing',
    'Printed',
    'Held',
    'Error',
    WAITING_FOR_CLOSEOUT,
    WAITING_FOR_BATCH,
    'Complete',
    'Retained'
] as const;
export const JobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobStateSchema>;

/** States in which a job is finished with production and only kept for the record. */
export const FINISHED_JOB_STATES: ReadonlySet<JobState> = new Set<JobState>(['Complete', 'Retained']);
