/**
 * Writes started per turn of the event loop when writes begin: each starts with its checks and
 * serialisation on the main thread, and starting a hundred in one turn would hold every request
 * meanwhile. Later writes follow their batches' callers, which the store resolves a few per turn.
 */
export const WRITES_STARTED_PER_TURN = 8;

/**
 * The writes of one window, whose items arrive in parts while earlier ones are written: at most
 * `limit` under way at once, in the order added, WRITES_STARTED_PER_TURN started per turn. The
 * first failure stops the taking of new items; `end` rejects with it once the writes under way
 * have ended.
 */
export class WindowWrites<T> {
    protected readonly queue: (T | undefined)[] = [];
    protected next = 0;
    protected lanes = 0;
    protected startedThisTurn = 0;
    protected startScheduled = false;
    protected failure: { readonly reason: unknown } | undefined;
    protected ended = false;
    protected readonly settledWaiters: (() => void)[] = [];

    constructor(protected readonly limit: number, protected readonly write: (item: T) => Promise<void>) {
        if (!Number.isInteger(limit) || limit < 1) {
            throw new Error(`a concurrency limit must be a whole number of at least 1, not ${limit}`);
        }
    }

    add(items: readonly T[]): void {
        if (this.ended || this.failure) {
            return;
        }
        this.queue.push(...items);
        this.startLanes();
    }

    /** Takes nothing more; resolves once every item added is written, or rejects with the first failure once the writes under way have ended. */
    async end(): Promise<void> {
        this.ended = true;
        if (!this.isSettled()) {
            await new Promise<void>(resolve => this.settledWaiters.push(resolve));
        }
        if (this.failure) {
            throw this.failure.reason;
        }
    }

    protected startLanes(): void {
        while (this.lanes < this.limit && this.next < this.queue.length && !this.failure) {
            if (this.startedThisTurn === WRITES_STARTED_PER_TURN) {
                this.startInNextTurn();
                return;
            }
            if (this.startedThisTurn++ === 0) {
                // The count of lanes started in this turn is reset in the next one.
                this.startInNextTurn();
            }
            this.lanes++;
            void this.lane();
        }
    }

    protected startInNextTurn(): void {
        if (!this.startScheduled) {
            this.startScheduled = true;
            setImmediate(() => {
                this.startScheduled = false;
                this.startedThisTurn = 0;
                this.startLanes();
            });
        }
    }

    /** Writes items one after another until none waits; never rejects (a failure is kept for `end`). */
    protected async lane(): Promise<void> {
        while (!this.failure && this.next < this.queue.length) {
            const item = this.queue[this.next] as T;
            // Written items are not kept: memory follows the backlog.
            this.queue[this.next++] = undefined;
            try {
                await this.write(item);
            } catch (reason) {
                this.failure ??= { reason };
            }
        }
        this.lanes--;
        if (this.isSettled()) {
            this.settledWaiters.splice(0).forEach(wake => wake());
        }
    }

    protected isSettled(): boolean {
        return this.lanes === 0 && (this.next === this.queue.length || this.failure !== undefined);
    }
}
