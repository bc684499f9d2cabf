import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ActivityContribution } from '@presswork/platform/lib/common/activity-contribution';
import { ActivityRegistry } from '@presswork/platform/lib/common/activity-registry';
import { registryOf } from '@presswork/platform/lib/common/test/registry-of';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import type { Workflow, WorkflowPhases, WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, PrintersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempStore, openTempStore } from '@presswork/platform/lib/node/test/temp-store';
import { PrintActivity } from '@presswork/output/lib/common/print-activity';
import { SUPPLIED_ACTIVITIES } from '../../../common/supplied-activities';
import type { WorkflowContent } from '../../../common/workflow-protocol';
import { WORKFLOW_COLLECTIONS, WorkflowVersionsCollection } from '../../workflow-collections';
import { CustomActivities } from '../custom-activities';
import { WorkflowChecker } from '../workflow-checker';
import { WorkflowRepository } from '../workflow-repository';

/**
 * A real file store in a temporary folder, with the repository, checker and custom activities
 * built over it as the container would (their injected fields assigned). The checker and the
 * custom activities see the supplied activity definitions: they only read what a definition has.
 */
export class WorkflowsFixture {
    readonly checker: WorkflowChecker;
    readonly repository: WorkflowRepository;
    readonly customs: CustomActivities;

    protected constructor(protected readonly temp: TempStore) {
        const { store } = temp;
        const activities = registryOf(ActivityRegistry, [...SUPPLIED_ACTIVITIES, PrintActivity] as readonly unknown[] as readonly ActivityContribution[]);
        this.checker = inject(new WorkflowChecker(), { store, activities });
        this.repository = inject(new WorkflowRepository(), { store, checker: this.checker });
        this.customs = inject(new CustomActivities(), { store, activities });
    }

    static async create(): Promise<WorkflowsFixture> {
        return new WorkflowsFixture(await openTempStore(WORKFLOW_COLLECTIONS, 'presswork-workflows-'));
    }

    get root(): string {
        return this.temp.path;
    }

    get store(): DocumentStore {
        return this.temp.store;
    }

    async addPrinter(id: string, enabled = true): Promise<Printer> {
        return this.store.create(PrintersCollection, {
            id, name: `Printer ${id}`, description: '', enabled, kind: 'hot-folder', folder: path.join(this.root, 'printers', id)
        } as Omit<Printer, 'version'>);
    }

    /** A workflow put straight into the store, as first start seeds them: no version on record. */
    async seedWorkflow(id: string, name = `Seeded ${id}`): Promise<Workflow> {
        const { phases, jobDefaults, jobOverrides, description } = content(name);
        return this.store.create(WorkflowsCollection, {
            id, name, description: description ?? '', enabled: true, jobDefaults: jobDefaults ?? {}, jobOverrides: jobOverrides ?? {},
            phases: phases as WorkflowPhases, updatedAt: '2026-01-01T00:00:00.000Z'
        });
    }

    /** An order whose jobs (one a change) run in `workflowId`. */
    async addOrder(id: string, workflowId: string, jobs: readonly Partial<Job>[]): Promise<Order> {
        const { version: _version, ...sample } = sampleOrder(id, jobs.length);
        return this.store.create(OrdersCollection, { ...sample, jobs: sample.jobs.map((job, index) => ({ ...job, workflowId, ...jobs[index] })) });
    }

    workflowCount(): number {
        return this.store.count(WorkflowsCollection);
    }

    versionCount(): number {
        return this.store.count(WorkflowVersionsCollection);
    }

    stored(id: string): Workflow | undefined {
        return this.store.get(WorkflowsCollection, id);
    }

    dispose(): Promise<void> {
        return this.temp.dispose();
    }
}

export const createJobStep = (id = 'receive-create-job'): WorkflowStep => ({ id, activity: ActivityTypes.createJob, properties: {} });
export const removeStep = (id = 'complete-remove'): WorkflowStep => ({ id, activity: ActivityTypes.remove, properties: {} });
export const approveStep = (id = 'approve', instructions = 'Check the proof'): WorkflowStep => ({ id, activity: ActivityTypes.approve, properties: { instructions } });
export const printStep = (properties: Record<string, unknown>, id = 'print'): WorkflowStep => ({ id, activity: ActivityTypes.print, properties });

/** Valid content: Create Job, then Remove; phases given replace those. */
export function content(name: string, phases: Partial<WorkflowPhases> = {}, extra: Partial<WorkflowContent> = {}): WorkflowContent {
    return {
        name,
        description: `${name}, for tests`,
        jobDefaults: {},
        jobOverrides: {},
        phases: { Receive: [createJobStep()], Prepare: [], Print: [], Complete: [removeStep()], ...phases },
        ...extra
    };
}

/** What `work` was refused with; fails the test if it was not refused. */
export async function refusal(work: () => unknown): Promise<Error> {
    try {
        await work();
    } catch (error) {
        assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
        return error;
    }
    return assert.fail('expected a refusal, but it succeeded');
}
