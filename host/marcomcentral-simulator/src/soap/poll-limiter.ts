/**
 * The store's terms allow about one poll in five minutes per token. Off unless configured:
 * tests poll often. Separate per token and operation; only accepted polls count.
 */
export class PollLimiter {
    private readonly lastPoll = new Map<string, number>();

    constructor(private readonly minIntervalMs: number) { }

    /** True when the poll may go ahead (and is then recorded). */
    tryPoll(token: string, operation: string, now: Date): boolean {
        const key = `${operation}\u0000${token}`;
        const last = this.lastPoll.get(key);
        const time = now.getTime();
        // A clock set backwards does not lock the token out.
        if (last !== undefined && time >= last && time - last < this.minIntervalMs) {
            return false;
        }
        this.lastPoll.set(key, time);
        return true;
    }
}
