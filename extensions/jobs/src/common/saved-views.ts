import { z } from 'zod';
import { JobQuerySchema } from './job-query';

/** A column as a saved view keeps it: which, in what order (array order), how wide. */
export const ViewColumnSchema = z.object({
    id: z.string().min(1).max(100),
    width: z.number().int().min(30).max(2000)
});
export type ViewColumn = z.infer<typeof ViewColumnSchema>;

export const SavedViewContentSchema = z.object({
    name: z.string().trim().min(1, 'Name is required').max(100),
    columns: z.array(ViewColumnSchema).min(1).max(50),
    /** The query without collapsed groups: those belong to the moment, not the view. */
    query: JobQuerySchema.omit({ collapsed: true })
});
export type SavedViewContent = z.input<typeof SavedViewContentSchema>;

/** A saved view: its owner's alone, or shared with everyone by an administrator. */
export interface SavedView {
    readonly id: string;
    readonly version: number;
    readonly name: string;
    readonly owner: string;
    readonly shared: boolean;
    readonly columns: z.infer<typeof ViewColumnSchema>[];
    readonly query: z.infer<typeof SavedViewContentSchema>['query'];
    readonly updatedAt: string;
}

/** The views a user may open, and which one opens first (their own choice, else the shop's default). */
export interface SavedViewList {
    readonly views: SavedView[];
    readonly defaultViewId?: string;
}
