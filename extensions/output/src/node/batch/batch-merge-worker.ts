/**
 * The worker that merges batch documents (see mergeBatchDocument): it takes one merge request at
 * a time and answers each with the document or the problem in words. It is loaded as a file of
 * its own, from the compiled package, never from the backend bundle, so that parsing and writing
 * many PDFs never holds the server's event loop, within a heap limit; it is kept between merges
 * so that pdf-lib is loaded once, not per batch.
 */
import { parentPort } from 'node:worker_threads';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { MergeRequest, mergeBatchPdf } from './batch-merge';

/** Answers platform's WorkerPool: `{ id, task }` in, `{ id, result }` out. */
parentPort?.on('message', ({ id, task }: { id: number; task: MergeRequest }) => {
    mergeBatchPdf(task).then(
        merged => parentPort?.postMessage({ id, result: { merged } }, [merged.bytes.buffer as ArrayBuffer]),
        error => parentPort?.postMessage({ id, result: { problem: messageOf(error) } })
    );
});
