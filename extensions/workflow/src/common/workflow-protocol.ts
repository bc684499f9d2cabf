import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import { WorkflowPhasesSchema, Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { JobPropertiesSchema } from '@presswork/platform/lib/common/job-schema';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import type { RpcContract } from '@presswork/platform/lib/common/rpc-contract';
import { CustomActivity } from './custom-activity-schema';

export const WORKFLOW_SERVICE_PATH = '/services/workflows';

/** A workflow as the list shows it. */
export interface WorkflowSummary {
    readonly id: string;
    readonly version: number;
    readonly name: string;
    readonly description: string;
    readonly enabled: boolean;
    readonly steps: number;
    readonly updatedAt: string;
    readonly updatedBy?: string;
}

/** One saved version of a workflow, for the history and restore. */
export interface WorkflowVersionSummary {
    readonly version: number;
    readonly savedAt: string;
    readonly savedBy?: string;
}

/** What the designer saves: the workflow's content. Id and version say which version it was based on. */
export const WorkflowContentSchema = z.object({
    name: z.string().trim().min(1, 'Name is required').max(100),
    description: z.string().max(2000).default(''),
    jobDefaults: JobPropertiesSchema.default({}),
    jobOverrides: JobPropertiesSchema.default({}),
    phases: WorkflowPhasesSchema
});
export type WorkflowContent = z.input<typeof WorkflowContentSchema>;

export const CustomActivityInputSchema = z.object({
    label: z.string().trim().min(1).max(100),
    description: z.string().max(2000).default(''),
    baseType: z.string().min(1).max(100),
    defaults: z.record(z.string().max(100), z.unknown()).default({})
});
export type CustomActivityInput = z.input<typeof CustomActivityInputSchema>;

/**
 * A printer, or a printer pool, as the designer offers it in a Print step's choice (output manages
 * both). A pool is marked `pool`, named "Pool: <name>", and enabled while one of its printers is.
 */
export type PrinterChoice = Pick<Printer, 'id' | 'name' | 'enabled'> & { readonly pool?: boolean };

export const WorkflowService = Symbol('WorkflowService');
export interface WorkflowService {
    listWorkflows(): Promise<WorkflowSummary[]>;
    getWorkflow(id: string): Promise<Workflow>;
    createWorkflow(content: WorkflowContent): Promise<Workflow>;
    /** Refused with "changed by … at …" when `version` is no longer the current one. */
    saveWorkflow(id: string, version: number, content: WorkflowContent): Promise<Workflow>;
    copyWorkflow(id: string): Promise<Workflow>;
    renameWorkflow(id: string, version: number, name: string): Promise<Workflow>;
    deleteWorkflow(id: string, version: number): Promise<void>;
    setWorkflowEnabled(id: string, enabled: boolean): Promise<WorkflowSummary>;
    /** Job defaults and overrides only: operators may set these. */
    setJobDefaults(id: string, version: number, jobDefaults: Workflow['jobDefaults'], jobOverrides: Workflow['jobOverrides']): Promise<Workflow>;
    exportWorkflows(ids: string[]): Promise<string>;
    importWorkflows(json: string): Promise<WorkflowSummary[]>;
    listVersions(id: string): Promise<WorkflowVersionSummary[]>;
    getVersion(id: string, version: number): Promise<Workflow>;
    /** Saves an older version's content as the newest version. */
    restoreVersion(id: string, version: number, currentVersion: number): Promise<Workflow>;

    listCustomActivities(): Promise<CustomActivity[]>;
    createCustomActivity(input: CustomActivityInput): Promise<CustomActivity>;
    updateCustomActivity(id: string, version: number, input: CustomActivityInput): Promise<CustomActivity>;
    deleteCustomActivity(id: string, version: number): Promise<void>;

    /** The printers a Print step may name, read-only, for the designer's choice and its checks. */
    listPrinterChoices(): Promise<PrinterChoice[]>;
}

const id = DocumentIdSchema;
const version = z.number().int().positive();

export const WorkflowServiceContract: RpcContract<WorkflowService> = {
    listWorkflows: { access: 'workflows.view', args: z.tuple([]) },
    getWorkflow: { access: 'workflows.view', args: z.tuple([id]) },
    createWorkflow: { access: 'workflows.manage', args: z.tuple([WorkflowContentSchema]) },
    saveWorkflow: { access: 'workflows.manage', args: z.tuple([id, version, WorkflowContentSchema]) },
    copyWorkflow: { access: 'workflows.manage', args: z.tuple([id]) },
    renameWorkflow: { access: 'workflows.manage', args: z.tuple([id, version, z.string().trim().min(1).max(100)]) },
    deleteWorkflow: { access: 'workflows.manage', args: z.tuple([id, version]) },
    setWorkflowEnabled: { access: 'workflows.operate', args: z.tuple([id, z.boolean()]) },
    setJobDefaults: { access: 'workflows.operate', args: z.tuple([id, version, JobPropertiesSchema, JobPropertiesSchema]) },
    exportWorkflows: { access: 'workflows.manage', args: z.tuple([z.array(id).max(1000)]) },
    importWorkflows: { access: 'workflows.manage', args: z.tuple([z.string().max(5_000_000)]) },
    listVersions: { access: 'workflows.view', args: z.tuple([id]) },
    getVersion: { access: 'workflows.view', args: z.tuple([id, version]) },
    restoreVersion: { access: 'workflows.manage', args: z.tuple([id, version, version]) },
    listCustomActivities: { access: 'workflows.view', args: z.tuple([]) },
    createCustomActivity: { access: 'workflows.manage', args: z.tuple([CustomActivityInputSchema]) },
    updateCustomActivity: { access: 'workflows.manage', args: z.tuple([id, version, CustomActivityInputSchema]) },
    deleteCustomActivity: { access: 'workflows.manage', args: z.tuple([id, version]) },
    listPrinterChoices: { access: 'workflows.view', args: z.tuple([]) }
};
