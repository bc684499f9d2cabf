import { inject, injectable, optional } from '@theia/core/shared/inversify';
import { ActivityUiRegistry } from '@presswork/platform/lib/common/activity-ui-registry';
import { activityLabelOf } from '@presswork/platform/lib/common/activity-words';
import { SafeConfirmDialog } from '@presswork/platform/lib/browser/safe-confirm-dialog';
import { ClipboardService } from '@theia/core/lib/browser/clipboard-service';
import { MessageService } from '@theia/core/lib/common/message-service';
import { z } from 'zod';
import type { JobActionContext, JobActionContribution } from '@presswork/platform/lib/common/job-action-contribution';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { FormDialog, FormDialogOptions } from '@presswork/platform/lib/browser/form-dialog';
import { JobActionService } from '../../common/jobs-protocol';
import type { JobActionResult } from '../../common/jobs-protocol';
import { JOB_ACTION_SPECS, JobActionKey, JobActionSpec, JobServiceCall, performJobAction } from './job-action-catalog';
import { JobActionRules } from './job-action-enablement';
import { nameJobs } from './job-action-report';
import { isolatedIdentifier, isolatedText } from '@presswork/platform/lib/common/hidden-characters';
import { JobLogDialog } from './job-log-dialog';
import { JobPropertiesDialog } from './job-properties-dialog';
import { PrintFileOpener } from './print-file-opener';

const RejectSchema = z.object({ reason: z.string().trim().min(1, 'Say why the job is rejected').max(1000) });
const MoveSchema = z.object({ workflowId: z.string().min(1, 'Choose a workflow') });

/** "Reject Flyer", "Reject 3 jobs". */
function titleFor(verb: string, jobs: readonly JobRow[]): string {
    return jobs.length === 1 ? `${verb} ${isolatedText(jobs[0].name)}` : `${verb} ${jobs.length} jobs`;
}

/**
 * The jobs extension's own job actions, each a `JobActionContribution` the All Jobs pod shows.
 * Every run sends all selected jobs to the backend in one call and reports the jobs it refused in
 * one message; success says nothing, since the pod shows the new states live.
 */
@injectable()
export class JobActions {
    @inject(JobActionService) protected readonly service: JobActionService;
    @inject(MessageService) protected readonly messages: MessageService;
    @inject(ClipboardService) protected readonly clipboard: ClipboardService;
    @inject(ActivityUiRegistry) @optional() protected readonly activities: ActivityUiRegistry | undefined;
    @inject(PrintFileOpener) protected readonly printFiles: PrintFileOpener;

    protected built: Map<JobActionKey, JobActionContribution> | undefined;

    get(key: JobActionKey): JobActionContribution {
        this.built ??= new Map(JOB_ACTION_SPECS.map(spec => [spec.key, this.contribution(spec)]));
        const action = this.built.get(key);
        if (!action) {
            throw new Error(`No job action ${key}`);
        }
        return action;
    }

    protected contribution(spec: JobActionSpec): JobActionContribution {
        const { id, label, group, order, permission, call } = spec;
        const dialog = this.withDialog[spec.key];
        const run = call ? (context: JobActionContext) => this.perform(label, context.jobs, call) : dialog;
        if (!run) {
            throw new Error(`The job action ${spec.key} neither calls the service nor opens a dialog`);
        }
        return { id, label, group, order, permission, enablement: JobActionRules[spec.key], run };
    }

    /** The actions that ask something first, or show something. */
    protected readonly withDialog: Partial<Record<JobActionKey, (context: JobActionContext) => Promise<void>>> = {
        reject: context => this.reject(context),
        moveToWorkflow: context => this.moveToWorkflow(context),
        properties: context => this.properties(context),
        log: context => this.log(context),
        openPrintFile: context => this.printFiles.open(context),
        delete: context => this.delete(context)
    };

    protected perform(label: string, jobs: readonly JobRow[], call: JobServiceCall): Promise<void> {
        return performJobAction(this.service, this.messages, label, jobs, call);
    }

    protected async reject(context: JobActionContext): Promise<void> {
        await this.askThenPerform(context, 'Reject', 'presswork-job-reject-dialog', {
            title: titleFor('Reject', context.jobs),
            acceptLabel: 'Reject',
            fields: [{ name: 'reason', label: 'Reason', kind: 'text', help: 'The job goes to Error with this reason.' }],
            schema: RejectSchema
        }, (service, ids, answer) => service.reject(ids, answer.reason));
    }

    protected async moveToWorkflow(context: JobActionContext): Promise<void> {
        let choices: { id: string; name: string }[];
        try {
            choices = await this.service.workflowChoices();
        } catch (error) {
            this.messages.error(`Move to workflow: ${messageOf(error)}`);
            return;
        }
        if (!choices.length) {
            this.messages.warn('Move to workflow: no workflow is enabled');
            return;
        }
        const current = new Set(context.jobs.map(job => job.workflowId));
        const ordered = [...choices].sort((a, b) => a.name.localeCompare(b.name));
        await this.askThenPerform(context, 'Move to workflow', 'presswork-job-move-dialog', {
            title: `${titleFor('Move', context.jobs)} to workflow`,
            acceptLabel: 'Move',
            fields: [{
                name: 'workflowId', label: 'Workflow', kind: 'choice',
                initial: ordered.find(choice => !current.has(choice.id))?.id ?? ordered[0].id,
                choices: ordered.map(choice => ({ value: choice.id, label: current.has(choice.id) ? `${choice.name} (current)` : choice.name })),
                help: 'The job starts again at the beginning of the workflow.'
            }],
            schema: MoveSchema
        }, (service, ids, answer) => service.moveToWorkflow(ids, answer.workflowId));
    }

    /** Asks with a form, then runs the action with the answer on every selected job. */
    protected async askThenPerform<T>(context: JobActionContext, label: string, className: string, form: Omit<FormDialogOptions<T>, 'submit'>,
        call: (service: JobActionService, ids: string[], answer: T) => Promise<JobActionResult>): Promise<void> {
        const dialog = new FormDialog<T>({ ...form, submit: async () => undefined });
        dialog.addClass(className);
        const answer = await dialog.open();
        if (answer) {
            await this.perform(label, context.jobs, (service, ids) => call(service, ids, answer));
        }
    }

    protected async delete(context: JobActionContext): Promise<void> {
        const names = context.jobs.map(job => job.name);
        const message = document.createElement('div');
        message.id = 'presswork-job-delete';
        const question = document.createElement('p');
        question.textContent = names.length === 1
            ? `Delete the job ${isolatedText(names[0])} of order ${isolatedIdentifier(context.jobs[0].orderNumber)}?`
            : `Delete these ${names.length} jobs: ${nameJobs(names)}?`;
        const warning = document.createElement('p');
        warning.className = 'presswork-warning';
        warning.textContent = 'A deleted job cannot be brought back.';
        message.append(question, warning);
        const dialog = new SafeConfirmDialog({ title: names.length === 1 ? 'Delete job' : 'Delete jobs', msg: message, ok: 'Delete', cancel: 'Cancel' });
        dialog.addClass('presswork-job-delete-dialog');
        if (await dialog.open()) {
            await this.perform('Delete', context.jobs, (service, ids) => service.delete(ids));
        }
    }

    protected async properties(context: JobActionContext): Promise<void> {
        await new JobPropertiesDialog({
            ...this.aboutTheJob(context),
            canEdit: context.user.permissions.includes('jobs.act'),
            activityLabelOf: type => activityLabelOf(type, this.activities)
        }).open();
    }

    protected async log(context: JobActionContext): Promise<void> {
        await new JobLogDialog({ ...this.aboutTheJob(context), copy: async text => this.clipboard.writeText(text) }).open();
    }

    /** Properties… and Log… are enabled for exactly one job. */
    protected aboutTheJob({ jobs: [job] }: JobActionContext): { jobId: string; jobName: string; service: JobActionService } {
        return { jobId: job.id, jobName: job.name, service: this.service };
    }
}
