import { Emitter, Event } from '@theia/core/lib/common/event';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import type { JobListItem, JobQuery, JobWindow, JobWindowRequest } from '../../common/job-query';

/** How many items to fetch beyond the visible range on each side, so short scrolls find rows loaded. */
export const OVERSCAN = 40;
/** The most items one window request asks for (the protocol allows 1000). */
export const MAX_WINDOW = 400;
/** How far from the visible range loaded items are kept; further ones are dropped, so memory stays flat. */
export const KEEP_AROUND = 1000;
/** How long a row that left the list fades before the list closes over it (matches the CSS). */
export const FADE_MS = 600;

export type FetchWindow = (request: JobWindowRequest) => Promise<JobWindow>;

/**
 * The pod's list as far as it is loaded: items cached by index around what the user sees, the total
 * that gives the scroll height, and the rows kept fresh by the live feed. The backend sorts, groups
 * and filters; this model only asks for windows and merges what arrives.
 */
export class JobWindowModel {
    protected items = new Map<number, JobListItem>();
    protected range = { start: 0, end: 0 };
    protected generation = 0;
    /** Counts refreshes, so an older refresh that answers late never overwrites a newer one. */
    protected refreshes = 0;
    protected pending = new Set<string>();
    protected fading = new Set<string>();
    protected fadeTimer: ReturnType<typeof setTimeout> | undefined;
    /** Jobs the feed changed since the last refresh: if they leave the list, they fade out. */
    protected changedSinceRefresh = new Set<string>();

    total = 0;
    matchingJobs = 0;
    allJobs = 0;
    /** Jobs whose order number only looks like the text filter (hidden characters). */
    lookAlikes = 0;
    loaded = false;
    error: string | undefined;

    protected readonly onDidChangeEmitter = new Emitter<void>();
    readonly onDidChange: Event<void> = this.onDidChangeEmitter.event;

    /** `setTimer` wraps `setTimeout`: Chromium refuses a `setTimeout` called as a method of another object. */
    constructor(protected readonly fetchWindow: FetchWindow, protected query: JobQuery,
        protected readonly setTimer: (handler: () => void, ms: number) => ReturnType<typeof setTimeout> = (handler, ms) => setTimeout(handler, ms)) { }

    get currentQuery(): JobQuery {
        return this.query;
    }

    itemAt(index: number): JobListItem | undefined {
        return this.items.get(index);
    }

    isFading(jobId: string): boolean {
        return this.fading.has(jobId);
    }

    /** The loaded rows, by index, for range selection and for keeping the selection fresh. */
    loadedItems(): IterableIterator<[number, JobListItem]> {
        return this.items.entries();
    }

    indexOfJob(jobId: string): number | undefined {
        for (const [index, item] of this.items) {
            if (item.kind === 'job' && item.row.id === jobId) {
                return index;
            }
        }
        return undefined;
    }

    /** A new query: the loaded items no longer apply. */
    async setQuery(query: JobQuery): Promise<void> {
        this.query = query;
        this.generation++;
        this.items.clear();
        this.pending.clear();
        this.changedSinceRefresh.clear();
        await this.load(this.windowAround(this.range.start, this.range.end), true);
    }

    /** The user scrolled: fetch what the new range lacks. */
    async setRange(start: number, end: number): Promise<void> {
        this.range = { start, end };
        let missingFrom: number | undefined;
        let missingTo = start;
        const last = Math.min(end, Math.max(this.total - 1, 0));
        for (let index = start; index <= last; index++) {
            if (!this.items.has(index)) {
                missingFrom ??= index;
                missingTo = index;
            }
        }
        if (missingFrom !== undefined || !this.loaded) {
            await this.load(this.windowAround(missingFrom ?? start, missingTo), false);
        }
    }

    /** Fetches the window around what the user sees again (after live changes), keeping the place. */
    async refresh(): Promise<void> {
        await this.load(this.windowAround(this.range.start, this.range.end), true);
    }

    /**
     * What the feed says about some orders: loaded rows of their jobs are replaced at once; loaded
     * jobs of these orders that are no longer among the rows (the order was deleted or lost the job)
     * are noted, so they fade out when the refresh drops them.
     */
    applyOrders(orderIds: readonly string[], rows: readonly JobRow[], orderIdsWithoutRows: readonly string[] = []): void {
        const byId = new Map(rows.map(row => [row.id, row]));
        const touched = new Set(orderIds);
        for (const id of orderIdsWithoutRows) {
            touched.add(id);
        }
        for (const row of rows) {
            this.changedSinceRefresh.add(row.id);
        }
        let changed = false;
        for (const [index, item] of this.items) {
            if (item.kind !== 'job' || !touched.has(item.row.orderId)) {
                continue;
            }
            const fresh = byId.get(item.row.id);
            if (!fresh) {
                this.changedSinceRefresh.add(item.row.id);
            } else if (fresh.orderVersion >= item.row.orderVersion && fresh !== item.row) {
                this.items.set(index, { ...item, row: fresh });
                changed = true;
            }
        }
        if (changed) {
            this.onDidChangeEmitter.fire();
        }
    }

    protected windowAround(start: number, end: number): { offset: number, limit: number } {
        const offset = Math.max(0, start - OVERSCAN);
        const limit = Math.min(MAX_WINDOW, Math.max(end - start + 1, 1) + 2 * OVERSCAN);
        return { offset, limit };
    }

    /**
     * Fetches one window. `replace` drops every other loaded item (positions may have moved); rows
     * the feed changed that are no longer in the list fade out first.
     */
    protected async load(window: { offset: number, limit: number }, replace: boolean): Promise<void> {
        const key = `${this.generation}:${window.offset}:${window.limit}:${replace}`;
        if (this.pending.has(key)) {
            return;
        }
        this.pending.add(key);
        const generation = this.generation;
        const refresh = replace ? ++this.refreshes : this.refreshes;
        const current = (): boolean => generation === this.generation && (!replace || refresh === this.refreshes);
        const changed = replace ? this.changedSinceRefresh : new Set<string>();
        if (replace) {
            this.changedSinceRefresh = new Set();
        }
        try {
            const result = await this.fetchWindow({ query: this.query, offset: window.offset, limit: window.limit });
            if (!current()) {
                return;
            }
            this.error = undefined;
            const leaving = replace ? this.leavingJobs(result, changed) : [];
            if (leaving.length) {
                this.fadeThen(leaving, () => current() && this.merge(result, replace));
            } else {
                this.merge(result, replace);
            }
        } catch (error) {
            this.error = error instanceof Error ? error.message : String(error);
            this.onDidChangeEmitter.fire();
        } finally {
            this.pending.delete(key);
        }
    }

    /** Jobs the feed changed that were shown in this window's span and are not in the new window. */
    protected leavingJobs(result: JobWindow, changed: ReadonlySet<string>): string[] {
        if (!changed.size) {
            return [];
        }
        const present = new Set(result.items.flatMap(item => item.kind === 'job' ? [item.row.id] : []));
        const leaving: string[] = [];
        for (const [index, item] of this.items) {
            if (index >= this.range.start && index <= this.range.end && item.kind === 'job' && changed.has(item.row.id) && !present.has(item.row.id)) {
                leaving.push(item.row.id);
            }
        }
        return leaving;
    }

    protected fadeThen(jobIds: readonly string[], then: () => unknown): void {
        for (const id of jobIds) {
            this.fading.add(id);
        }
        this.onDidChangeEmitter.fire();
        clearTimeout(this.fadeTimer);
        this.fadeTimer = this.setTimer(() => {
            this.fading.clear();
            then();
            this.onDidChangeEmitter.fire();
        }, FADE_MS);
    }

    protected merge(result: JobWindow, replace: boolean): void {
        if (replace) {
            this.items = new Map();
        }
        result.items.forEach((item, position) => this.items.set(result.offset + position, item));
        const keepFrom = this.range.start - KEEP_AROUND;
        const keepTo = this.range.end + KEEP_AROUND;
        for (const index of [...this.items.keys()]) {
            if (index >= result.total || index < keepFrom || index > keepTo) {
                this.items.delete(index);
            }
        }
        this.total = result.total;
        this.matchingJobs = result.matchingJobs;
        this.allJobs = result.allJobs;
        this.lookAlikes = result.lookAlikes;
        this.loaded = true;
        this.onDidChangeEmitter.fire();
    }

    dispose(): void {
        clearTimeout(this.fadeTimer);
        this.onDidChangeEmitter.dispose();
    }
}
