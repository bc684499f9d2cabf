/**
 * The group commit's disk thread (see WorkerBatchWriter): answers `{ id, task: { writes } }` with
 * `{ id, result }`, the batch's outcome. It is loaded as a file of its own, from the compiled
 * package, so that a batch's dozens of sequential file-system steps run on this thread's idle event
 * loop instead of waiting, each, for a turn of the server's busy one.
 */
import { parentPort } from 'node:worker_threads';
import { FileWrite, writeBatchOnDisk } from './batch-on-disk';

parentPort?.on('message', ({ id, task }: { id: number; task: { writes: FileWrite[] } }) => {
    void writeBatchOnDisk(task.writes).then(result => parentPort?.postMessage({ id, result }));
});
