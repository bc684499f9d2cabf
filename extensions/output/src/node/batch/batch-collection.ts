import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { OutputCollectionNames } from '../../common/output-collections';
import { BatchSchema, type Batch } from '../../common/batch/batch-schema';

/** Batches by their step (`<workflow id>/<step id>`), and by state, so that neither join nor the releaser scans them all. */
export const BatchesCollection: DocumentCollection<Batch> = {
    name: OutputCollectionNames.batches,
    schema: BatchSchema,
    indexes: {
        byStep: batch => `${batch.workflowId}/${batch.stepId}`,
        byState: batch => batch.state
    }
};
