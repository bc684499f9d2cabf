import { z } from 'zod';
import { DocumentIdSchema, shortText } from '@presswork/platform/lib/common/identifiers';

/**
 * A medium of the shop's catalog, as a minimal local schema until the job ticket's media catalog
 * (`tickets/media-catalog.ts`) lands; the integrator reconciles the two. `sizeName` is the PWG
 * self-describing size name (e.g. `na_letter_8.5x11in`), `key` the media-key a printer knows it by.
 */
export const MediumSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    name: shortText(100).min(1),
    sizeName: shortText(100).min(1),
    type: shortText(100).min(1).optional(),
    weightGsm: z.number().int().min(1).max(2000).optional(),
    color: shortText(100).min(1).optional(),
    key: shortText(100).min(1).optional()
});
export type Medium = z.infer<typeof MediumSchema>;
