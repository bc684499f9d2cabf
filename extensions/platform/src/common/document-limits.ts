/**
 * The bounds of what the store keeps, named once: the store's reader and writer, the schemas and
 * the services that edit documents all use these, so that nothing is ever written that could not
 * be read back.
 */

/** The largest document the store writes or reads (its JSON, in UTF-8 bytes). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** A job carries at most this many properties ... */
export const MAX_JOB_PROPERTIES = 200;
/** ... of at most this many characters in all, names and values together. */
export const MAX_JOB_PROPERTIES_CHARACTERS = 64 * 1024;

/**
 * Entries a job's log keeps: the whole order document is rewritten on every change, so a job's log
 * size is part of what every later write costs. The oldest entries make way (appendJobLog).
 */
export const JOB_LOG_LIMIT = 1000;
/** Entries an order's own log keeps (closeout audit, refreshes); the oldest make way (appendOrderLog). */
export const ORDER_LOG_LIMIT = 10_000;
/**
 * The most log entries a document read back may hold. Higher than JOB_LOG_LIMIT because job logs
 * written before that cap was shared grew to this; a document is never refused for them.
 */
export const MAX_STORED_LOG_ENTRIES = 10_000;

/** Characters of a log entry's message, of who made it, and of a job's wait reason. */
export const LOG_MESSAGE_LIMIT = 4000;
export const LOG_BY_LIMIT = 64;
export const WAIT_REASON_LIMIT = 1000;

/** A size in words a person reads: "34.2 MB", "512 kB", "900 bytes" (decimal units, as disks are sold). */
export function describeBytes(bytes: number): string {
    if (bytes >= 1_000_000) {
        return `${(bytes / 1_000_000).toFixed(1)} MB`;
    }
    if (bytes >= 1_000) {
        return `${Math.round(bytes / 1_000)} kB`;
    }
    return `${bytes} bytes`;
}
