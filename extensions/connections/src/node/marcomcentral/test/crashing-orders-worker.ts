/**
 * The orders worker for tests of a worker that dies: it dies of an uncaught error on an answer
 * holding CRASH_MARKER, and reads every other answer as the real worker does.
 */
import { parentPort } from 'node:worker_threads';
import type { OrdersAnswerTask } from '../orders-answer';

export const CRASH_MARKER = 'crash-the-orders-worker';

const marker = Buffer.from(CRASH_MARKER, 'utf8');

// Registered before the real worker's listener, so an answer with the marker never reaches it.
parentPort?.on('message', (message: { task: OrdersAnswerTask }) => {
    if (Buffer.from(message.task.body).includes(marker)) {
        throw new Error('scripted crash while reading an answer');
    }
});
void import('../orders-answer-worker.js');
