import { injectable } from '@theia/core/shared/inversify';

/** Longest that background work waits for intake: a connection catching up window after window never starves it. */
export const MAX_INTAKE_WAIT_MS = 30_000;

/**
 * Windows of orders being written by intake, so that work that can wait (reading print files'
 * pages) waits for none to be under way: the window's writes then have the store's fsync rounds
 * and the two shared cores to themselves, and operators see the new jobs sooner.
 */
@injectable()
export class IntakeWindows {
    protected writing = 0;
    protected waiters: (() => void)[] = [];

    /** Marks a window as being written until the returned function is called (once; later calls do nothing). */
    begin(): () => void {
        this.writing++;
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

    /** Resolves once no window is being written, or after `maxWaitMs` at most. */
    whenQuiet(maxWaitMs = MAX_INTAKE_WAIT_MS): Promise<void> {
        if (!this.busy) {
            return Promise.resolve();
        }
        return new Promise(resolve => {
            const timer = setTimeout(() => {
                this.waiters = this.waiters.filter(waiter => waiter !== wake);
                resolve();
            }, maxWaitMs);
            timer.unref();
            const wake = (): void => {
                clearTimeout(timer);
                resolve();
            };
            this.waiters.push(wake);
        });
    }
}
