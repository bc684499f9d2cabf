import type { Disposable } from '@theia/core/lib/common/disposable';
import type { IndexedJob } from './indexed-job';

/** The longest a Node timer waits (about 24 days); a later turn is waited for in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;
/** Turns closer together than this are told together: many jobs due in the same second wake the pods once. */
const FEWEST_MS_BETWEEN_TURNS = 1_000;

/**
 * Jobs turn at risk and overdue as time passes, with no change to their documents. The clock
 * counts the jobs at risk now (one pass, kept until a job changes or the next one turns) and wakes
 * at the next turn, so pods, the read API and the status bar read the jobs again.
 */
export class RiskClock implements Disposable {
    protected counted: { readonly atRisk: number; readonly until: number } | undefined;
    protected timer: ReturnType<typeof setTimeout> | undefined;
    protected wakeAt = Infinity;
    protected lastTurn = 0;

    constructor(
        protected readonly jobs: () => Iterable<IndexedJob>,
        protected readonly onTurn: () => void
    ) { }

    /** Jobs at risk at `now` (overdue ones included). */
    atRisk(now: number): number {
        if (!this.counted || this.counted.until <= now) {
            this.counted = this.count(now);
        }
        return this.counted.atRisk;
    }

    /** A job came or changed (`job`), or went (undefined). */
    changed(job: IndexedJob | undefined, now = Date.now()): void {
        this.counted = undefined;
        const next = job?.nextRiskChange(now);
        if (next !== undefined) {
            this.wakeBy(next, now);
        }
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.wakeAt = Infinity;
    }

    protected count(now: number): { atRisk: number; until: number } {
        let atRisk = 0;
        let until = Infinity;
        for (const job of this.jobs()) {
            const { atRiskFrom } = job.risk;
            if (atRiskFrom !== undefined && atRiskFrom <= now) {
                atRisk++;
            }
            const next = job.nextRiskChange(now);
            if (next !== undefined && next < until) {
                until = next;
            }
        }
        if (until < Infinity) {
            this.wakeBy(until, now);
        }
        return { atRisk, until };
    }

    protected wakeBy(time: number, now: number): void {
        if (time >= this.wakeAt) {
            return;
        }
        clearTimeout(this.timer);
        this.wakeAt = time;
        // A millisecond past the turn, so the job reads at risk when the clock wakes.
        const delay = Math.max(time - now + 1, this.lastTurn + FEWEST_MS_BETWEEN_TURNS - now, 0);
        this.timer = setTimeout(() => this.wake(), Math.min(delay, LONGEST_TIMER_MS));
        this.timer.unref?.();
    }

    protected wake(): void {
        this.timer = undefined;
        this.wakeAt = Infinity;
        const now = Date.now();
        this.lastTurn = now;
        // Counting again finds the next turn and sets the clock for it.
        this.counted = this.count(now);
        this.onTurn();
    }
}
