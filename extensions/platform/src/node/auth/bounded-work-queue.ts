import { PressworkError } from '../../common/errors';

/**
 * Runs password work a few at a time, with a bounded queue behind it. scrypt runs on libuv's
 * thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), which file reads and writes
 * share: a flood of password checks must never take all of it, nor queue without end.
 */
export class BoundedWorkQueue {
    protected running = 0;
    protected readonly waiting: (() => void)[] = [];

    constructor(readonly concurrency: number, readonly maxWaiting: number) { }

    /** Runs `work` when a slot is free; refused with Busy at once when the queue is full. */
    async run<T>(work: () => Promise<T>): Promise<T> {
        if (this.running < this.concurrency) {
            this.running++;
        } else if (this.waiting.length < this.maxWaiting) {
            await new Promise<void>(resolve => this.waiting.push(resolve));
        } else {
            throw PressworkError.Busy('The server is busy checking passwords: try again in a moment');
        }
        try {
            return await work();
        } finally {
            // The slot passes straight to the next in line, or is freed.
            const next = this.waiting.shift();
            if (next) {
                next();
            } else {
                this.running--;
            }
        }
    }
}
