/**
 * Runs work one at a time per key (here: per document), in the order it was asked for, while
 * different keys proceed in parallel.
 */
export class KeyedLock {
    protected readonly tails = new Map<string, Promise<unknown>>();

    run<R>(key: string, work: () => Promise<R>): Promise<R> {
        const previous = this.tails.get(key) ?? Promise.resolve();
        const result = previous.then(work, work);
        const tail = result.then(() => undefined, () => undefined);
        this.tails.set(key, tail);
        tail.then(() => {
            if (this.tails.get(key) === tail) {
                this.tails.delete(key);
            }
        });
        return result;
    }

    /** Resolves once all work asked for so far has ended. */
    async idle(): Promise<void> {
        while (this.tails.size) {
            await Promise.all(this.tails.values());
        }
    }
}
