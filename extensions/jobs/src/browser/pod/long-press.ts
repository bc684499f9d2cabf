/** How long a finger rests on a row before its context menu opens. */
export const LONG_PRESS_MS = 500;
/** How far a finger may move (px) and still be pressing, not scrolling. */
export const LONG_PRESS_SLOP = 10;

type Timer = ReturnType<typeof setTimeout>;

/**
 * Tells a long press from a tap and a scroll on touch screens: a finger that rests `LONG_PRESS_MS`
 * without moving opens the context menu, and the tap that ends it does not also act as a click.
 */
export class LongPress {
    protected timer: Timer | undefined;
    protected start: { x: number, y: number } | undefined;
    protected fired = false;

    constructor(protected readonly delayMs = LONG_PRESS_MS,
        protected readonly setTimer: (handler: () => void, ms: number) => Timer = (handler, ms) => setTimeout(handler, ms),
        protected readonly clearTimer: (timer: Timer) => void = timer => clearTimeout(timer)) { }

    /** A finger touched at (x, y): `fire` runs if it stays there long enough. */
    down(x: number, y: number, fire: () => void): void {
        this.cancel();
        this.fired = false;
        this.start = { x, y };
        this.timer = this.setTimer(() => {
            this.timer = undefined;
            this.start = undefined;
            this.fired = true;
            fire();
        }, this.delayMs);
    }

    /** The finger moved: beyond the slop it scrolls, so no menu. */
    move(x: number, y: number): void {
        if (this.start && Math.hypot(x - this.start.x, y - this.start.y) > LONG_PRESS_SLOP) {
            this.cancel();
        }
    }

    /** The finger lifted (or the browser took the gesture over). */
    cancel(): void {
        if (this.timer !== undefined) {
            this.clearTimer(this.timer);
            this.timer = undefined;
        }
        this.start = undefined;
    }

    /** True once after a long press fired: the click that follows it is not a click. */
    takeFired(): boolean {
        const fired = this.fired;
        this.fired = false;
        return fired;
    }
}
