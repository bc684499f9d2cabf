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
