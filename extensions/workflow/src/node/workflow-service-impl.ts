import { inject, injectable } from '@theia/core/shared/inversify';
import type { Workflow } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { RpcCaller } from '@presswork/platform/lib/node/rpc/rpc-caller';
import type { CustomActivity } from '../common/custom-activity-schema';
import type {
    CustomActivityInput, PrinterChoice, WorkflowContent, WorkflowService, WorkflowSummary, WorkflowVersionSummary
} from '../common/workflow-protocol';
import { CustomActivities } from './workflows/custom-activities';
import { WorkflowRepository } from './workflows/workflow-repository';
import { printerTargets } from './workflows/printer-targets';

/** The workflow service of one browser connection; the guard has checked authority and input. */
@injectable()
export class WorkflowServiceImpl implements WorkflowService {
    @inject(RpcCaller) protected readonly caller: RpcCaller;
    @inject(WorkflowRepository) protected readonly workflows: WorkflowRepository;
    @inject(CustomActivities) protected readonly customActivities: CustomActivities;
    @inject(DocumentStore) protected readonly store: DocumentStore;

    protected get by(): string {
        return this.caller.user().name;
    }

    async listWorkflows(): Promise<WorkflowSummary[]> {
        return this.workflows.summaries();
    }

    async getWorkflow(id: string): Promise<Workflow> {
        return this.workflows.get(id);
    }

    createWorkflow(content: WorkflowContent): Promise<Workflow> {
        return this.workflows.create(content, this.by);
    }

    saveWorkflow(id: string, version: number, content: WorkflowContent): Promise<Workflow> {
        return this.workflows.save(id, version, content, this.by);
    }

    copyWorkflow(id: string): Promise<Workflow> {
        return this.workflows.copy(id, this.by);
    }

    renameWorkflow(id: string, version: number, name: string): Promise<Workflow> {
        return this.workflows.rename(id, version, name, this.by);
    }

    deleteWorkflow(id: string, version: number): Promise<void> {
        return this.workflows.delete(id, version);
    }

    async setWorkflowEnabled(id: string, enabled: boolean): Promise<WorkflowSummary> {
        await this.workflows.setEnabled(id, enabled, this.by);
        return this.workflows.summaries().find(summary => summary.id === id)!;
    }

    setJobDefaults(id: string, version: number, jobDefaults: Workflow['jobDefaults'], jobOverrides: Workflow['jobOverrides']): Promise<Workflow> {
        return this.workflows.setJobDefaults(id, version, jobDefaults, jobOverrides, this.by);
    }

    async exportWorkflows(ids: string[]): Promise<string> {
        return this.workflows.exportJson(ids);
    }

    async importWorkflows(json: string): Promise<WorkflowSummary[]> {
        const created = new Set((await this.workflows.importJson(json, this.by)).map(workflow => workflow.id));
        return this.workflows.summaries().filter(summary => created.has(summary.id));
    }

    async listVersions(id: string): Promise<WorkflowVersionSummary[]> {
        return this.workflows.versions(id);
    }

    async getVersion(id: string, version: number): Promise<Workflow> {
        return this.workflows.version(id, version);
    }

    restoreVersion(id: string, version: number, currentVersion: number): Promise<Workflow> {
        return this.workflows.restore(id, version, currentVersion, this.by);
    }

    async listCustomActivities(): Promise<CustomActivity[]> {
        return this.customActivities.list();
    }

    createCustomActivity(input: CustomActivityInput): Promise<CustomActivity> {
        return this.customActivities.create(input);
    }

    updateCustomActivity(id: string, version: number, input: CustomActivityInput): Promise<CustomActivity> {
        return this.customActivities.update(id, version, input);
    }

    deleteCustomActivity(id: string, version: number): Promise<void> {
        return this.customActivities.delete(id, version);
    }

    async listPrinterChoices(): Promise<PrinterChoice[]> {
        return printerTargets(this.store);
    }
}
