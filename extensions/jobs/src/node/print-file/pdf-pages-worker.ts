/**
 * The worker that reads print files' page counts and first page sizes (see PdfPagesReading). It
 * stays up and reads one file a task, answering `{ id, task: { path } }` with `{ id, result }`; it
 * is loaded as a file of its own, from the compiled package, never from the backend bundle, so a
 * big or hostile PDF is parsed off the server's event loop, within a heap limit.
 */
import { parentPort } from 'node:worker_threads';
import type { PrintFilePages } from '@presswork/platform/lib/common/job-schema';
import { pagesOfPdf } from './pdf-pages-of';

parentPort?.on('message', ({ id, task }: { id: number; task: { path: string } }) => {
    const answer = (result: PrintFilePages): void => parentPort?.postMessage({ id, result });
    pagesOfPdf(task.path).then(
        answer,
        // The parser's own words ("Failed to parse invalid PDF object") tell an operator nothing more.
        () => answer({ unreadable: 'The print file is not a readable PDF' })
    );
});
