import { randomUUID } from 'node:crypto';
import { inject, injectable } from '@theia/core/shared/inversify';
import { z } from 'zod';
import { PressworkError, Workflow, freeName, parseExport } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { DocumentConflictError } from '@presswork/platform/lib/node/store/store-errors';
import { OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { FINISHED_JOB_STATES } from '@presswork/platform/lib/common/job-status';
import { WorkflowContent, WorkflowContentSchema, WorkflowSummary, WorkflowVersionSummary } from '../../common/workflow-protocol';
import { WorkflowVersion, WorkflowVersionsCollection, workflowVersionId } from '../workflow-collections';
import { WorkflowChecker } from './workflow-checker';

const WorkflowExportSchema = z.object({
    format: z.literal('presswork-workflows'),
    version: z.literal(1),
    workflows: z.array(WorkflowContentSchema).max(1000)
});

/**
 * Workflows as administrators design them. Every save is a new version, kept; a save based on a
 * version that is no longer current is refused and says who saved meanwhile: nothing is
 * overwritten silently.
 */
@injectable()
export class WorkflowRepository {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(WorkflowChecker) protected readonly checker: WorkflowChecker;

    summaries(): WorkflowSummary[] {
        return [...this.store.all(WorkflowsCollection)].map(summarize).sort((a, b) => a.name.localeCompare(b.name));
    }

    get(id: string): Workflow {
        const workflow = this.store.get(WorkflowsCollection, id);
        if (!workflow) {
            throw PressworkError.NotFound('That workflow no longer exists');
        }
        return workflow;
    }

    async create(content: WorkflowContent, by: string): Promise<Workflow> {
        const valid = this.checked(content);
        const workflow = await this.store.create(WorkflowsCollection, {
            id: randomUUID(), ...valid, name: this.freeName(valid.name), enabled: false, updatedAt: new Date().toISOString(), updatedBy: by
        });
        await this.recordVersion(workflow);
        return workflow;
    }

    async save(id: string, version: number, content: WorkflowContent, by: string): Promise<Workflow> {
        const current = this.get(id);
        if (current.version !== version) {
            throw this.conflict(current);
        }
        const valid = this.checked(content);
        this.checkNameFree(valid.name, id);
        let saved: Workflow;
        try {
            saved = await this.store.update(WorkflowsCollection, { ...current, ...valid, updatedAt: new Date().toISOString(), updatedBy: by });
        } catch (error) {
            // Another save of the same version got in first: say who, as for any stale save.
            throw error instanceof DocumentConflictError ? this.conflict(this.get(id)) : error;
        }
        await this.recordVersion(saved);
        return saved;
    }

    /** Two workflows of one name would be told apart by nobody in a template's or a job's list. */
    protected checkNameFree(name: string, ownId: string): void {
        const other = [...this.store.all(WorkflowsCollection)].find(workflow => workflow.id !== ownId && workflow.name === name);
        if (other) {
            throw PressworkError.Refused(`Another workflow is already named ${name}`);
        }
    }

    async copy(id: string, by: string): Promise<Workflow> {
        const original = this.get(id);
        // Cut to the longest name allowed: "Copy of" must not make a long name invalid.
        return this.create({ ...contentOf(original), name: `Copy of ${original.name}`.slice(0, 100) }, by);
    }

    async rename(id: string, version: number, name: string, by: string): Promise<Workflow> {
        return this.save(id, version, { ...contentOf(this.get(id)), name }, by);
    }

    /** Refused while jobs are still in the workflow: they would have nowhere to go. */
    async delete(id: string, version: number): Promise<void> {
        const workflow = this.get(id);
        const active = this.activeJobs(id);
        if (active > 0) {
            throw PressworkError.Refused(`${workflow.name} still has ${active} job(s) in it; move or finish them first, or disable the workflow`);
        }
        if (workflow.version !== version) {
            throw this.conflict(workflow);
        }
        await this.store.delete(WorkflowsCollection, id, version);
    }

    /** Every version is on record, so jobs pinned to it find exactly the steps they started on. */
    async setEnabled(id: string, enabled: boolean, by: string): Promise<Workflow> {
        this.get(id);
        const changed = await this.store.modify(WorkflowsCollection, id, workflow => ({ ...workflow, enabled, updatedAt: new Date().toISOString(), updatedBy: by }));
        await this.recordVersion(changed);
        return changed;
    }

    async setJobDefaults(id: string, version: number, jobDefaults: Workflow['jobDefaults'], jobOverrides: Workflow['jobOverrides'], by: string): Promise<Workflow> {
        return this.save(id, version, { ...contentOf(this.get(id)), jobDefaults, jobOverrides }, by);
    }

    exportJson(ids: readonly string[]): string {
        const chosen = ids.length ? ids.map(id => this.get(id)) : [...this.store.all(WorkflowsCollection)];
        return JSON.stringify({ format: 'presswork-workflows', version: 1, workflows: chosen.map(contentOf) }, undefined, 2);
    }

    /** Imported workflows start disabled, under free names. */
    async importJson(json: string, by: string): Promise<Workflow[]> {
        const { workflows } = parseExport(json, WorkflowExportSchema, 'workflows');
        // All or nothing: every workflow is checked before the first is created.
        workflows.forEach(content => this.checked(content));
        const created: Workflow[] = [];
        for (const content of workflows) {
            created.push(await this.create(content, by));
        }
        return created;
    }

    versions(id: string): WorkflowVersionSummary[] {
        this.get(id);
        return this.store.findBy(WorkflowVersionsCollection, 'workflow', id)
            .map(({ workflowVersion, savedAt, savedBy }) => ({ version: workflowVersion, savedAt, savedBy }))
            .sort((a, b) => b.version - a.version);
    }

    version(id: string, version: number): Workflow {
        const saved = this.store.get(WorkflowVersionsCollection, workflowVersionId(id, version));
        if (!saved) {
            throw PressworkError.NotFound(`Version ${version} of that workflow is not kept`);
        }
        return saved.workflow;
    }

    async restore(id: string, version: number, currentVersion: number, by: string): Promise<Workflow> {
        return this.save(id, currentVersion, contentOf(this.version(id, version)), by);
    }

    /** Every workflow has its current version on record, including those seeded at first start. */
    async recordMissingVersions(): Promise<void> {
        for (const workflow of this.store.all(WorkflowsCollection)) {
            if (!this.store.get(WorkflowVersionsCollection, workflowVersionId(workflow.id, workflow.version))) {
                await this.recordVersion(workflow);
            }
        }
    }

    protected async recordVersion(workflow: Workflow): Promise<WorkflowVersion> {
        return this.store.create(WorkflowVersionsCollection, {
            id: workflowVersionId(workflow.id, workflow.version),
            workflowId: workflow.id,
            workflowVersion: workflow.version,
            savedAt: workflow.updatedAt,
            savedBy: workflow.updatedBy,
            workflow
        });
    }

    protected checked(content: WorkflowContent): z.output<typeof WorkflowContentSchema> {
        const valid = WorkflowContentSchema.parse(content);
        const errors = this.checker.errors(valid);
        if (errors.length) {
            throw PressworkError.InvalidInput(`The workflow cannot be saved: ${errors.join('; ')}`);
        }
        return valid;
    }

    protected conflict(current: Workflow): Error {
        const who = current.updatedBy ?? 'someone else';
        return PressworkError.Conflict(`${current.name} was changed by ${who} at ${current.updatedAt}; reload it, or save yours as a copy`, current.version);
    }

    protected activeJobs(workflowId: string): number {
        let count = 0;
        for (const order of this.store.all(OrdersCollection)) {
            count += order.jobs.filter(job => job.workflowId === workflowId && !FINISHED_JOB_STATES.has(job.state)).length;
        }
        return count;
    }

    protected freeName(wanted: string): string {
        return freeName(wanted, new Set([...this.store.all(WorkflowsCollection)].map(workflow => workflow.name)));
    }
}

function summarize(workflow: Workflow): WorkflowSummary {
    const steps = Object.values(workflow.phases).reduce((total, phase) => total + phase.length, 0);
    return {
        id: workflow.id, version: workflow.version, name: workflow.name, description: workflow.description,
        enabled: workflow.enabled, steps, updatedAt: workflow.updatedAt, updatedBy: workflow.updatedBy
    };
}

function contentOf(workflow: Workflow): WorkflowContent {
    return { name: workflow.name, description: workflow.description, jobDefaults: workflow.jobDefaults, jobOverrides: workflow.jobOverrides, phases: workflow.phases };
}
