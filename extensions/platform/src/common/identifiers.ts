import { z } from 'zod';

/**
 * Document ids double as file names in the data folder, so they are restricted to characters that
 * can never form a path: no separators, no dots at the start, nothing a shell or a file system reads
 * specially.
 */
export const DOCUMENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
export const DocumentIdSchema = z.string().regex(DOCUMENT_ID_PATTERN, 'must be 1 to 128 letters, digits, "_" or "-", starting with a letter or digit');

/** ISO 8601 timestamp with an offset, as JSON carries it. */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** A short single-line text as a user types it: trimmed elsewhere, bounded here. */
export const shortText = (max = 200): z.ZodString => z.string().max(max);
