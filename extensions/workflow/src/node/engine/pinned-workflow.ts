import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { WorkflowVersionsCollection, workflowVersionId } from '../workflow-collections';

export type WorkflowResolution = { readonly workflow: Workflow } | { readonly problem: string };

/**
 * The workflow a job runs on: the version it started on, so that a save never changes the steps
 * of a job already under way. A job not started yet runs on the current version.
 */
export function workflowOfJob(store: DocumentStore, job: Pick<Job, 'workflowId' | 'workflowVersion'>): WorkflowResolution {
    if (!job.workflowId) {
        return { problem: 'the job has no workflow' };
    }
    const current = store.get(WorkflowsCollection, job.workflowId);
    if (job.workflowVersion === undefined || current?.version === job.workflowVersion) {
        return current ? { workflow: current } : { problem: `its workflow ${job.workflowId} no longer exists` };
    }
    const kept = store.get(WorkflowVersionsCollection, workflowVersionId(job.workflowId, job.workflowVersion));
    if (kept) {
        return { workflow: kept.workflow };
    }
    // Enabling or disabling a workflow raises its version without recording a new one: the
    // newest version recorded before has the same steps.
    const earlier = newestVersionBefore(store, job.workflowId, job.workflowVersion);
    if (earlier) {
        return { workflow: earlier };
    }
    const name = current ? `"${current.name}"` : job.workflowId;
    return { problem: `version ${job.workflowVersion} of workflow ${name}, which the job started on, is not kept` };
}

function newestVersionBefore(store: DocumentStore, workflowId: string, version: number): Workflow | undefined {
    let newest: { readonly workflowVersion: number; readonly workflow: Workflow } | undefined;
    for (const kept of store.findBy(WorkflowVersionsCollection, 'workflow', workflowId)) {
        if (kept.workflowVersion < version && (!newest || kept.workflowVersion > newest.workflowVersion)) {
            newest = kept;
        }
    }
    return newest?.workflow;
}
