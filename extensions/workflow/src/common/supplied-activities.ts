import { z } from 'zod';
import type { ActivityDefinition } from '@presswork/platform/lib/common/activity-ui-contribution';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';

/**
 * The activities the workflow extension supplies, declared once for the engine and the designer.
 * Each one's executor lives in `node/activities/`, its form is generated from `fields`. Print is
 * output's (`@presswork/output` `common/print-activity.ts`), contributed from its own modules.
 */

export const CreateJobPropertiesSchema = z.object({});
export const CreateJobActivity: ActivityDefinition<z.infer<typeof CreateJobPropertiesSchema>> = {
    type: ActivityTypes.createJob,
    label: 'Create Job',
    description: 'Starts the job: applies the workflow\'s job defaults (where the job has no value), then its overrides.',
    iconClass: 'codicon codicon-new-file',
    allowedPhases: ['Receive'],
    protected: true,
    propertiesSchema: CreateJobPropertiesSchema,
    fields: []
};

export const ApprovePropertiesSchema = z.object({
    instructions: z.string().max(2000).default('')
});
export const ApproveActivity: ActivityDefinition<z.infer<typeof ApprovePropertiesSchema>> = {
    type: ActivityTypes.approve,
    label: 'Approve',
    description: 'Waits for an operator: More → Approve continues the job, Reject sends it to Error.',
    iconClass: 'codicon codicon-pass',
    allowedPhases: ['Receive', 'Prepare', 'Print', 'Complete'],
    propertiesSchema: ApprovePropertiesSchema,
    fields: [{ key: 'instructions', label: 'Instructions for the operator', kind: 'text' }]
};

export const PrepressCheckPropertiesSchema = z.object({
    instructions: z.string().max(2000).default('Check the print file (bleed, fonts, colour) and confirm.')
});
export const PrepressCheckActivity: ActivityDefinition<z.infer<typeof PrepressCheckPropertiesSchema>> = {
    type: ActivityTypes.prepressCheck,
    label: 'Prepress Check',
    description: 'Waits until an operator confirms that the manual prepress step is done (More → Prepress done).',
    iconClass: 'codicon codicon-checklist',
    allowedPhases: ['Prepare'],
    propertiesSchema: PrepressCheckPropertiesSchema,
    fields: [{ key: 'instructions', label: 'Instructions for the operator', kind: 'text' }]
};

export const RunExternalApplicationPropertiesSchema = z.object({
    /** An absolute path to the program; it is started directly, never through a shell. */
    program: z.string().trim().min(1, 'Program is required').max(1000).refine(program => program.startsWith('/'), 'Program must be an absolute path'),
    /** Each argument is passed as is; `{job.id}`, `{job.name}`, `{order.number}`, `{file}` and `{folder}` are replaced. */
    arguments: z.array(z.string().max(2000)).max(100).default([]),
    successCodes: z.array(z.number().int().min(0).max(255)).min(1).max(50).default([0]),
    timeoutSeconds: z.number().int().min(1).max(24 * 3600).default(300)
});
export const RunExternalApplicationActivity: ActivityDefinition<z.infer<typeof RunExternalApplicationPropertiesSchema>> = {
    type: ActivityTypes.runExternalApplication,
    label: 'Run External Application',
    description: 'Runs a program in the job\'s folder with arguments (no shell); its output goes into the job log.',
    iconClass: 'codicon codicon-terminal',
    allowedPhases: ['Receive', 'Prepare', 'Print', 'Complete'],
    propertiesSchema: RunExternalApplicationPropertiesSchema,
    fields: [
        { key: 'program', label: 'Program (absolute path)', kind: 'text' },
        { key: 'arguments', label: 'Arguments', kind: 'text-list', help: 'One per line. Placeholders: {job.id} {job.name} {order.number} {file} {folder}' },
        { key: 'successCodes', label: 'Success return codes', kind: 'text-list', help: 'One per line, e.g. 0' },
        { key: 'timeoutSeconds', label: 'Timeout (seconds)', kind: 'number' }
    ]
};

export const CopyToFolderPropertiesSchema = z.object({
    /** An absolute folder on the server. */
    folder: z.string().trim().min(1, 'Folder is required').max(1000).refine(folder => folder.startsWith('/'), 'Folder must be an absolute path'),
    /** File name pattern; placeholders are sanitised so they cannot add folders. */
    fileNamePattern: z.string().trim().min(1).max(200).default('{order.number}-{job.id}{ext}'),
    onCollision: z.enum(['overwrite', 'keep-both', 'fail']).default('keep-both')
});
export const CopyToFolderActivity: ActivityDefinition<z.infer<typeof CopyToFolderPropertiesSchema>> = {
    type: ActivityTypes.copyToFolder,
    label: 'Copy to Folder',
    description: 'Copies the job\'s files to a folder, named by a pattern; job data can never lead outside that folder.',
    iconClass: 'codicon codicon-files',
    allowedPhases: ['Receive', 'Prepare', 'Print', 'Complete'],
    propertiesSchema: CopyToFolderPropertiesSchema,
    fields: [
        { key: 'folder', label: 'Folder (absolute path)', kind: 'text' },
        { key: 'fileNamePattern', label: 'File name pattern', kind: 'text', help: 'Placeholders: {job.id} {job.name} {order.number} {name} {ext}' },
        {
            key: 'onCollision', label: 'When the file exists', kind: 'choice', choices: [
                { value: 'keep-both', label: 'Keep both (number the new one)' },
                { value: 'overwrite', label: 'Overwrite' },
                { value: 'fail', label: 'Fail the job' }
            ]
        }
    ]
};

export const RetainPropertiesSchema = z.object({
    /** Absent days and hours: retain indefinitely. */
    indefinitely: z.boolean().default(false),
    days: z.number().int().min(0).max(3650).default(7),
    hours: z.number().int().min(0).max(23).default(0)
});
export const RetainActivity: ActivityDefinition<z.infer<typeof RetainPropertiesSchema>> = {
    type: ActivityTypes.retain,
    label: 'Retain',
    description: 'Keeps the finished job for a period (or indefinitely), then removes it.',
    iconClass: 'codicon codicon-archive',
    allowedPhases: ['Complete'],
    protected: true,
    propertiesSchema: RetainPropertiesSchema,
    fields: [
        { key: 'indefinitely', label: 'Retain indefinitely', kind: 'boolean' },
        { key: 'days', label: 'Days', kind: 'number' },
        { key: 'hours', label: 'Hours', kind: 'number' }
    ]
};

export const RemovePropertiesSchema = z.object({});
export const RemoveActivity: ActivityDefinition<z.infer<typeof RemovePropertiesSchema>> = {
    type: ActivityTypes.remove,
    label: 'Remove',
    description: 'Writes the job\'s audit record (properties, full log, order) to the audit folder, then deletes the job.',
    iconClass: 'codicon codicon-trash',
    allowedPhases: ['Complete'],
    protected: true,
    propertiesSchema: RemovePropertiesSchema,
    fields: []
};

export const SUPPLIED_ACTIVITIES: readonly ActivityDefinition[] = [
    CreateJobActivity, ApproveActivity, PrepressCheckActivity, RunExternalApplicationActivity,
    CopyToFolderActivity, RetainActivity, RemoveActivity
] as readonly ActivityDefinition[];

/** Job fields a step condition may name, beside the job's free properties. */
export const CONDITION_JOB_FIELDS = ['name', 'copies', 'orderNumber', 'phase', 'state', 'due', 'connectionId'] as const;
