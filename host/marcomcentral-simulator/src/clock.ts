/**
 * The store's clock. It keeps ticking from whatever time it was set to, so polling windows,
 * authorization expiry and poll limits behave as they would on a live store.
 */
export class SimulatorClock {
    private offsetMs = 0;

    constructor(start?: Date, private readonly realNow: () => number = Date.now) {
        if (start) {
            this.set(start);
        }
    }

    now(): Date {
        return new Date(this.realNow() + this.offsetMs);
    }

    /** Makes `now()` answer `date` at this moment. */
    set(date: Date): void {
        if (Number.isNaN(date.getTime())) {
            throw new RangeError('Invalid clock time');
        }
        this.offsetMs = date.getTime() - this.realNow();
    }

    /** Store time = real time + offset; 0 goes back to real time. */
    setOffset(offsetMs: number): void {
        this.offsetMs = offsetMs;
    }

    advance(ms: number): void {
        this.offsetMs += ms;
    }

    get offset(): number {
        return this.offsetMs;
    }
}
