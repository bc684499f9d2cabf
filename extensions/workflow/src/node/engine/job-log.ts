import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';

/**
 * Entries kept in a job's log. The whole order document is rewritten on every change, so a job's
 * log size is part of what every later write costs: the oldest entries make way.
 */
export const JOB_LOG_LIMIT = 1000;
/** Limits of the job schema: longer text would make the whole write fail. */
export const MESSAGE_LIMIT = 4000;
export const WAIT_REASON_LIMIT = 1000;
const BY_LIMIT = 64;

export type JobLogLevel = JobLogEntry['level'];

export function logEntry(at: string, message: string, level: JobLogLevel = 'info', by?: string): JobLogEntry {
    const entry: JobLogEntry = { at, level, message: clip(message, MESSAGE_LIMIT) };
    return by ? { ...entry, by: clip(by, BY_LIMIT) } : entry;
}

/** The log with the entries appended, the oldest dropped beyond the limit. */
export function appendLog(log: readonly JobLogEntry[], entries: readonly JobLogEntry[]): JobLogEntry[] {
    const joined = log.concat(entries);
    return joined.length > JOB_LOG_LIMIT ? joined.slice(joined.length - JOB_LOG_LIMIT) : joined;
}

export function clip(text: string, limit: number): string {
    return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
