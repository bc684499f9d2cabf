/**
 * The event loop's own setImmediate, taken when this module loads: a test that fakes the timers
 * must not stop a process-wide queue (the group commit's) from draining.
 */
const nextTurn = setImmediate;

/**
 * Runs queued work a few pieces per turn of the event loop, in the order queued, urgent pieces
 * first. For work that arrives in heaps and would otherwise run as one long task (a hundred writers
 * resolved at once, twenty browsers sent a change at once) while every request waits behind it.
 * Work queued while nothing is waiting runs at once. Pieces must not throw: each handles its own
 * failures.
 */
export class TurnQueue {
    protected readonly urgent: (() => void)[] = [];
    protected readonly others: (() => void)[] = [];
    protected draining = false;

    constructor(readonly perTurn: number) {
        if (!Number.isInteger(perTurn) || perTurn < 1) {
            throw new Error(`a turn must run a whole number of at least 1 pieces, not ${perTurn}`);
        }
    }

    /** Pieces waiting for a turn. */
    get length(): number {
        return this.urgent.length + this.others.length;
    }

    /** Queues `work` behind the pieces of its kind: an urgent one runs before every piece that is not. */
    push(work: () => void, urgent = false): void {
        (urgent ? this.urgent : this.others).push(work);
        if (!this.draining) {
            this.draining = true;
            this.runSome();
        }
    }

    protected runSome(): void {
        if (this.length === 0) {
            this.draining = false;
            return;
        }
        const first = this.urgent.splice(0, this.perTurn);
        const then = this.others.splice(0, this.perTurn - first.length);
        first.forEach(work => work());
        then.forEach(work => work());
        // Until the next turn, work queued joins the queue even if it is empty now.
        nextTurn(() => this.runSome());
    }
}
