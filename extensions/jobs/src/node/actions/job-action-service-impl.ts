import { inject, injectable } from '@theia/core/shared/inversify';
import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import { RpcCaller } from '@presswork/platform/lib/node/rpc/rpc-caller';
import type { JobActionResult, JobActionService, JobDetails, JobEdit } from '../../common/jobs-protocol';
import { JobActions } from './job-actions';

/** The job actions for the user of one browser connection: each names that user in the job's log. */
@injectable()
export class JobActionServiceImpl implements JobActionService {
    @inject(RpcCaller) protected readonly caller: RpcCaller;
    @inject(JobActions) protected readonly actions: JobActions;

    hold(jobIds: string[]): Promise<JobActionResult> {
        return this.actions.hold(jobIds, this.by());
    }

    resume(jobIds: string[]): Promise<JobActionResult> {
        return this.actions.resume(jobIds, this.by());
    }

    approve(jobIds: string[]): Promise<JobActionResult> {
        return this.actions.approve(jobIds, this.by());
    }

    reject(jobIds: string[], reason: string): Promise<JobActionResult> {
        return this.actions.reject(jobIds, reason, this.by());
    }

    prepressDone(jobIds: string[]): Promise<JobActionResult> {
        return this.actions.prepressDone(jobIds, this.by());
    }

    processAgain(jobIds: string[]): Promise<JobActionResult> {
        return this.actions.processAgain(jobIds, this.by());
    }

    moveToWorkflow(jobIds: string[], workflowId: string): Promise<JobActionResult> {
        return this.actions.moveToWorkflow(jobIds, workflowId, this.by());
    }

    complete(jobIds: string[]): Promise<JobActionResult> {
        return this.actions.complete(jobIds, this.by());
    }

    retain(jobIds: string[]): Promise<JobActionResult> {
        return this.actions.retain(jobIds, this.by());
    }

    delete(jobIds: string[]): Promise<JobActionResult> {
        return this.actions.delete(jobIds, this.by());
    }

    async workflowChoices(): Promise<{ id: string; name: string }[]> {
        return this.actions.workflowChoices();
    }

    async details(jobId: string): Promise<JobDetails> {
        return this.actions.details(jobId);
    }

    async log(jobId: string): Promise<JobLogEntry[]> {
        return this.actions.log(jobId);
    }

    editJob(jobId: string, edit: JobEdit): Promise<JobDetails> {
        return this.actions.editJob(jobId, edit, this.by());
    }

    protected by(): string {
        return this.caller.user().name;
    }
}
