/** How long typing may pause before the filter goes to the backend. */
export const TEXT_FILTER_DELAY_MS = 250;

type Timer = ReturnType<typeof setTimeout>;

/**
 * Sends the filter box's text once typing pauses. One sender lives as long as the box: a render of
 * the pod (a click on a row, a live update) never cancels text still waiting to go, which once
 * left the box and the grid disagreeing. Enter and leaving the box send at once.
 */
export class FilterTextSender {
    protected pending: string | undefined;
    protected timer: Timer | undefined;

    /**
     * `send` is read on every send, so the owner may replace it each render. `setTimer` wraps
     * `setTimeout` (Chromium refuses one called as a method of another object).
     */
    constructor(public send: (text: string) => void, protected readonly delayMs = TEXT_FILTER_DELAY_MS,
        protected readonly setTimer: (handler: () => void, ms: number) => Timer = (handler, ms) => setTimeout(handler, ms),
        protected readonly clearTimer: (timer: Timer) => void = timer => clearTimeout(timer)) { }

    /** The user typed: the text goes once typing rests. */
    typed(text: string): void {
        this.pending = text;
        this.stopTimer();
        this.timer = this.setTimer(() => this.flush(), this.delayMs);
    }

    /** Sends waiting text now (Enter, the box lost focus). */
    flush(): void {
        this.stopTimer();
        const text = this.pending;
        this.pending = undefined;
        if (text !== undefined) {
            this.send(text);
        }
    }

    /** Drops waiting text: the box goes away because another view's text replaces it. */
    cancel(): void {
        this.stopTimer();
        this.pending = undefined;
    }

    protected stopTimer(): void {
        if (this.timer !== undefined) {
            this.clearTimer(this.timer);
            this.timer = undefined;
        }
    }
}
