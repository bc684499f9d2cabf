/**
 * A worker for the pool's tests: answers `echo` with its task, dies of an uncaught error on
 * `crash`, and fills its heap on `exhaust-memory`.
 */
import { parentPort } from 'node:worker_threads';

const hoard: unknown[] = [];

parentPort?.on('message', (message: { id: number; task: string }) => {
    if (message.task === 'crash') {
        setImmediate(() => {
            throw new Error('scripted crash');
        });
        return;
    }
    if (message.task === 'exhaust-memory') {
        for (;;) {
            hoard.push(new Array(10_000).fill({ hoarded: hoard.length }));
        }
    }
    parentPort?.postMessage({ id: message.id, result: `echo ${message.task}` });
});
