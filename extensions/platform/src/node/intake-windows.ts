import { injectable } from '@theia/core/shared/inversify';

/**
 * Longest that background work is held for intake at a stretch: a connection catching up window
 * after window (or several connections, one after another) never starves it.
 */
export const MAX_INTAKE_WAIT_MS = 30_000;

/**
 * Windows of orders being written by intake, so that work that can wait (reading print files'
 * pages) waits for none to be under way: the window's writes then have the store's fsync rounds
 * and the two shared cores to themselves, and operators see the new jobs sooner. The limit counts
 * from when intake became busy, not from each wait: once windows have been written for that long
 * without a pause, nothing is held until intake has been quiet again, rather than every engine turn
 * waiting the limit anew.
 */
@injectable()
export class IntakeWindows {
    protected writing = 0;
    /** When `writing` last went from none to one (performance.now()). */
    protected busySince = 0;
    protected waiters: (() => void)[] = [];

    /** Marks a window as being written until the returned function is called (once; later calls do nothing). */
    begin(): () => void {
        if (this.writing++ === 0) {
            this.busySince = performance.now();
        }
        let ended = false;
        return () => {
            if (!ended) {
                ended = true;
                this.writing--;
                if (this.writing === 0) {
                    this.waiters.splice(0).forEach(wake => wake());
                }
            }
        };
    }

    get busy(): boolean {
        return this.writing > 0;
    }

    /** Resolves once no window is being written, or once intake has been busy `maxWaitMs` without a pause. */
    whenQuiet(maxWaitMs = MAX_INTAKE_WAIT_MS): Promise<void> {
        const holdFor = this.busySince + maxWaitMs - performance.now();
        if (!this.busy || holdFor <= 0) {
            return Promise.resolve();
        }
        return new Promise(resolve => {
            const timer = setTimeout(() => {
                this.waiters = this.waiters.filter(waiter => waiter !== wake);
                resolve();
            }, holdFor);
            timer.unref();
            const wake = (): void => {
                clearTimeout(timer);
                resolve();
            };
            this.waiters.push(wake);
        });
    }
}
