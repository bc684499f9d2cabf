/** A worker for tests of what happens when a worker dies under its task: it ends on its first message. */
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => process.exit(3));
