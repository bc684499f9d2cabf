import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema } from '@presswork/platform/lib/common/identifiers';
import { WorkflowSchema } from '@presswork/platform/lib/common/workflow-schema';
import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { CustomActivity, CustomActivitySchema } from '../common/custom-activity-schema';
import { WorkflowCollectionNames } from '../common/workflow-collections';

/**
 * Every saved version of every workflow, kept so that jobs finish on the version they started
 * with and administrators can look back and restore.
 */
export const WorkflowVersionSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    workflowId: DocumentIdSchema,
    workflowVersion: z.number().int().positive(),
    savedAt: TimestampSchema,
    savedBy: z.string().max(64).optional(),
    workflow: WorkflowSchema
});
export type WorkflowVersion = z.infer<typeof WorkflowVersionSchema>;

export function workflowVersionId(workflowId: string, workflowVersion: number): string {
    return `${workflowId}-v${workflowVersion}`;
}

export const WorkflowVersionsCollection: DocumentCollection<WorkflowVersion> = {
    name: WorkflowCollectionNames.versions,
    schema: WorkflowVersionSchema,
    indexes: { workflow: version => version.workflowId }
};

export const CustomActivitiesCollection: DocumentCollection<CustomActivity> = { name: WorkflowCollectionNames.customActivities, schema: CustomActivitySchema };

export const WORKFLOW_COLLECTIONS = [WorkflowVersionsCollection, CustomActivitiesCollection] as readonly DocumentCollection[];
