/**
 * The worker that merges one batch's document (see mergeBatchDocument). It runs one merge and
 * ends; it is loaded as a file of its own, from the compiled package, never from the backend
 * bundle, so that parsing and writing many PDFs never holds the server's event loop, within a heap limit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { MergeRequest, mergeBatchPdf } from './batch-merge';

mergeBatchPdf(workerData as MergeRequest).then(
    merged => parentPort?.postMessage({ merged }, [merged.bytes.buffer as ArrayBuffer]),
    error => parentPort?.postMessage({ problem: messageOf(error) })
);
