import type { interfaces } from '@theia/core/shared/inversify';
import { ActivityContribution } from '@presswork/platform/lib/common/activity-contribution';
import { ApproveActivityContribution } from './approve-activity';
import { CopyToFolderActivityContribution } from './copy-to-folder-activity';
import { CreateJobActivityContribution } from './create-job-activity';
import { JobDisposal } from './job-disposal';
import { PrepressCheckActivityContribution } from './prepress-check-activity';
import { ProcessRunner } from './process-runner';
import { RemoveActivityContribution } from './remove-activity';
import { RetainActivityContribution } from './retain-activity';
import { RunExternalApplicationActivityContribution } from './run-external-application-activity';
import { StoreWorkflowLookup, WorkflowLookup } from './workflow-lookup';

/** The executors of the supplied activities, in the order common/supplied-activities.ts lists them. */
export const SUPPLIED_ACTIVITY_CONTRIBUTIONS = [
    CreateJobActivityContribution, ApproveActivityContribution, PrepressCheckActivityContribution,
    RunExternalApplicationActivityContribution, CopyToFolderActivityContribution,
    RetainActivityContribution, RemoveActivityContribution
] as const;

/**
 * Binds every supplied activity as an ActivityContribution, with the services they need
 * (DocumentStore and PressworkConfig come from the platform). Print is output's.
 */
export function bindSuppliedActivities(bind: interfaces.Bind): void {
    bind(WorkflowLookup).to(StoreWorkflowLookup).inSingletonScope();
    bind(ProcessRunner).toSelf().inSingletonScope();
    bind(JobDisposal).toSelf().inSingletonScope();
    for (const activity of SUPPLIED_ACTIVITY_CONTRIBUTIONS) {
        bind(activity).toSelf().inSingletonScope();
        bind(ActivityContribution).toService(activity);
    }
}
