/**
 * The work a background service has under way (releases, continues, reconciling), so that a stop
 * or a test can wait for it; a failure is handed to `onError` and never rejects the waiter.
 */
export class PendingWork {
    protected readonly work = new Set<Promise<void>>();

    constructor(protected readonly onError: (error: unknown) => void) { }

    add(promise: Promise<unknown>): Promise<void> {
        const tracked: Promise<void> = promise.then(() => undefined, error => this.onError(error)).finally(() => this.work.delete(tracked));
        this.work.add(tracked);
        return tracked;
    }

    /** Resolves once the work added so far (and any it added meanwhile) has ended. */
    async idle(): Promise<void> {
        while (this.work.size) {
            await Promise.all(this.work);
        }
    }
}
