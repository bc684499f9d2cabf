import type { Job } from '@presswork/platform/lib/common/job-schema';
import { JobFolders } from '@presswork/platform/lib/node/files/job-folders';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { RecordingContext, writeJobFiles } from '@presswork/platform/lib/node/test/activity-context';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { BatchPropertiesSchema } from '../../../common/batch/batch-activity';
import type { Batch } from '../../../common/batch/batch-schema';
import type { PrintProperties } from '../../../common/print-activity';
import { OUTPUT_COLLECTIONS } from '../../output-collections';
import { PrintFixture } from '../../print/test/print-fixture';
import { BatchPrinter, batchDocumentFile } from '../batch-printer';
import { FakeBatchBook } from './fake-batch-book';
import { testPdf } from './test-pdfs';

/**
 * The Print activity with its batch printer, over a temporary store and data folder, and an
 * in-memory batch book: members are jobs of orders of their own in the store, each with a real
 * PDF print file (test job `index`'s pages, see test-pdfs.ts).
 */
export class BatchPrintFixture extends PrintFixture {
    readonly book = new FakeBatchBook();
    readonly dataFolder: string;
    readonly batchPrinter: BatchPrinter;

    protected constructor(temp: TempFolder, store: DocumentStore) {
        super(temp, store);
        this.dataFolder = temp.join('presswork-data');
        this.batchPrinter = inject(new BatchPrinter(), {
            book: this.book, store, jobFolders: JobFolders.in(temp.path), config: { dataFolder: this.dataFolder, demo: false },
            printers: this.services.printers, devices: this.devices, media: this.services.media, targets: this.targets
        });
        inject(this.activity, { batchPrinter: this.batchPrinter });
    }

    static override async open(): Promise<BatchPrintFixture> {
        const temp = await TempFolder.create('presswork-batch-print-');
        return new BatchPrintFixture(temp, await openStore(temp.join('data'), OUTPUT_COLLECTIONS));
    }

    /** Test job `index` of its own order, in batch `batchId`, in the store with its two-page PDF: its Print step's context. */
    async member(index: number, batchId: string, properties: Partial<PrintProperties> & { printerId: string }, jobChange: Partial<Job> = {}): Promise<RecordingContext<PrintProperties>> {
        const context = await this.context(properties, { copies: index + 1, batchId, ...jobChange }, `order-${index}`);
        await writeJobFiles(context.jobFolder, { [context.job.files[0].name]: Buffer.from(await testPdf(index, 2)) });
        const { version: _version, ...order } = context.order;
        await this.store.create(OrdersCollection, order);
        return context;
    }

    /** A released batch of the members, in their order, put in the batch book. */
    releasedBatch(batchId: string, members: readonly RecordingContext<unknown>[], change: Partial<Batch> = {}): Batch {
        const now = new Date().toISOString();
        return this.book.put({
            id: batchId, version: 1, workflowId: 'workflow-1', stepId: 'batch-step', keys: {}, rules: BatchPropertiesSchema.parse({ jobsPerBatch: members.length }),
            state: 'released', openedAt: now, releasedAt: now, releaseReason: `${members.length} of ${members.length} jobs`, log: [],
            members: members.map(({ job }) => ({ jobId: job.id, orderId: job.orderId, orderNumber: job.orderNumber, jobName: job.name, copies: job.copies, joinedAt: now })),
            ...change
        });
    }

    documentOf(batchId: string): string {
        return batchDocumentFile(this.dataFolder, batchId);
    }
}
