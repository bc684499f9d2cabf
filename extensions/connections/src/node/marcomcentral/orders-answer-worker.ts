/**
 * The worker that reads MarcomCentral's answers with orders (see OrdersParser). It imports only
 * the reading, mapping and validation modules; it is loaded as a file of its own, from the compiled
 * package, never from the backend bundle.
 */
import { parentPort } from 'node:worker_threads';
import { OrdersTaskMessage, answerOrdersTask } from './orders-answer';

parentPort?.on('message', (message: OrdersTaskMessage) => parentPort && answerOrdersTask(parentPort, message));
