/**
 * The worker that reads a print file's page count and first page size (see readPdfPages). It runs
 * one file and ends; it is loaded as a file of its own, from the compiled package, never from the
 * backend bundle, so a big or hostile PDF is parsed off the server's event loop, within a heap limit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pagesOfPdf } from './pdf-pages-of';

const { path } = workerData as { path: string };
pagesOfPdf(path).then(
    pages => parentPort?.postMessage(pages),
    // The parser's own words ("Failed to parse invalid PDF object") tell an operator nothing more.
    () => parentPort?.postMessage({ unreadable: 'The print file is not a readable PDF' })
);
