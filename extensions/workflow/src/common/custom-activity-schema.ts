import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema } from '@presswork/platform/lib/common/identifiers';

/**
 * A custom activity: a copy of an unprotected supplied activity with defaults of its own, shown in
 * the palette's Custom section. Steps name it by `custom:<id>`.
 */
export const CustomActivitySchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    label: z.string().trim().min(1).max(100),
    description: z.string().max(2000).default(''),
    baseType: z.string().min(1).max(100),
    defaults: z.record(z.string().max(100), z.unknown()).default({}),
    updatedAt: TimestampSchema
});
export type CustomActivity = z.infer<typeof CustomActivitySchema>;

export const CUSTOM_ACTIVITY_PREFIX = 'custom:';
export const customActivityType = (id: string): string => `${CUSTOM_ACTIVITY_PREFIX}${id}`;
