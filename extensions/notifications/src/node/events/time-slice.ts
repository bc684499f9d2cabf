import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** Milliseconds of work between two turns of the event loop: requests and the store's writer wait no longer. */
export const SLICE_BUDGET_MS = 4;

/**
 * Long passes (deriving a burst of intake, the start-up pass, a scan) call `check()` after each
 * unit of work: once the budget is spent it gives the event loop a turn, so nothing else waits
 * more than about the budget, however slow or large the pass.
 */
export class TimeSlice {
    protected started = performance.now();

    constructor(protected readonly budgetMs = SLICE_BUDGET_MS) { }

    async check(): Promise<void> {
        if (performance.now() - this.started >= this.budgetMs) {
            await yieldToEventLoop();
            this.started = performance.now();
        }
    }
}
