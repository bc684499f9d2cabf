import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { JobFlow } from '@presswork/platform/lib/common/job-flow';
import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { JobActionResult, JobDetails, JobEdit } from '../../common/jobs-protocol';
import { editJob } from './job-edit';
import { findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { detailsOf, requireOrderJob } from './job-reading';
import { runPerJob } from './per-job-results';

/**
 * The All Jobs pod's job actions for a user (`by`, named in each job's log). Each action on
 * several jobs runs per job through the workflow engine's JobFlow, which checks every job as it
 * is when it acts; the result says which were done and why the others were refused.
 */
@injectable()
export class JobActions {
    @inject(JobFlow) protected readonly flow: JobFlow;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ILogger) @named('jobs:JobActions') protected readonly logger: ILogger;

    hold(jobIds: readonly string[], by: string): Promise<JobActionResult> {
        return this.perJob(jobIds, jobId => this.flow.hold(jobId, by));
    }

    resume(jobIds: readonly string[], by: string): Promise<JobActionResult> {
        return this.perJob(jobIds, jobId => this.flow.resume(jobId, by));
    }

    /** Releases jobs waiting at an Approve step (only there: a stale click is refused). */
    approve(jobIds: readonly string[], by: string): Promise<JobActionResult> {
        return this.perJob(jobIds, jobId => this.flow.continueJob(jobId, by, ActivityTypes.approve));
    }

    reject(jobIds: readonly string[], reason: string, by: string): Promise<JobActionResult> {
        const message = reason.trim() ? `Rejected by ${by}: ${reason.trim()}` : `Rejected by ${by}`;
        return this.perJob(jobIds, jobId => this.flow.failJob(jobId, by, message));
    }

    /** Releases jobs waiting at a Prepress check step. */
    prepressDone(jobIds: readonly string[], by: string): Promise<JobActionResult> {
        return this.perJob(jobIds, jobId => this.flow.continueJob(jobId, by, ActivityTypes.prepressCheck));
    }

    processAgain(jobIds: readonly string[], by: string): Promise<JobActionResult> {
        return this.perJob(jobIds, jobId => this.flow.processAgain(jobId, by));
    }

    moveToWorkflow(jobIds: readonly string[], workflowId: string, by: string): Promise<JobActionResult> {
        return this.perJob(jobIds, jobId => this.flow.moveToWorkflow(jobId, workflowId, by));
    }

    complete(jobIds: readonly string[], by: string): Promise<JobActionResult> {
        return this.perJob(jobIds, jobId => this.flow.complete(jobId, by));
    }

    retain(jobIds: readonly string[], by: string): Promise<JobActionResult> {
        return this.perJob(jobIds, jobId => this.flow.retain(jobId, by));
    }

    delete(jobIds: readonly string[], by: string): Promise<JobActionResult> {
        return this.perJob(jobIds, jobId => this.flow.deleteJob(jobId, by));
    }

    /** The workflows a job can be moved to: the enabled ones, by name. */
    workflowChoices(): { id: string; name: string }[] {
        return [...this.store.all(WorkflowsCollection)]
            .filter(workflow => workflow.enabled)
            .map(({ id, name }) => ({ id, name }))
            .sort((a, b) => a.name.localeCompare(b.name));
    }

    details(jobId: string): JobDetails {
        const { order, job } = requireOrderJob(this.store, jobId);
        return detailsOf(this.store, order, job);
    }

    log(jobId: string): JobLogEntry[] {
        return requireOrderJob(this.store, jobId).job.log;
    }

    editJob(jobId: string, edit: JobEdit, by: string): Promise<JobDetails> {
        return editJob(this.store, jobId, edit, by);
    }

    protected perJob(jobIds: readonly string[], act: (jobId: string) => Promise<void>): Promise<JobActionResult> {
        return runPerJob(jobIds, {
            nameOf: jobId => findJob(this.store, jobId)?.job.name,
            report: (message, error) => this.logger.error(message, error)
        }, act);
    }
}
