import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { defaultWorkflows } from '@presswork/platform/lib/node/defaults/default-workflows';
import { DocumentStore, OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store';
import type { DocumentCollection } from '@presswork/platform/lib/node/store';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { openTempStore } from '@presswork/platform/lib/node/test/temp-store';
import { JobRowIndex } from '../query/job-row-index';

export interface JobsStoreFixture {
    readonly store: DocumentStore;
    readonly index: JobRowIndex;
    /** Stores an order whose jobs are changed by `jobs` (index, job) → changes. */
    addOrder(id: string, jobs: number, change?: (job: Job, index: number) => Partial<Job>, order?: Partial<Order>): Promise<Order>;
    addWorkflow(id: string, name: string): Promise<Workflow>;
    dispose(): Promise<void>;
}

/** A real store in a temporary folder and a started job index over it. */
export async function createJobsStoreFixture(extraCollections: readonly DocumentCollection[] = []): Promise<JobsStoreFixture> {
    const temp = await openTempStore(extraCollections, 'presswork-jobs-');
    const { store } = temp;
    const index = inject(new JobRowIndex(), { store, logger: recordingLogger() });
    index.initialize();
    await index.whenReady();
    const template = defaultWorkflows(new Date().toISOString())[0];
    return {
        store,
        index,
        addOrder: (id, jobs, change = () => ({}), order = {}) => {
            const sample = sampleOrder(id, jobs);
            return store.create(OrdersCollection, withoutVersion({ ...sample, ...order, jobs: sample.jobs.map((job, at) => ({ ...job, ...change(job, at) })) }));
        },
        addWorkflow: (id, name) => store.create(WorkflowsCollection, { ...template, id, name }),
        dispose: async () => {
            index.onStop();
            await temp.dispose();
        }
    };
}

export function withoutVersion<T extends { version: number }>(document: T): Omit<T, 'version'> {
    const { version: _version, ...rest } = document;
    return rest;
}
