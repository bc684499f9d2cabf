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
}
