/**
 * At most `limit` pieces of work under way at once for each key (here: each connection), the
 * rest waiting in the order they asked; different keys never wait for each other.
 */
export class PerKeyLimit {
    protected readonly lanes = new Map<string, { running: number; readonly waiting: (() => void)[] }>();

    constructor(readonly limit: number) {
        if (!Number.isInteger(limit) || limit < 1) {
            throw new Error(`a concurrency limit must be a whole number of at least 1, not ${limit}`);
        }
    }

    /** Work under way for `key` now. */
    running(key: string): number {
        return this.lanes.get(key)?.running ?? 0;
    }

    /** Work waiting for a slot of `key` now. */
    waiting(key: string): number {
        return this.lanes.get(key)?.waiting.length ?? 0;
    }

    async run<T>(key: string, work: () => Promise<T>): Promise<T> {
        let lane = this.lanes.get(key);
        if (!lane) {
            lane = { running: 0, waiting: [] };
            this.lanes.set(key, lane);
        }
        if (lane.running < this.limit) {
            lane.running++;
        } else {
            // The slot is handed over by the work that ends (see below): `running` stays as it is.
            const queued = lane;
            await new Promise<void>(resolve => queued.waiting.push(resolve));
        }
        try {
            return await work();
        } finally {
            const next = lane.waiting.shift();
            if (next) {
                next();
            } else if (--lane.running === 0) {
                this.lanes.delete(key);
            }
        }
    }

    /**
     * Runs `work` like `run`, but resolves as soon as it has its slot, with its outcome still to
     * come: a caller holding a slot of another limit can let go of that one only once this one is
     * taken, so that work cannot pile up between the two.
     */
    async started<T>(key: string, work: () => Promise<T>): Promise<{ readonly outcome: Promise<T> }> {
        let admitted!: () => void;
        const slotTaken = new Promise<void>(resolve => admitted = resolve);
        const outcome = this.run(key, () => {
            admitted();
            return work();
        });
        // The caller awaits the outcome only after this resolves: a failure before that is not unhandled.
        outcome.catch(() => undefined);
        await slotTaken;
        return { outcome };
    }
}
