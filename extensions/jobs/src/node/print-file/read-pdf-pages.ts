import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PrintFilePages, PrintFilePagesSchema } from '@presswork/platform/lib/common/job-schema';

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

/**
 * Where the worker's script is: beside this module when it runs from the compiled package (tests,
 * `tsc` output), or, from the backend bundle, the compiled package's own file, resolved by
 * package name so that it stays a real file whatever the bundler does with the rest.
 */
export function pdfPagesWorkerFile(): string {
    const beside = join(__dirname, PDF_PAGES_WORKER_FILE);
    return existsSync(beside) ? beside : require.resolve(`@presswork/jobs/lib/node/print-file/${PDF_PAGES_WORKER_FILE}`);
}

/**
 * A print file's page count and first page size, read in a worker of its own so that the server's
 * event loop never waits on a big file. Never rejects for a bad file: a file that is not a
 * readable PDF, too large, too slow or too complex resolves to `{ unreadable }` with the reason.
 */
export async function readPdfPages(path: string, limits: PdfPagesLimits = DEFAULT_PDF_PAGES_LIMITS, workerFile = pdfPagesWorkerFile()): Promise<PrintFilePages> {
    const { size } = await stat(path);
    if (size > limits.maxBytes) {
        return { unreadable: `The print file is larger than ${Math.floor(limits.maxBytes / 1024 / 1024)} MB; its pages were not counted` };
    }
    return new Promise<PrintFilePages>(resolve => {
        const worker = new Worker(workerFile, { workerData: { path }, resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb }, stdout: true, stderr: true });
        let settled = false;
        const settle = (pages: PrintFilePages): void => {
            if (!settled) {
                settled = true;
                clearTimeout(timer);
                worker.terminate().catch(() => undefined);
                resolve(pages);
            }
        };
        const timer = setTimeout(() => settle({ unreadable: `Reading the PDF took longer than ${Math.round(limits.timeoutMs / 1000)} seconds` }), limits.timeoutMs);
        worker.once('message', message => {
            const checked = PrintFilePagesSchema.safeParse(message);
            settle(checked.success ? checked.data : { unreadable: 'The PDF declares a page count or size out of range' });
        });
        worker.once('error', error => settle({
            unreadable: (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? 'The PDF is too complex to read here'
                : 'The PDF could not be read'
        }));
        worker.once('exit', () => settle({ unreadable: 'The PDF could not be read' }));
    });
}
