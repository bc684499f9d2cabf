import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema } from '@presswork/platform/lib/common/identifiers';
import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { SavedViewContentSchema } from '../../common/saved-views';
import { JobsCollectionNames } from '../../common/jobs-collections';

/** A saved view as stored: its owner by id (names can be reused after a deletion) and by name for display. */
export const StoredSavedViewSchema = SavedViewContentSchema.extend({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    ownerId: DocumentIdSchema,
    owner: z.string().max(64),
    shared: z.boolean(),
    updatedAt: TimestampSchema,
    updatedBy: z.string().max(64)
});
export type StoredSavedView = z.infer<typeof StoredSavedViewSchema>;

/** Which view opens first: `shop` for the shop's default, `user-<user id>` for a user's own choice. */
export const ViewDefaultSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    viewId: DocumentIdSchema.optional(),
    updatedAt: TimestampSchema
});
export type ViewDefault = z.infer<typeof ViewDefaultSchema>;

export const SHOP_DEFAULT_ID = 'shop';
export const userDefaultId = (userId: string): string => `user-${userId}`;

export const SavedViewsCollection: DocumentCollection<StoredSavedView> = { name: JobsCollectionNames.savedViews, schema: StoredSavedViewSchema };
export const ViewDefaultsCollection: DocumentCollection<ViewDefault> = { name: JobsCollectionNames.viewDefaults, schema: ViewDefaultSchema };

export const SAVED_VIEW_COLLECTIONS = [SavedViewsCollection, ViewDefaultsCollection] as readonly DocumentCollection[];
