import { z } from 'zod';

/**
 * What a backup archive (tar.gz) holds: this manifest at its root, and the data folder as `data/`.
 * In PostgreSQL mode also `database.dump` (pg_dump's custom format) and `data/` holds the files
 * folder without `store/` (the documents are in the dump).
 */
export const MANIFEST_ENTRY = 'presswork-backup.json';
export const DATA_ENTRY = 'data';
export const DATABASE_ENTRY = 'database.dump';

export const BackupManifestSchema = z.object({
    format: z.literal(1),
    createdAt: z.string(),
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** Whether a running Presswork held its writes for the copy (else none was running, or the store is PostgreSQL). */
    pausedBackend: z.boolean(),
    /** The database dump of a PostgreSQL backup: its size and SHA-256, checked before a restore touches anything. */
    database: z.object({
        bytes: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        /** host:port/database it was taken from (never a password). */
        source: z.string()
    }).optional()
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;
