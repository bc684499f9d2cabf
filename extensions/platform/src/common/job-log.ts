import type { JobLogEntry } from './job-schema';
import { JOB_LOG_LIMIT, LOG_BY_LIMIT, LOG_MESSAGE_LIMIT, ORDER_LOG_LIMIT } from './document-limits';

/**
 * Writing to a job's or an order's log, the one way every extension does: entries clipped to what
 * the schema accepts (a longer text would make the whole write fail), logs capped at their limit.
 */

export type LogLevel = JobLogEntry['level'];

/** One log entry at `at` (ISO time), made by `by` when a person acted. */
export function logEntry(at: string, message: string, level: LogLevel = 'info', by?: string): JobLogEntry {
    const entry: JobLogEntry = { at, level, message: clip(message, LOG_MESSAGE_LIMIT) };
    return by ? { ...entry, by: clip(by, LOG_BY_LIMIT) } : entry;
}

/** A job's log with the entries appended, the oldest dropped beyond JOB_LOG_LIMIT. */
export function appendJobLog(log: readonly JobLogEntry[], entries: readonly JobLogEntry[]): JobLogEntry[] {
    return appendBounded(log, entries, JOB_LOG_LIMIT);
}

/** An order's own log with the entries appended, the oldest dropped beyond ORDER_LOG_LIMIT. */
export function appendOrderLog(log: readonly JobLogEntry[], entries: readonly JobLogEntry[]): JobLogEntry[] {
    return appendBounded(log, entries, ORDER_LOG_LIMIT);
}

/** The text cut to `limit` characters, with an ellipsis that shows it was cut. */
export function clip(text: string, limit: number): string {
    return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function appendBounded(log: readonly JobLogEntry[], entries: readonly JobLogEntry[], limit: number): JobLogEntry[] {
    const joined = log.concat(entries);
    return joined.length > limit ? joined.slice(joined.length - limit) : joined;
}
