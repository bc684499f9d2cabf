/**
 * The orders worker for tests of a worker that dies: it dies of an uncaught error on an answer
 * holding CRASH_MARKER, and reads every other answer as the real worker (orders-answer-worker.ts) does.
 */
import { parentPort } from 'node:worker_threads';
import { OrdersTaskMessage, answerOrdersTask } from '../orders-answer';

export const CRASH_MARKER = 'crash-the-orders-worker';

const marker = Buffer.from(CRASH_MARKER, 'utf8');

parentPort?.on('message', (message: OrdersTaskMessage) => {
    if (Buffer.concat(message.task.body).includes(marker)) {
        throw new Error('scripted crash while reading an answer');
    }
    if (parentPort) {
        answerOrdersTask(parentPort, message);
    }
});
