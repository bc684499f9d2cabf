import { RankedQueue, WorkRank } from './ranked-queue';

export type { WorkRank } from './ranked-queue';

/**
 * Runs work for keys (job ids) with at most `concurrency` at once, taking them by rank (priority,
 * then due time, then arrival; equals first come, first served), and never two at once for one
 * key. A key asked for while it runs runs once more afterwards, so a request made during a run's
 * last moments is not lost. Only waiting and running keys are remembered: memory follows the
 * backlog, not the number of jobs ever run.
 */
export class WorkQueue {
    protected readonly waiting = new RankedQueue();
    protected readonly running = new Set<string>();
    /** Keys asked for while they run, with the rank they were last asked with. */
    protected readonly again = new Map<string, WorkRank>();
    protected idleWaiters: (() => void)[] = [];
    protected stopped = false;
    protected pumpQueued = false;

    constructor(
        protected readonly concurrency: number,
        protected readonly work: (key: string) => Promise<void>,
        protected readonly report: (key: string, error: unknown) => void
    ) {
        if (!Number.isInteger(concurrency) || concurrency < 1) {
            throw new Error(`concurrency must be a whole number of at least 1, not ${concurrency}`);
        }
    }

    /** Runs `key` when its turn comes by `rank`; a key already waiting moves to its new rank. */
    schedule(key: string, rank: WorkRank): void {
        if (this.stopped) {
            return;
        }
        if (this.running.has(key)) {
            this.again.set(key, rank);
            return;
        }
        this.waiting.put(key, rank);
        this.pumpSoon();
    }

    isRunning(key: string): boolean {
        return this.running.has(key);
    }

    get runningCount(): number {
        return this.running.size;
    }

    get waitingCount(): number {
        return this.waiting.size;
    }

    /** Resolves once nothing waits and nothing runs. */
    idle(): Promise<void> {
        return this.isIdle() ? Promise.resolve() : new Promise(resolve => this.idleWaiters.push(resolve));
    }

    /** Forgets the waiting keys (and the runs asked for again) that `matches`; running work ends on its own. */
    forget(matches: (key: string) => boolean): void {
        for (const key of [...this.waiting.keys()].filter(matches)) {
            this.waiting.remove(key);
        }
        for (const key of [...this.again.keys()].filter(matches)) {
            this.again.delete(key);
        }
        this.notifyIfIdle();
    }

    /** Forgets waiting keys and takes no more; running work ends on its own. */
    stop(): void {
        this.stopped = true;
        this.waiting.clear();
        this.again.clear();
        this.notifyIfIdle();
    }

    /**
     * Takes work on a later microtask: the keys scheduled in one go (every job at start, the jobs of
     * one order's write) are all ranked before the first free slot is filled.
     */
    protected pumpSoon(): void {
        if (!this.pumpQueued) {
            this.pumpQueued = true;
            queueMicrotask(() => {
                this.pumpQueued = false;
                this.pump();
            });
        }
    }

    protected pump(): void {
        while (this.running.size < this.concurrency && this.waiting.size) {
            this.start(this.waiting.take()!);
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
        const rank = this.again.get(key);
        if (rank) {
            this.again.delete(key);
            this.schedule(key, rank);
        }
        this.pump();
        this.notifyIfIdle();
    }

    protected isIdle(): boolean {
        return this.running.size === 0 && this.waiting.size === 0;
    }

    protected notifyIfIdle(): void {
        if (this.isIdle() && this.idleWaiters.length) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            waiters.forEach(resolve => resolve());
        }
    }
}
