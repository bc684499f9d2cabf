/** The workflow extension's own collections, by name: folders on disk and change feed keys. */
export const WorkflowCollectionNames = {
    versions: 'workflow-versions',
    customActivities: 'custom-activities'
} as const;
