import type { ContinuedJobs, JobFlow } from '@presswork/platform/lib/common/job-flow';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { WAITING_FOR_BATCH } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { openTempStore, type TempStore } from '@presswork/platform/lib/node/test/temp-store';
import { changeJobs } from '@presswork/platform/lib/node/store/order-jobs';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { BatchPropertiesSchema, type BatchProperties } from '../../../common/batch/batch-activity';
import { OUTPUT_COLLECTIONS } from '../../output-collections';
import { BatchBookImpl } from '../batch-book-impl';
import type { JoiningJob } from '../batch-book';
import { ShopClock } from '../shop-clock';

export const WORKFLOW_ID = 'wf-batch';
export const STEP_ID = 'batch-1';
export const NEXT_STEP_ID = 'print-1';

/** A clock the test sets; the shop's zone is New York unless told. */
export class TestClock extends ShopClock {
    at = Date.parse('2026-03-02T15:00:00.000Z');
    zone = 'America/New_York';
    override now(): number {
        return this.at;
    }
    override timeZone(): string {
        return this.zone;
    }
}

/**
 * JobFlow's continue as the engine does it, for jobs waiting for their batch: in one write of the
 * order, each listed job still Waiting for batch at the Batch step goes on (Queued at the Print
 * step); the others are skipped. Records each call.
 */
export class FakeJobFlow implements Pick<JobFlow, 'continueJobs' | 'continueJob' | 'processAgain'> {
    readonly calls: { orderId: string; jobIds: readonly string[]; by: string; atActivity: string }[] = [];
    readonly single: { jobId: string; by: string }[] = [];
    readonly processedAgain: { jobId: string; by: string }[] = [];

    constructor(protected readonly store: DocumentStore) { }

    async continueJobs(orderId: string, jobIds: readonly string[], by: string, atActivity: string): Promise<ContinuedJobs> {
        this.calls.push({ orderId, jobIds, by, atActivity });
        const result = await changeJobs(this.store, orderId, jobIds, job => isWaiting(job, atActivity) ? movedOn(job) : undefined);
        const continued = result?.changed ?? [];
        return { continued, skipped: jobIds.filter(id => !continued.includes(id)).map(jobId => ({ jobId, reason: 'not waiting for its batch' })) };
    }

    async continueJob(jobId: string, by: string): Promise<void> {
        this.single.push({ jobId, by });
        const orderId = [...this.store.findBy(OrdersCollection, 'job', jobId)][0]?.id;
        if (orderId) {
            await changeJobs(this.store, orderId, [jobId], job => isWaiting(job, ActivityTypes.batch) ? movedOn(job) : undefined);
        }
    }

    /** As the engine runs a job's step again: Queued at it, without the batch it waited in. */
    async processAgain(jobId: string, by: string): Promise<void> {
        this.processedAgain.push({ jobId, by });
        const orderId = [...this.store.findBy(OrdersCollection, 'job', jobId)][0]?.id;
        if (orderId) {
            await changeJobs(this.store, orderId, [jobId], ({ batchId: _batchId, waitReason: _reason, ...job }) => ({ ...job, state: 'Queued' }));
        }
    }

    /** Every job id continued, in order. */
    continuedIds(): string[] {
        return this.calls.flatMap(call => call.jobIds);
    }
}

function isWaiting(job: Job, atActivity: string): boolean {
    return job.state === WAITING_FOR_BATCH && job.currentActivity === atActivity;
}

function movedOn(job: Job): Job {
    return { ...job, state: 'Queued', stepId: NEXT_STEP_ID, currentActivity: 'print', waitReason: undefined };
}

export function batchProperties(properties: Partial<BatchProperties> = {}): BatchProperties {
    return BatchPropertiesSchema.parse(properties);
}

/** A job of the order at the Batch step, in `state` (Queued: about to join). */
export function atBatchStep(job: Job, state: Job['state'] = 'Queued', change: Partial<Job> = {}): Job {
    return { ...job, workflowId: WORKFLOW_ID, phase: 'Print', stepId: STEP_ID, currentActivity: ActivityTypes.batch, state, ...change };
}

export interface BatchWorld {
    readonly temp: TempStore;
    readonly store: DocumentStore;
    readonly clock: TestClock;
    readonly book: BatchBookImpl;
    readonly jobFlow: FakeJobFlow;
    /** Stores an order whose jobs stand at the Batch step (about to join), changed by `change`. */
    addOrder(id: string, jobs?: number, change?: Partial<Job>): Promise<Order>;
    /** The job as stored now. */
    job(jobId: string): Job | undefined;
    /** Changes one stored job, as the engine would. */
    setJob(jobId: string, change: Partial<Job>): Promise<void>;
    /** The job joining at the Batch step with these properties and keys. */
    joining(jobId: string, properties?: Partial<BatchProperties>, keys?: Record<string, string>): JoiningJob;
    /** A member joins and, as the engine does with the wait outcome, waits for its batch. */
    joinAndWait(jobId: string, properties?: Partial<BatchProperties>, keys?: Record<string, string>): Promise<string>;
    dispose(): Promise<void>;
}

export async function batchWorld(): Promise<BatchWorld> {
    const temp = await openTempStore(OUTPUT_COLLECTIONS, 'presswork-batches-');
    const store = temp.store;
    const clock = inject(new TestClock(), { store });
    const book = inject(new BatchBookImpl(), { store, clock, ownership: new EmbeddedWorkOwnership() });
    (book as unknown as { init(): void }).init();
    const jobFlow = new FakeJobFlow(store);
    const world: BatchWorld = {
        temp, store, clock, book, jobFlow,
        async addOrder(id, jobs = 1, change = {}) {
            const order = sampleOrder(id, jobs);
            const { version: _version, ...fresh } = { ...order, jobs: order.jobs.map(job => atBatchStep(job, 'Queued', change)) };
            return store.create(OrdersCollection, fresh);
        },
        job(jobId) {
            return [...store.findBy(OrdersCollection, 'job', jobId)][0]?.jobs.find(job => job.id === jobId);
        },
        async setJob(jobId, change) {
            const orderId = [...store.findBy(OrdersCollection, 'job', jobId)][0].id;
            await changeJobs(store, orderId, [jobId], job => ({ ...job, ...change }));
        },
        joining(jobId, properties = {}, keys = {}) {
            const job = world.job(jobId)!;
            return { job, orderNumber: job.orderNumber, workflowId: WORKFLOW_ID, stepId: STEP_ID, properties: batchProperties(properties), keys };
        },
        async joinAndWait(jobId, properties, keys) {
            const { batch, released } = await book.join(world.joining(jobId, properties, keys));
            if (!released) {
                await world.setJob(jobId, { state: WAITING_FOR_BATCH, batchId: batch.id, waitReason: `Batch ${batch.id}` });
            }
            return batch.id;
        },
        dispose: () => temp.dispose()
    };
    return world;
}

/** The message the promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<string> {
    return promise.then(() => 'no rejection', (error: Error) => error.message);
}

export { recordingLogger };
