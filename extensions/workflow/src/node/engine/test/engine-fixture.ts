import * as path from 'node:path';
import { z } from 'zod';
import type { ActivityContext, ActivityContribution, ActivityOutcome } from '@presswork/platform/lib/common/activity-contribution';
import { ActivityRegistry } from '@presswork/platform/lib/common/activity-registry';
import { registryOf } from '@presswork/platform/lib/common/test/registry-of';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Phase } from '@presswork/platform/lib/common/job-status';
import { PHASES } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { StepCondition, Workflow, WorkflowPhases, WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import type { ILogger } from '@theia/core/lib/common/logger';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';

import { OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { workflowDocument as validWorkflow } from '@presswork/platform/lib/node/store/test/sample-documents';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { RecordingLogger, recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { JobDisposal } from '../../activities/job-disposal';
import { WORKFLOW_COLLECTIONS, WorkflowVersionsCollection, workflowVersionId } from '../../workflow-collections';
import { WorkflowEngine, WorkflowEngineOptions } from '../workflow-engine';

export const AT = '2025-03-01T08:00:00.000Z';

/** An activity defined by a test: records every context it was run with. */
export interface FakeActivity<P = unknown> extends ActivityContribution<P> {
    readonly calls: ActivityContext<P>[];
}

export function fakeActivity<P = Record<string, unknown>>(
    type: string,
    execute: (context: ActivityContext<P>) => ActivityOutcome | Promise<ActivityOutcome> = () => ({ kind: 'continue' }),
    options: { allowedPhases?: readonly Phase[]; schema?: z.ZodType<P, unknown>; protected?: boolean } = {}
): FakeActivity<P> {
    const calls: ActivityContext<P>[] = [];
    return {
        type,
        label: type.replace(/(^|-)(\w)/g, (_, dash: string, letter: string) => `${dash ? ' ' : ''}${letter.toUpperCase()}`),
        description: `Test activity ${type}`,
        iconClass: 'codicon codicon-beaker',
        allowedPhases: options.allowedPhases ?? PHASES,
        protected: options.protected,
        propertiesSchema: options.schema ?? (z.record(z.string(), z.unknown()) as unknown as z.ZodType<P, unknown>),
        fields: [],
        calls,
        async execute(context) {
            calls.push(context);
            return execute(context);
        }
    };
}

export function step(id: string, activity: string, properties: Record<string, unknown> = {}, condition?: StepCondition): WorkflowStep {
    return condition ? { id, activity, properties, condition } : { id, activity, properties };
}

/** A workflow of exactly the steps given (a phase not given is empty). */
export function workflowDocument(id: string, phases: Partial<WorkflowPhases>, extra: Partial<Workflow> = {}): Omit<Workflow, 'version'> {
    return validWorkflow(id, { phases: { Receive: [], Prepare: [], Print: [], Complete: [], ...phases }, updatedAt: AT, ...extra });
}

export function jobDocument(id: string, orderId: string, extra: Partial<Job> = {}): Job {
    return {
        id,
        name: `Flyers ${id}`,
        orderId,
        orderNumber: `PW-${orderId}`,
        lineItemId: `${id}-line`,
        connectionId: 'connection-1',
        phase: 'Receive',
        state: 'Received',
        stepIndex: 0,
        copies: 250,
        receivedAt: AT,
        updatedAt: AT,
        properties: {},
        files: [],
        log: [{ at: AT, level: 'info', message: 'Received' }],
        ...extra
    };
}

export function orderDocument(id: string, jobs: readonly Job[]): Omit<Order, 'version'> {
    return {
        id,
        connectionId: 'connection-1',
        marcomOrderId: `marcom-${id}`,
        orderNumber: `PW-${id}`,
        createDate: AT,
        customer: { firstName: 'Ada', lastName: 'Lovelace' },
        paymentMethod: 'CostCenter',
        lineItems: [{ id: `${id}-line`, productName: 'Flyers', productType: 'Versioned', quantity: 250, price: {}, finishingOptions: [] }],
        jobs: [...jobs],
        closed: false,
        log: [],
        receivedAt: AT
    };
}

/**
 * An engine over `store` (holding the workflow collections), its injected fields assigned as the
 * container would: for specs of other extensions that release jobs through the real engine.
 */
export function engineOver(store: DocumentStore, dataFolder: string, activities: readonly ActivityContribution[],
    logger: ILogger = recordingLogger(), options: WorkflowEngineOptions = {}): WorkflowEngine {
    const config = { dataFolder, demo: false };
    return inject(new WorkflowEngine(), {
        store,
        activities: registryOf(ActivityRegistry, activities),
        platform: { whenReady: Promise.resolve() },
        config,
        disposal: inject(new JobDisposal(), { config }),
        logger,
        options: { minWakeDelayMs: 0, ...options }
    });
}

/** A temporary data folder with a real store, and engines built over it as the backend module would. */
export class EngineFixture {
    store: DocumentStore;
    readonly engines: WorkflowEngine[] = [];
    readonly logger: RecordingLogger = recordingLogger();
    protected readonly stores: DocumentStore[] = [];

    protected constructor(protected readonly temp: TempFolder) { }

    static async create(): Promise<EngineFixture> {
        const fixture = new EngineFixture(await TempFolder.create('presswork-engine-'));
        await fixture.openStore();
        return fixture;
    }

    get root(): string {
        return this.temp.path;
    }

    get dataFolder(): string {
        return this.temp.join('data');
    }

    async openStore(): Promise<DocumentStore> {
        this.store = await openStore(path.join(this.dataFolder, 'store'), WORKFLOW_COLLECTIONS);
        this.stores.push(this.store);
        return this.store;
    }

    /** As a restart: the store is closed and opened again from its files. */
    async reopenStore(): Promise<DocumentStore> {
        await this.store.close();
        return this.openStore();
    }

    /** An engine over the current store, its injected fields assigned as the container would. */
    engine(activities: readonly ActivityContribution[], options: WorkflowEngineOptions = {}): WorkflowEngine {
        const engine = engineOver(this.store, this.dataFolder, activities, this.logger, options);
        this.engines.push(engine);
        return engine;
    }

    async startEngine(activities: readonly ActivityContribution[], options: WorkflowEngineOptions = {}): Promise<WorkflowEngine> {
        const engine = this.engine(activities, options);
        await engine.start();
        return engine;
    }

    async addWorkflow(id: string, phases: Partial<WorkflowPhases>, extra: Partial<Workflow> = {}, recordVersion = true): Promise<Workflow> {
        const workflow = await this.store.create(WorkflowsCollection, workflowDocument(id, phases, extra));
        if (recordVersion) {
            await this.recordVersion(workflow);
        }
        return workflow;
    }

    /** Saves new steps as the workflow service does: a new version, recorded. */
    async saveWorkflow(id: string, phases: Partial<WorkflowPhases>): Promise<Workflow> {
        const current = this.store.get(WorkflowsCollection, id)!;
        const saved = await this.store.update(WorkflowsCollection, { ...current, phases: { ...current.phases, ...phases } });
        await this.recordVersion(saved);
        return saved;
    }

    async recordVersion(workflow: Workflow): Promise<void> {
        await this.store.create(WorkflowVersionsCollection, {
            id: workflowVersionId(workflow.id, workflow.version),
            workflowId: workflow.id,
            workflowVersion: workflow.version,
            savedAt: workflow.updatedAt,
            workflow
        });
    }

    async setEnabled(id: string, enabled: boolean): Promise<Workflow> {
        return this.store.modify(WorkflowsCollection, id, workflow => ({ ...workflow, enabled }));
    }

    /** Stores an order whose jobs (default: one, Received) run on `workflowId`. */
    async addOrder(orderId: string, workflowId: string | undefined, jobs: readonly Partial<Job>[] = [{}]): Promise<Order> {
        const documents = jobs.map((extra, index) => jobDocument(`${orderId}-job-${index + 1}`, orderId, { workflowId, ...extra }));
        return this.store.create(OrdersCollection, orderDocument(orderId, documents));
    }

    order(orderId: string): Order {
        return this.store.get(OrdersCollection, orderId)!;
    }

    job(orderId: string, index = 1): Job {
        const jobId = `${orderId}-job-${index}`;
        const job = this.order(orderId).jobs.find(candidate => candidate.id === jobId);
        if (!job) {
            throw new Error(`there is no job ${jobId}`);
        }
        return job;
    }

    async dispose(): Promise<void> {
        await Promise.all(this.engines.map(engine => engine.stop()));
        await Promise.all(this.stores.map(store => store.close().catch(() => undefined)));
        await this.temp.remove();
    }
}

/** Resolves once `condition` holds, polling; fails the test after `timeoutMs`. */
export function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    return eventually(condition, timeoutMs, what);
}

/** A promise with its resolve function, for activities that finish when the test says. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
    let open!: (value: T) => void;
    const promise = new Promise<T>(resolve => {
        open = resolve;
    });
    return { promise, open };
}

/** An activity that runs until its signal aborts it, then continues: for controls that stop a running job. */
export function activityUntilAborted(type: string): { activity: FakeActivity; started: Promise<void>; aborted: () => boolean } {
    let aborted = false;
    const started = gate();
    const activity = fakeActivity(type, async context => {
        started.open();
        await new Promise(resolve => context.signal.addEventListener('abort', resolve));
        aborted = true;
        return { kind: 'continue' };
    });
    return { activity, started: started.promise, aborted: () => aborted };
}

export function messages(job: Job): string[] {
    return job.log.map(entry => entry.message);
}
