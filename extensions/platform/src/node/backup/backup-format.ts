import { z } from 'zod';

/** What a backup archive (tar.gz) holds: this manifest at its root, and the data folder as `data/`. */
export const MANIFEST_ENTRY = 'presswork-backup.json';
export const DATA_ENTRY = 'data';

export const BackupManifestSchema = z.object({
    format: z.literal(1),
    createdAt: z.string(),
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** Whether a running Presswork held its writes for the copy (else none was running). */
    pausedBackend: z.boolean()
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;
