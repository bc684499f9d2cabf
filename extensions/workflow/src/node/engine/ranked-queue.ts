/**
 * Where a job stands in the engine's queue: priority first (1 before 10), then the due time
 * (a job without one after every job with one), then arrival. Times in milliseconds since the epoch.
 */
export interface WorkRank {
    readonly priority: number;
    readonly due?: number;
    readonly receivedAt: number;
}

interface Entry {
    readonly key: string;
    readonly priority: number;
    /** Infinity when the job has no due time. */
    readonly due: number;
    readonly receivedAt: number;
    /** Order of the first request for the key: equal ranks are taken first come, first served. */
    readonly seq: number;
}

/** Whether `a` is taken before `b`. */
function before(a: Entry, b: Entry): boolean {
    if (a.priority !== b.priority) {
        return a.priority < b.priority;
    }
    if (a.due !== b.due) {
        return a.due < b.due;
    }
    if (a.receivedAt !== b.receivedAt) {
        return a.receivedAt < b.receivedAt;
    }
    return a.seq < b.seq;
}

/**
 * Keys waiting by rank, each at most once, over a binary heap: put and take are O(log n) however
 * many wait. A key put again with another rank (its job's priority changed while it waited) moves:
 * its old heap entry is left to be dropped when it surfaces, and the heap is rebuilt when such
 * entries outnumber the live ones.
 */
export class RankedQueue {
    protected readonly heap: Entry[] = [];
    /** The live entry of each waiting key. */
    protected readonly live = new Map<string, Entry>();
    protected seq = 0;

    get size(): number {
        return this.live.size;
    }

    has(key: string): boolean {
        return this.live.has(key);
    }

    /** Adds `key` with `rank`, or moves it to `rank` when it already waits (keeping its place among equals). */
    put(key: string, rank: WorkRank): void {
        const current = this.live.get(key);
        const due = rank.due ?? Infinity;
        if (current && current.priority === rank.priority && current.due === due && current.receivedAt === rank.receivedAt) {
            return;
        }
        const entry: Entry = { key, priority: rank.priority, due, receivedAt: rank.receivedAt, seq: current?.seq ?? this.seq++ };
        this.live.set(key, entry);
        this.push(entry);
        if (this.heap.length > 2 * this.live.size + 1024) {
            this.rebuild();
        }
    }

    /** Removes and returns the key to take first, or undefined when none waits. */
    take(): string | undefined {
        while (this.heap.length) {
            const entry = this.pop();
            if (this.live.get(entry.key) === entry) {
                this.live.delete(entry.key);
                if (!this.live.size) {
                    // Entries of keys that moved and were taken at their new rank: nothing to keep.
                    this.heap.length = 0;
                }
                return entry.key;
            }
        }
        return undefined;
    }

    /** Takes `key` out of the queue; its heap entry is dropped when it surfaces. */
    remove(key: string): void {
        this.live.delete(key);
        if (!this.live.size) {
            this.heap.length = 0;
        }
    }

    keys(): IterableIterator<string> {
        return this.live.keys();
    }

    clear(): void {
        this.heap.length = 0;
        this.live.clear();
    }

    protected rebuild(): void {
        this.heap.length = 0;
        for (const entry of this.live.values()) {
            this.push(entry);
        }
    }

    protected push(entry: Entry): void {
        const heap = this.heap;
        let child = heap.length;
        heap.push(entry);
        while (child > 0) {
            const parent = (child - 1) >> 1;
            if (!before(entry, heap[parent])) {
                break;
            }
            heap[child] = heap[parent];
            child = parent;
        }
        heap[child] = entry;
    }

    /** Called only on a heap that is not empty. */
    protected pop(): Entry {
        const heap = this.heap;
        const top = heap[0];
        const last = heap.pop()!;
        const length = heap.length;
        if (length) {
            let parent = 0;
            for (; ;) {
                const left = 2 * parent + 1;
                if (left >= length) {
                    break;
                }
                const right = left + 1;
                const child = right < length && before(heap[right], heap[left]) ? right : left;
                if (!before(heap[child], last)) {
                    break;
                }
                heap[parent] = heap[child];
                parent = child;
            }
            heap[parent] = last;
        }
        return top;
    }
}
