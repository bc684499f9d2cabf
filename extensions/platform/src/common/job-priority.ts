import type { Job } from './job-schema';
import { WAITING_FOR_CLOSEOUT } from './job-status';

/**
 * A job's priority: its `priority` property (from the production template, changeable in the
 * job's properties), 1 taken first and 10 last. One rule for the engine's queue, the pod's column
 * and the read API.
 */
export const DEFAULT_PRIORITY = 5;
export const HIGHEST_PRIORITY = 1;
export const LOWEST_PRIORITY = 10;

export function priorityOf(job: Pick<Job, 'properties'>): number {
    const value = job.properties?.priority;
    const number = typeof value === 'string' && value.trim() ? Number(value) : value;
    return typeof number === 'number' && Number.isInteger(number) && number >= HIGHEST_PRIORITY && number <= LOWEST_PRIORITY
        ? number : DEFAULT_PRIORITY;
}

/** States in which a job is printed or past printing: never at risk, never overdue. */
const PAST_PRINTING = new Set<string>(['Printed', 'Complete', 'Retained', WAITING_FOR_CLOSEOUT]);

/**
 * Whether a job not yet printed is at risk of missing its due date at `now` (its `atRiskAt` has
 * passed), and whether it is overdue (its `due` has passed). A printed job is neither.
 */
export function scheduleRisk(job: Pick<Job, 'state' | 'due' | 'atRiskAt' | 'printed'>, now: number): { atRisk: boolean; overdue: boolean } {
    if (job.printed || PAST_PRINTING.has(job.state)) {
        return { atRisk: false, overdue: false };
    }
    const overdue = job.due !== undefined && Date.parse(job.due) <= now;
    const atRisk = overdue || (job.atRiskAt !== undefined && Date.parse(job.atRiskAt) <= now);
    return { atRisk, overdue };
}
