import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema } from '@presswork/platform/lib/common/identifiers';
import type { ActivityDefinition } from '@presswork/platform/lib/common/activity-ui-contribution';

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

/**
 * Custom activities as activity definitions: the base activity's definition under the custom id,
 * label and defaults. A custom activity whose base is gone or protected is left out.
 */
export function resolveCustomActivities(customs: readonly CustomActivity[], supplied: readonly ActivityDefinition[]): ActivityDefinition[] {
    const resolved: ActivityDefinition[] = [];
    for (const custom of customs) {
        const base = supplied.find(activity => activity.type === custom.baseType);
        if (base && !base.protected) {
            // The custom defaults lie under each step's own properties, for checking and for running alike.
            const propertiesSchema = z.preprocess(
                properties => ({ ...custom.defaults, ...(typeof properties === 'object' && properties ? properties : {}) }),
                base.propertiesSchema
            );
            resolved.push({
                ...base, type: customActivityType(custom.id), label: custom.label, description: custom.description || base.description,
                propertiesSchema, baseType: base.type, defaults: custom.defaults
            } as ActivityDefinition);
        }
    }
    return resolved;
}
