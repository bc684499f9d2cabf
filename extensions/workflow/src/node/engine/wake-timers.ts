/** setTimeout cannot wait longer than this; longer waits are re-armed when it fires. */
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

interface Wake {
    readonly at: number;
    readonly key: string;
}

/**
 * Wakes keys (job ids) at their times with a single timer over a min-heap, however many jobs wait
 * (every retained job has a time). Re-scheduling or cancelling a key leaves its old heap entry to
 * be dropped when it surfaces, so both are O(log n).
 */
export class WakeTimers {
    protected readonly due = new Map<string, number>();
    protected readonly heap: Wake[] = [];
    protected timer: ReturnType<typeof setTimeout> | undefined;
    protected timerAt = Infinity;

    constructor(protected readonly wake: (key: string) => void) { }

    /** Wakes `key` at `at` (milliseconds since the epoch), replacing an earlier time for it. */
    schedule(key: string, at: number): void {
        this.due.set(key, at);
        this.push({ at, key });
        if (this.heap.length > 2 * this.due.size + 1024) {
            this.rebuild();
        }
        this.arm();
    }

    cancel(key: string): void {
        this.due.delete(key);
    }

    has(key: string): boolean {
        return this.due.has(key);
    }

    /** When `key` wakes, or undefined when it has no time. */
    dueAt(key: string): number | undefined {
        return this.due.get(key);
    }

    keys(): string[] {
        return [...this.due.keys()];
    }

    get size(): number {
        return this.due.size;
    }

    clear(): void {
        this.due.clear();
        this.heap.length = 0;
        this.disarm();
    }

    protected fire(): void {
        this.timer = undefined;
        this.timerAt = Infinity;
        const now = Date.now();
        const woken: string[] = [];
        while (this.heap.length && this.heap[0].at <= now) {
            const { at, key } = this.pop()!;
            if (this.due.get(key) === at) {
                this.due.delete(key);
                woken.push(key);
            }
        }
        this.arm();
        woken.forEach(key => this.wake(key));
    }

    protected arm(): void {
        while (this.heap.length && this.due.get(this.heap[0].key) !== this.heap[0].at) {
            this.pop();
        }
        const next = this.heap[0];
        if (!next) {
            this.disarm();
            return;
        }
        if (next.at === this.timerAt && this.timer) {
            return;
        }
        this.disarm();
        this.timerAt = next.at;
        this.timer = setTimeout(() => this.fire(), Math.min(Math.max(next.at - Date.now(), 0), LONGEST_TIMEOUT_MS));
        // Waiting jobs alone must not keep a process (a test, a tool) alive.
        this.timer.unref?.();
    }

    protected disarm(): void {
        if (this.timer) {
            clearTimeout(this.timer);
        }
        this.timer = undefined;
        this.timerAt = Infinity;
    }

    protected rebuild(): void {
        this.heap.length = 0;
        for (const [key, at] of this.due) {
            this.push({ at, key });
        }
    }

    protected push(wake: Wake): void {
        const heap = this.heap;
        heap.push(wake);
        for (let child = heap.length - 1; child > 0;) {
            const parent = (child - 1) >> 1;
            if (heap[parent].at <= heap[child].at) {
                break;
            }
            [heap[parent], heap[child]] = [heap[child], heap[parent]];
            child = parent;
        }
    }

    protected pop(): Wake | undefined {
        const heap = this.heap;
        const top = heap[0];
        const last = heap.pop();
        if (heap.length && last) {
            heap[0] = last;
            for (let parent = 0; ;) {
                const left = 2 * parent + 1;
                const right = left + 1;
                let smallest = parent;
                if (left < heap.length && heap[left].at < heap[smallest].at) {
                    smallest = left;
                }
                if (right < heap.length && heap[right].at < heap[smallest].at) {
                    smallest = right;
                }
                if (smallest === parent) {
                    break;
                }
                [heap[parent], heap[smallest]] = [heap[smallest], heap[parent]];
                parent = smallest;
            }
        }
        return top;
    }
}
