import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type {
    CloseoutCapableConnectionType, Connection, ConnectionTypeContribution, ContinuedJobs, JobFlow, ReceivedOrder, SkippedJob
} from '@presswork/platform/lib/common';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { ConnectionTypeRegistry } from '@presswork/platform/lib/common/connection-type-registry';
import { registryOf } from '@presswork/platform/lib/common/test/registry-of';
import { NewLineItemJobsBuilder } from '@presswork/connections/lib/node/intake/new-line-item-jobs-builder';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { RecordingLogger, recordingLogger } from '@presswork/platform/lib/node/test/recording-logger';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { CLOSEOUT_COLLECTIONS, CloseoutDocument, CloseoutsCollection } from '../closeout-collections';
import { CloseoutDocuments } from '../closeout-documents';
import { CloseoutRunner } from '../closeout-runner';
import { OrderRefresher } from '../order-refresher';
import { WaitingJobReleaser } from '../waiting-job-releaser';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';

/**
 * JobFlow as the engine behaves for Closeout Order: each listed job waiting at the step moves on
 * (to Queued at the next step), in one write of the order; any other is skipped. Every job
 * continued is recorded.
 */
export class RecordingJobFlow implements Pick<JobFlow, 'continueJobs'> {
    readonly continued: { jobId: string; by: string; atActivity?: string }[] = [];

    constructor(protected readonly store: DocumentStore) { }

    async continueJobs(orderId: string, jobIds: readonly string[], by: string, atActivity: string): Promise<ContinuedJobs> {
        const listed = new Set(jobIds);
        let result: ContinuedJobs = { continued: [], skipped: [] };
        await this.store.modify(OrdersCollection, orderId, current => {
            const continued: string[] = [];
            const skipped: SkippedJob[] = [];
            const jobs = current.jobs.map(job => {
                if (!listed.has(job.id)) {
                    return job;
                }
                if (job.state !== WAITING_FOR_CLOSEOUT || job.currentActivity !== atActivity) {
                    skipped.push({ jobId: job.id, reason: `Job ${job.id} is ${job.state}, not waiting at ${atActivity}` });
                    return job;
                }
                continued.push(job.id);
                return { ...job, state: 'Queued' as const, currentActivity: undefined, waitReason: undefined, stepId: 'complete-retain' };
            });
            result = { continued, skipped };
            return { ...current, jobs };
        });
        this.continued.push(...result.continued.map(jobId => ({ jobId, by, atActivity })));
        return result;
    }
}

export const WAITING_JOB: Partial<Job> = {
    phase: 'Complete', state: WAITING_FOR_CLOSEOUT, currentActivity: ActivityTypes.closeoutOrder, stepId: 'complete-closeout-order'
};

/** An order as intake stores it: one job a line, each in the given state (waiting at Closeout Order by default). */
export function storedOrder(received: ReceivedOrder, id: string, connectionId: string, states: readonly JobState[] = []): Omit<Order, 'version'> {
    const at = '2026-11-26T16:00:00.000Z';
    return {
        ...received,
        id,
        connectionId,
        receivedAt: at,
        closed: false,
        log: [],
        jobs: received.lineItems.map((line, index) => ({
            id: `${id}-job-${index + 1}`,
            name: `${line.productName} ${index + 1}`,
            orderId: id,
            orderNumber: received.orderNumber,
            lineItemId: line.id,
            connectionId,
            phase: 'Complete',
            state: states[index] ?? WAITING_FOR_CLOSEOUT,
            stepIndex: 0,
            ...(states[index] === undefined || states[index] === WAITING_FOR_CLOSEOUT ? WAITING_JOB : {}),
            copies: Math.max(1, line.quantity),
            receivedAt: at,
            updatedAt: at,
            properties: {},
            files: [],
            log: []
        }))
    };
}

export interface FixtureOptions {
    readonly connectionType: CloseoutCapableConnectionType | ConnectionTypeContribution;
    readonly connection?: Partial<Connection>;
    readonly now?: () => Date;
    /** The folder to open (a restart reuses the previous one). */
    readonly folder?: string;
    readonly owner?: string;
    /** More collections for the store (the workflow engine's, when it releases the jobs). */
    readonly collections?: readonly DocumentCollection[];
    /** What the releaser releases jobs with, over the fixture's store: the recording JobFlow by default. */
    readonly releaseWith?: (store: DocumentStore, folder: string) => Pick<JobFlow, 'continueJobs'>;
}

/** The closeout backend over a real file store, as the module wires it, with a recording JobFlow. */
export class CloseoutFixture {
    protected constructor(
        readonly folder: string,
        readonly store: DocumentStore,
        readonly secrets: SecretBox,
        readonly runner: CloseoutRunner,
        readonly releaser: WaitingJobReleaser,
        readonly refresher: OrderRefresher,
        readonly documents: CloseoutDocuments,
        readonly jobFlow: RecordingJobFlow,
        readonly logger: RecordingLogger
    ) { }

    static async open(options: FixtureOptions): Promise<CloseoutFixture> {
        const folder = options.folder ?? (await TempFolder.create('presswork-closeout-')).path;
        const store = await openStore(path.join(folder, 'store'), [...CLOSEOUT_COLLECTIONS, ...options.collections ?? []]);
        const secrets = new SecretBox(path.join(folder, 'keys', 'secrets.key'));
        if (!store.get(ConnectionsCollection, 'conn-1')) {
            await store.create(ConnectionsCollection, {
                id: 'conn-1', name: 'Test store', description: '', type: 'MarcomCentral', endpointUrl: 'http://127.0.0.1:9/',
                timeZone: 'America/Los_Angeles', pollingIntervalSeconds: 300, firstLookBackHours: 24, enabled: true, demo: false,
                orderToken: secrets.seal('order-token'),
                ...options.connection
            });
        }
        const logger = recordingLogger();
        const documents = inject(new CloseoutDocuments(), { config: { dataFolder: folder, demo: false }, store });
        const jobFlow = new RecordingJobFlow(store);
        const releaser = inject(new WaitingJobReleaser(), {
            store, jobFlow: options.releaseWith?.(store, folder) ?? jobFlow, platform: { whenReady: Promise.resolve() }, logger
        });
        // Started as the backend starts it: it follows the store's writes of closed orders.
        await releaser.start();
        const connectionTypes = registryOf(ConnectionTypeRegistry, [options.connectionType]);
        const runner = inject(new CloseoutRunner(), {
            store, connectionTypes, documents, releaser, logger, options: { now: options.now, owner: options.owner ?? 'backend-1' }
        });
        // New lines get their jobs from connections' own builder, as the backend modules wire it.
        const refresher = inject(new OrderRefresher(), { store, connectionTypes, newLineJobs: inject(new NewLineItemJobsBuilder(), { store }) });
        return new CloseoutFixture(folder, store, secrets, runner, releaser, refresher, documents, jobFlow, logger);
    }

    get connection(): Connection {
        return this.store.get(ConnectionsCollection, 'conn-1')!;
    }

    async addOrder(received: ReceivedOrder, id = 'order-1', states: readonly JobState[] = []): Promise<Order> {
        return this.store.create(OrdersCollection, storedOrder(received, id, 'conn-1', states));
    }

    order(id = 'order-1'): Order {
        return this.store.get(OrdersCollection, id)!;
    }

    closeout(id = 'order-1'): CloseoutDocument | undefined {
        return this.store.get(CloseoutsCollection, id);
    }

    /** A restart: the store closes, and the caller opens a new fixture over the same folder. */
    async close(): Promise<void> {
        await this.runner.idle();
        this.releaser.onStop();
        await this.store.close();
    }

    async remove(): Promise<void> {
        await this.close();
        await fs.rm(this.folder, { recursive: true, force: true });
    }
}
