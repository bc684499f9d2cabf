import type { Disposable } from '@theia/core/lib/common/disposable';

/**
 * Runs a piece of work at most once per interval however often it is asked for: the first request
 * after a quiet interval runs at once (an idle change travels without delay), later ones while
 * changes keep coming run once, when the interval since the last run is up.
 */
export class Coalescer implements Disposable {
    protected timer: ReturnType<typeof setTimeout> | undefined;
    protected lastRunAt = Number.NEGATIVE_INFINITY;
    protected disposed = false;

    constructor(protected readonly run: () => void, readonly intervalMs: number) { }

    /** Asks for a run: now when the last one is an interval ago, else when the interval is up (once). */
    request(): void {
        if (this.disposed || this.timer !== undefined) {
            return;
        }
        const wait = this.lastRunAt + this.intervalMs - Date.now();
        if (wait <= 0) {
            this.runNow();
        } else {
            this.timer = setTimeout(() => {
                this.timer = undefined;
                this.runNow();
            }, wait);
        }
    }

    /** Whether a run is waiting for its interval. */
    get waiting(): boolean {
        return this.timer !== undefined;
    }

    dispose(): void {
        this.disposed = true;
        clearTimeout(this.timer);
        this.timer = undefined;
    }

    protected runNow(): void {
        if (this.disposed) {
            return;
        }
        this.lastRunAt = Date.now();
        this.run();
    }
}
