import { stat } from 'node:fs/promises';
import { PrintFilePages, PrintFilePagesSchema } from '@presswork/platform/lib/common/job-schema';
import { WorkerFailureError, WorkerPool, workerScriptFile } from '@presswork/platform/lib/node/worker-pool';

/** The worker's file name, beside this module in the compiled package. */
export const PDF_PAGES_WORKER_FILE = 'pdf-pages-worker.js';

export interface PdfPagesLimits {
    /** A file larger than this is not read (its pages stay unknown, with the reason). */
    readonly maxBytes: number;
    /** The worker's heap: a PDF built to need more ends its worker, not the server. */
    readonly maxHeapMb: number;
    /** A read that takes longer is stopped. */
    readonly timeoutMs: number;
}

/** As large as the print files the fetcher accepts (512 MB). */
export const DEFAULT_PDF_PAGES_LIMITS: PdfPagesLimits = { maxBytes: 512 * 1024 * 1024, maxHeapMb: 1024, timeoutMs: 120_000 };

/** The worker's script (platform's workerScriptFile). */
export function pdfPagesWorkerFile(): string {
    return workerScriptFile(__dirname, PDF_PAGES_WORKER_FILE, () => require.resolve(`@presswork/jobs/lib/node/print-file/${PDF_PAGES_WORKER_FILE}`));
}

/** The worker is ended after this long without a file: a big PDF's heap is given back. */
const PDF_WORKER_IDLE_MS = 60_000;

/**
 * Reads print files' page counts and first page sizes in one persistent worker (platform's
 * WorkerPool of one), so that the server's event loop never waits on a big file and a burst of
 * thousands of arrivals does not start a worker a file. Never rejects for a bad file: a file that
 * is not a readable PDF, too large, too slow or too complex resolves to `{ unreadable }` with the
 * reason; a read too slow or too complex ends the worker (the next read starts a new one).
 */
export class PdfPagesReading {
    protected readonly pool: WorkerPool<{ path: string }, unknown>;

    constructor(protected readonly limits: PdfPagesLimits = DEFAULT_PDF_PAGES_LIMITS, workerFile = pdfPagesWorkerFile()) {
        this.pool = new WorkerPool({
            file: workerFile, size: 1, maxOldGenerationSizeMb: limits.maxHeapMb, taskTimeoutMs: limits.timeoutMs, idleMs: PDF_WORKER_IDLE_MS, quiet: true
        });
    }

    async read(path: string): Promise<PrintFilePages> {
        const { size } = await stat(path);
        if (size > this.limits.maxBytes) {
            return { unreadable: `The print file is larger than ${Math.floor(this.limits.maxBytes / 1024 / 1024)} MB; its pages were not counted` };
        }
        try {
            const checked = PrintFilePagesSchema.safeParse(await this.pool.run({ path }));
            return checked.success ? checked.data : { unreadable: 'The PDF declares a page count or size out of range' };
        } catch (error) {
            return { unreadable: whyNotRead(error, this.limits) };
        }
    }

    /** Workers alive now: for tests. */
    get workerCount(): number {
        return this.pool.workerCount;
    }

    close(): Promise<void> {
        return this.pool.close();
    }
}

function whyNotRead(error: unknown, limits: PdfPagesLimits): string {
    const reason = error instanceof WorkerFailureError ? error.reason : undefined;
    if (reason === 'timed-out') {
        return `Reading the PDF took longer than ${Math.round(limits.timeoutMs / 1000)} seconds`;
    }
    return reason === 'out-of-memory' ? 'The PDF is too complex to read here' : 'The PDF could not be read';
}

let shared: PdfPagesReading | undefined;

/** A print file's pages, read by the process's one PDF reader (its worker starts on first use and never holds the process open). */
export function readPdfPages(path: string): Promise<PrintFilePages> {
    shared ??= new PdfPagesReading();
    return shared.read(path);
}
