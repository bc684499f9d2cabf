import { setTimeout as delay } from 'node:timers/promises';
import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import type { Job, PrintFilePages } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { IntakeWindows } from '@presswork/platform/lib/node/intake-windows';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { listenToOrderPartitions, ordersIn } from '@presswork/platform/lib/node/cluster/order-partition-listener';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { changeJobs, findJob } from '@presswork/platform/lib/node/store/order-jobs';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PrintFileUnavailable, printFilePathOf } from './print-file-location';

/** Reads one PDF's pages (a seam for tests). */
export const PdfPagesReader = Symbol('PdfPagesReader');
export type PdfPagesReader = (path: string) => Promise<PrintFilePages>;

/**
 * Files read before their records are written: the records of one order's files read in a slice go
 * in one write, so a burst of arrivals adds about one order write per order, not one per file.
 */
export const READS_PER_SLICE = 64;
/** Before a slice that is not full, arrivals are let in for this long: the files of one order arrive close together. */
export const SLICE_GATHER_MS = 250;

/** A print file that has arrived and has not been read yet. */
export function needsPages(job: Pick<Job, 'files'>): boolean {
    const file = job.files[0];
    return file !== undefined && file.size !== undefined && file.pages === undefined;
}

/**
 * Reads each print file once, as soon as it has arrived, and keeps its page count and size on the
 * file's record (the job's `files[0].pages`), so the pod and Properties show them without opening
 * the file again. One file at a time, each in a worker (readPdfPages): the server's event loop
 * never parses a PDF, and two shared cores are not taken by a burst of arrivals. The records are
 * written a slice at a time (READS_PER_SLICE), one write per order. It writes only the file record,
 * never the job's state (JobFlow's), and only while the record is the one it read. With several
 * servers, each reads the files of the orders it owns (WorkOwnership), those of a partition it
 * gains included.
 */
@injectable()
export class PrintFilePageReader implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(JobFolders) protected readonly folders: JobFolders;
    @inject(PdfPagesReader) protected readonly readPages: PdfPagesReader;
    @inject(ILogger) @named('jobs:PrintFilePageReader') protected readonly logger: ILogger;
    /** Page counts can wait: a slice is read once no window of orders is being written (intake first). */
    @inject(IntakeWindows) @optional() protected readonly intakeWindows?: IntakeWindows;

    /** Jobs to read, in arrival order: job id → order id. */
    protected readonly waiting = new Map<string, string>();
    protected draining: Promise<void> | undefined;
    protected stopped = false;

    async onStart(): Promise<void> {
        await this.platform.whenReady;
        this.store.onDidChange(change => {
            if (change.collection === OrdersCollection.name && change.document && this.ownership.ownsOrder(change.id)) {
                this.noteOrder(change.document as Order);
            }
        });
        // Files that arrived before this server ran (or before this reader existed, or while another server owned them).
        listenToOrderPartitions(this.ownership, { gained: partitions => ordersIn(this.store, partitions).forEach(order => this.noteOrder(order)) });
    }

    onStop(): void {
        this.stopped = true;
    }

    /** Resolves when nothing is waiting to be read: for tests. */
    async idle(): Promise<void> {
        while (this.draining) {
            await this.draining;
        }
    }

    protected noteOrder(order: Order): void {
        for (const job of order.jobs) {
            if (needsPages(job) && !this.waiting.has(job.id)) {
                this.waiting.set(job.id, order.id);
            }
        }
        this.drainIfWaiting();
    }

    protected drainIfWaiting(): void {
        if (this.waiting.size && !this.draining && !this.stopped) {
            // Files noted between the drain's last look and its end would wait for the next arrival: look again.
            this.draining = this.drain().finally(() => {
                this.draining = undefined;
                this.drainIfWaiting();
            });
        }
    }

    protected async drain(): Promise<void> {
        while (this.waiting.size > 0 && !this.stopped) {
            if (this.waiting.size < READS_PER_SLICE) {
                await delay(SLICE_GATHER_MS, undefined, { ref: false });
            }
            await this.intakeWindows?.whenQuiet();
            const slice = [...this.waiting].slice(0, READS_PER_SLICE);
            // Out of the queue while read: a change meanwhile (a new file) queues it again.
            slice.forEach(([jobId]) => this.waiting.delete(jobId));
            const byOrder = new Map<string, Map<string, ReadFile>>();
            for (const [jobId, orderId] of slice) {
                if (this.stopped) {
                    return;
                }
                const read = await this.readOne(jobId);
                if (read) {
                    const files = byOrder.get(orderId) ?? new Map<string, ReadFile>();
                    byOrder.set(orderId, files.set(jobId, read));
                }
            }
            // One write per order for every file of it read in this slice; the orders' writes share the store's fsync rounds.
            await Promise.all([...byOrder].map(([orderId, files]) => this.record(orderId, files).catch(error =>
                this.logger.error(`The pages of the print files of ${[...files.keys()].join(', ')} could not be recorded`, error))));
        }
    }

    /** The pages of a job's print file, or why it has none; nothing when the job needs no reading (any more). */
    protected async readOne(jobId: string): Promise<ReadFile | undefined> {
        const job = findJob(this.store, jobId)?.job;
        if (!job || !needsPages(job)) {
            return undefined;
        }
        const [read] = job.files;
        let pages: PrintFilePages;
        try {
            pages = await this.readPages(printFilePathOf(this.folders, job));
        } catch (error) {
            pages = { unreadable: error instanceof PrintFileUnavailable ? error.message : 'The print file is missing from the job folder' };
        }
        return { name: read.name, size: read.size, pages };
    }

    /** Writes the pages read of one order's files, each only while its record is still the file that was read. */
    protected async record(orderId: string, files: ReadonlyMap<string, ReadFile>): Promise<void> {
        await changeJobs(this.store, orderId, [...files.keys()], current => {
            const read = files.get(current.id);
            const [file, ...others] = current.files;
            // Only the file that was read: a file replaced meanwhile is read again on its own event.
            if (!read || !file || file.name !== read.name || file.size !== read.size || file.pages) {
                return undefined;
            }
            return { ...current, files: [{ ...file, pages: read.pages }, ...others] };
        });
    }
}

/** What was read of one job's print file: which file (name and size), and its pages. */
interface ReadFile {
    readonly name: string;
    readonly size: number | undefined;
    readonly pages: PrintFilePages;
}
