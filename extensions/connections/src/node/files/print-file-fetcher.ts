import { setMaxListeners } from 'node:events';
import { setTimeout as wait } from 'node:timers/promises';
import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { DisposableCollection } from '@theia/core/lib/common/disposable';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { JobFlow } from '@presswork/platform/lib/common/job-flow';
import type { Order } from '@presswork/platform/lib/common';
import { changeJob } from '@presswork/platform/lib/node/store/order-jobs';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { IntakeWindows } from '@presswork/platform/lib/node/intake-windows';
import { WorkOwnership, type WorkScope } from '@presswork/platform/lib/node/cluster/work-ownership';
import { partitionOfOrder } from '@presswork/platform/lib/node/cluster/order-partitions';
import { ConnectionsCollection, OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { ConnectionTypeRegistry } from '@presswork/platform/lib/common/connection-type-registry';
import { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { PerKeyLimit } from './per-key-limit';

export interface PrintFileOptions {
    /** Largest print file accepted. */
    readonly maxBytes: number;
    /** First wait after "not ready yet"; doubles up to `maxDelayMs`. */
    readonly firstDelayMs: number;
    readonly maxDelayMs: number;
    /** How long a file may take to appear before the job goes to Error. */
    readonly giveUpAfterMs: number;
    /**
     * Print files fetched at once from one connection (each attempt: asking for its URL if need be,
     * the download and its durable write). Connections do not wait for each other. Default 8.
     */
    readonly concurrencyPerConnection?: number;
}
export const PrintFileOptions = Symbol('PrintFileOptions');
export const DEFAULT_CONCURRENCY_PER_CONNECTION = 8;
export const DEFAULT_PRINT_FILE_OPTIONS: PrintFileOptions = {
    maxBytes: 512 * 1024 * 1024, firstDelayMs: 2_000, maxDelayMs: 60_000, giveUpAfterMs: 60 * 60_000, concurrencyPerConnection: DEFAULT_CONCURRENCY_PER_CONNECTION
};

/**
 * Brings each printable job's file from the store into the job's folder, as soon as the order is
 * stored (so while intake goes on), at most `concurrencyPerConnection` at once for each connection;
 * the others wait their turn, and a file waiting to retry holds no slot. While the store answers
 * "not ready", or cannot be reached, it retries with back-off, for a bounded time. It never writes a job's state: it
 * tells JobFlow that the file arrived (the job waiting for it goes on) or, for a file that never
 * comes, fails the job with the reason. Only the files of the orders this server owns
 * (`WorkOwnership.ownsOrder`) are fetched: pending files of a partition are picked up when it is
 * gained (at start, after a restart, or from a server that died) and left at `losing` for the next
 * owner, whose fetch starts again (a file written twice is the same file).
 */
interface FetchLimits {
    readonly downloads: PerKeyLimit;
    readonly writes: PerKeyLimit;
}

@injectable()
export class PrintFileFetcher implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(ConnectionTypeRegistry) protected readonly types: ConnectionTypeRegistry;
    @inject(JobFolders) protected readonly folders: JobFolders;
    @inject(JobFlow) protected readonly jobFlow: JobFlow;
    @inject(PrintFileOptions) protected readonly options: PrintFileOptions;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('connections:PrintFileFetcher') protected readonly logger: ILogger;
    /** While a window of new orders is written, downloads wait: the new jobs reach operators' screens first. */
    @inject(IntakeWindows) @optional() protected readonly intakeWindows?: IntakeWindows;

    /** Fetches under way by job id, with their order. */
    protected readonly pending = new Map<string, { readonly orderId: string; readonly done: Promise<void> }>();
    /** Per order partition held: aborted when it is given up, and all of them when the fetcher stops. */
    protected readonly partitions = new Map<number, AbortController>();
    protected readonly pickingUp = new Set<number>();
    protected readonly toDispose = new DisposableCollection();
    protected limits: FetchLimits | undefined;

    /**
     * Per connection, at most `concurrencyPerConnection` requests to its store (the load a store
     * sees) and as many downloaded files being written. A download hands its file over only once a
     * write slot is free, so a slow disk holds the next downloads back instead of letting files pile
     * up in memory, while the store is asked for the next file as this one is written.
     */
    protected get slots(): FetchLimits {
        const concurrency = this.options.concurrencyPerConnection ?? DEFAULT_CONCURRENCY_PER_CONNECTION;
        this.limits ??= { downloads: new PerKeyLimit(concurrency), writes: new PerKeyLimit(concurrency) };
        return this.limits;
    }

    async onStart(): Promise<void> {
        await this.platform.whenReady;
        // Updates too: a Refresh that finds a new line adds its job to the stored order.
        this.toDispose.push(this.store.onDidChange(change => {
            if (change.collection === OrdersCollection.name && change.document) {
                this.fetchFilesOf(change.document as Order);
            }
        }));
        // The partitions held now are reported at once (on the embedded store: all of them).
        this.toDispose.push(this.ownership.listen({
            gained: scope => this.gained(scope),
            losing: scope => this.losing(scope)
        }));
    }

    onStop(): void {
        this.toDispose.dispose();
        this.partitions.forEach(partition => partition.abort());
    }

    /** Resolves when no download is under way: for tests. */
    async idle(): Promise<void> {
        while (this.pending.size || this.pickingUp.size) {
            await wait(20);
        }
    }

    protected gained(scope: WorkScope): void {
        if (scope.kind !== 'orders') {
            return;
        }
        const partition = new AbortController();
        // Every fetch under way in the partition listens to its signal, however many there are.
        setMaxListeners(0, partition.signal);
        this.partitions.set(scope.partition, partition);
        // Partitions gained together (all 32 at a start) are picked up in one pass over the orders.
        if (!this.pickingUp.size) {
            setImmediate(() => this.pickUp());
        }
        this.pickingUp.add(scope.partition);
    }

    /** Fetches the pending files of the orders in the partitions just gained. */
    protected pickUp(): void {
        const partitions = new Set(this.pickingUp);
        this.pickingUp.clear();
        this.fetchFilesIn(partitions);
    }

    protected fetchFilesIn(partitions: ReadonlySet<number>): void {
        for (const order of this.store.all(OrdersCollection)) {
            if (partitions.has(partitionOfOrder(order.id))) {
                this.fetchFilesOf(order);
            }
        }
    }

    /** Stops the partition's fetches (a download under way is abandoned, never failed) and waits for them. */
    protected async losing(scope: WorkScope): Promise<void> {
        if (scope.kind !== 'orders') {
            return;
        }
        this.partitions.get(scope.partition)?.abort();
        this.partitions.delete(scope.partition);
        const leaving = [...this.pending.values()].filter(fetch => partitionOfOrder(fetch.orderId) === scope.partition);
        await Promise.all(leaving.map(fetch => fetch.done));
        if (this.partitions.has(scope.partition)) {
            // Gained back meanwhile (the database came back within the hand-over): the gain's
            // pick-up passed over the files whose abandoned fetches had not ended yet.
            this.fetchFilesIn(new Set([scope.partition]));
        }
    }

    /**
     * The partition's own signal (aborted when it is given up or the fetcher stops), not one made per
     * order: nothing is left behind for each of the many orders fetched. Undefined when this server
     * does not fetch the order's files.
     */
    protected signalFor(orderId: string): AbortSignal | undefined {
        const partition = this.partitions.get(partitionOfOrder(orderId));
        return partition && this.ownership.ownsOrder(orderId) ? partition.signal : undefined;
    }

    protected fetchFilesOf(order: Order): void {
        let signal: AbortSignal | undefined;
        for (const job of order.jobs) {
            const file = job.files.find(candidate => candidate.size === undefined);
            if (!file || job.state === 'Error' || this.pending.has(job.id)) {
                continue;
            }
            signal ??= this.signalFor(order.id);
            if (!signal || signal.aborted) {
                return;
            }
            const done = this.fetch(order.id, job.id, file.name, file.sourceUrl, signal)
                .catch(error => this.logger.error(`print file of job ${job.id} could not be handled`, error))
                .finally(() => this.pending.delete(job.id));
            this.pending.set(job.id, { orderId: order.id, done });
        }
    }

    protected async fetch(orderId: string, jobId: string, fileName: string, knownUrl: string | undefined, signal: AbortSignal): Promise<void> {
        let url = knownUrl;
        const started = Date.now();
        let delay = this.options.firstDelayMs;
        for (;;) {
            const order = this.store.get(OrdersCollection, orderId);
            const connection = order && this.store.get(ConnectionsCollection, order.connectionId);
            if (!order || !connection || signal.aborted) {
                return;
            }
            try {
                // One attempt holds one of the connection's slots for its request(s), then a write slot for the file's durable write.
                const writing = await this.slots.downloads.run(connection.id, async () => {
                    await this.intakeWindows?.whenQuiet();
                    if (signal.aborted) {
                        return undefined;
                    }
                    url ??= await this.askForUrl(order, jobId, signal);
                    if (!url) {
                        throw Object.assign(new Error('MarcomCentral has not rendered the print file yet'), { kind: 'not-ready' });
                    }
                    const content = await this.types.of(connection).downloadFile(connection, url, this.options.maxBytes, signal);
                    return this.slots.writes.started(connection.id, async () => {
                        await this.folders.write(jobId, fileName, content);
                        return content.byteLength;
                    });
                });
                if (writing) {
                    await this.jobFlow.recordPrintFile(jobId, fileName, await writing.outcome);
                }
                return;
            } catch (error) {
                const kind = (error as { kind?: string }).kind;
                // Not ready yet, or the store cannot be reached for now (a network blip, the demo
                // store moving to another server): both are waited out, for a bounded time.
                const passing = kind === 'not-ready' || kind === 'unreachable';
                if (signal.aborted) {
                    return;
                }
                if (!passing || Date.now() - started + delay > this.options.giveUpAfterMs) {
                    const reason = kind === 'not-ready' ? `MarcomCentral did not provide the print file within ${describeDuration(this.options.giveUpAfterMs)}` : messageOf(error);
                    // No person acts: the entry names nobody.
                    await this.jobFlow.failJob(jobId, '', `The print file could not be fetched: ${reason}`);
                    return;
                }
            }
            await sleep(delay, signal);
            delay = Math.min(delay * 2, this.options.maxDelayMs);
        }
    }

    /**
     * A line item's file URL may be empty until the store has rendered the file: ask for the order
     * again and remember the URL once it is there.
     */
    protected async askForUrl(order: Order, jobId: string, signal: AbortSignal): Promise<string | undefined> {
        const connection = this.store.get(ConnectionsCollection, order.connectionId)!;
        const lineItemId = order.jobs.find(job => job.id === jobId)?.lineItemId;
        const fetched = await this.types.of(connection).fetchOrder(connection, order.orderNumber, signal);
        const url = fetched.orders.find(candidate => candidate.marcomOrderId === order.marcomOrderId)
            ?.lineItems.find(line => line.id === lineItemId)?.finalOutputFileUrl;
        if (url) {
            await changeJob(this.store, order.id, jobId, job => ({ ...job, files: job.files.map(file => file.size === undefined ? { ...file, sourceUrl: url } : file) }));
        }
        return url;
    }
}

function describeDuration(ms: number): string {
    return ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`;
}

/** Waits, or stops waiting as soon as the fetcher stops. */
async function sleep(ms: number, signal: AbortSignal): Promise<void> {
    await wait(ms, undefined, { signal }).catch(() => undefined);
}
