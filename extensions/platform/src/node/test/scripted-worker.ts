/**
 * A worker for the pool's tests: answers `echo` with its task, dies of an uncaught error on
 * `crash`, fills its heap on `exhaust-memory`, spins for ever on `hang`, prints on `print`, and
 * sends three parts before its answer on `in parts`.
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
    if (message.task === 'hang') {
        for (;;) {
            // Never yields: only ending the worker stops it.
        }
    }
    if (message.task === 'print') {
        process.stdout.write('printed by the worker\n');
        console.error('warned by the worker');
    }
    if (message.task === 'in parts') {
        for (const part of [1, 2, 3]) {
            parentPort?.postMessage({ id: message.id, progress: `part ${part}` });
        }
    }
    if (message.task === 'exhaust-memory') {
        for (;;) {
            hoard.push(new Array(10_000).fill({ hoarded: hoard.length }));
        }
    }
    parentPort?.postMessage({ id: message.id, result: `echo ${message.task}` });
});
