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

/** The times (ms since the epoch) from which a job is at risk and overdue; none for a printed job. */
export interface ScheduleRiskTimes {
    readonly atRiskFrom?: number;
    readonly overdueFrom?: number;
}

/**
 * When a job not yet printed becomes at risk of missing its due date (its `atRiskAt`, or its `due`
 * if that comes first) and overdue (its `due`): read once, so lists compare numbers per query.
 */
export function scheduleRiskTimes(job: Pick<Job, 'state' | 'due' | 'atRiskAt' | 'printed'>): ScheduleRiskTimes {
    if (job.printed || PAST_PRINTING.has(job.state)) {
        return {};
    }
    const due = timeOf(job.due);
    const atRiskAt = timeOf(job.atRiskAt);
    const atRiskFrom = due === undefined ? atRiskAt : atRiskAt === undefined ? due : Math.min(due, atRiskAt);
    return { ...(atRiskFrom === undefined ? {} : { atRiskFrom }), ...(due === undefined ? {} : { overdueFrom: due }) };
}

/** Whether a job with these risk times is at risk and overdue at `now`. */
export function riskAt(times: ScheduleRiskTimes, now: number): { atRisk: boolean; overdue: boolean } {
    return {
        atRisk: times.atRiskFrom !== undefined && times.atRiskFrom <= now,
        overdue: times.overdueFrom !== undefined && times.overdueFrom <= now
    };
}

/**
 * Whether a job not yet printed is at risk of missing its due date at `now` (its `atRiskAt` has
 * passed), and whether it is overdue (its `due` has passed). A printed job is neither.
 */
export function scheduleRisk(job: Pick<Job, 'state' | 'due' | 'atRiskAt' | 'printed'>, now: number): { atRisk: boolean; overdue: boolean } {
    return riskAt(scheduleRiskTimes(job), now);
}

function timeOf(value: string | undefined): number | undefined {
    const millis = value === undefined ? NaN : Date.parse(value);
    return Number.isNaN(millis) ? undefined : millis;
}
