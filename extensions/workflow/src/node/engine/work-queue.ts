/**
 * Runs work for keys (job ids) with at most `concurrency` at once, first come first served, and
 * never two at once for one key. A key asked for while it runs runs once more afterwards, so a
 * request made during a run's last moments is not lost. Only waiting and running keys are
 * remembered: memory follows the backlog, not the number of jobs ever run.
 */
export class WorkQueue {
    protected readonly waiting: string[] = [];
    /** Index of the oldest waiting key: taking from the front of an array would cost O(n) each time. */
    protected head = 0;
    protected readonly queued = new Set<string>();
    protected readonly running = new Set<string>();
    protected readonly again = new Set<string>();
    protected idleWaiters: (() => void)[] = [];
    protected stopped = false;

    constructor(
        protected readonly concurrency: number,
        protected readonly work: (key: string) => Promise<void>,
        protected readonly report: (key: string, error: unknown) => void
    ) {
        if (!Number.isInteger(concurrency) || concurrency < 1) {
            throw new Error(`concurrency must be a whole number of at least 1, not ${concurrency}`);
        }
    }

    schedule(key: string): void {
        if (this.stopped || this.queued.has(key)) {
            return;
        }
        if (this.running.has(key)) {
            this.again.add(key);
            return;
        }
        this.queued.add(key);
        this.waiting.push(key);
        this.pump();
    }

    isRunning(key: string): boolean {
        return this.running.has(key);
    }

    get runningCount(): number {
        return this.running.size;
    }

    get waitingCount(): number {
        return this.queued.size;
    }

    /** Resolves once nothing waits and nothing runs. */
    idle(): Promise<void> {
        return this.isIdle() ? Promise.resolve() : new Promise(resolve => this.idleWaiters.push(resolve));
    }

    /** Forgets waiting keys and takes no more; running work ends on its own. */
    stop(): void {
        this.stopped = true;
        this.waiting.length = 0;
        this.head = 0;
        this.queued.clear();
        this.again.clear();
        this.notifyIfIdle();
    }

    protected pump(): void {
        while (this.running.size < this.concurrency && this.head < this.waiting.length) {
            const key = this.waiting[this.head++];
            this.queued.delete(key);
            this.start(key);
        }
        if (this.head > 1024 && this.head * 2 > this.waiting.length) {
            this.waiting.splice(0, this.head);
            this.head = 0;
        }
    }

    protected start(key: string): void {
        this.running.add(key);
        // Started on a later microtask: `schedule` may be called from inside a store write's event.
        Promise.resolve()
            .then(() => this.work(key))
            .catch(error => this.report(key, error))
            .finally(() => this.finished(key));
    }

    protected finished(key: string): void {
        this.running.delete(key);
        if (this.again.delete(key)) {
            this.schedule(key);
        }
        this.pump();
        this.notifyIfIdle();
    }

    protected isIdle(): boolean {
        return this.running.size === 0 && this.queued.size === 0;
    }

    protected notifyIfIdle(): void {
        if (this.isIdle() && this.idleWaiters.length) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            waiters.forEach(resolve => resolve());
        }
    }
}
