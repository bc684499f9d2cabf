import { inject, injectable } from '@theia/core/shared/inversify';
import type { Job, Workflow } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { WorkflowVersionsCollection, workflowVersionId } from '../workflow-collections';

/** Finds the workflow a job runs in (Create Job reads its job defaults and overrides). */
export const WorkflowLookup = Symbol('WorkflowLookup');
export interface WorkflowLookup {
    workflowOf(job: Readonly<Job>): Workflow | undefined;
}

/**
 * Reads the store: the saved version the job runs on when the job names one (jobs finish on the
 * version they started with), else the workflow as it is now.
 */
@injectable()
export class StoreWorkflowLookup implements WorkflowLookup {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    workflowOf(job: Readonly<Job>): Workflow | undefined {
        if (!job.workflowId) {
            return undefined;
        }
        if (job.workflowVersion !== undefined) {
            const saved = this.store.get(WorkflowVersionsCollection, workflowVersionId(job.workflowId, job.workflowVersion));
            if (saved) {
                return saved.workflow;
            }
        }
        return this.store.get(WorkflowsCollection, job.workflowId);
    }
}
