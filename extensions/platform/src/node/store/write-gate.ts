import { injectable } from '@theia/core/shared/inversify';

/**
 * Lets the store's disk writes be held for a moment: a backup holds them to copy the data folder
 * as it was at one instant. Every durable write passes the gate; `pause()` resolves once the
 * writes already under way have finished, and no other starts until `resume()`. Held writes
 * simply wait: callers see a slower write, never a failure.
 */
@injectable()
export class WriteGate {
    protected inFlight = 0;
    protected held: Promise<void> | undefined;
    protected release: (() => void) | undefined;
    protected readonly drainWaiters: (() => void)[] = [];

    get paused(): boolean {
        return this.held !== undefined;
    }

    async pass<T>(write: () => Promise<T>): Promise<T> {
        while (this.held) {
            await this.held;
        }
        this.inFlight++;
        try {
            return await write();
        } finally {
            this.inFlight--;
            if (this.inFlight === 0) {
                this.drainWaiters.splice(0).forEach(resolve => resolve());
            }
        }
    }

    /** Holds new writes and resolves when none is under way. */
    async pause(): Promise<void> {
        if (!this.held) {
            this.held = new Promise(resolve => this.release = resolve);
        }
        if (this.inFlight > 0) {
            await new Promise<void>(resolve => this.drainWaiters.push(resolve));
        }
    }

    resume(): void {
        const release = this.release;
        this.held = undefined;
        this.release = undefined;
        release?.();
    }
}
