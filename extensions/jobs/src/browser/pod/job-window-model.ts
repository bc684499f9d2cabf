import { Emitter, Event } from '@theia/core/lib/common/event';
import type { JobListItem, JobQuery, JobWindow, JobWindowRequest } from '../../common/job-query';
import type { JobWindowUpdate, LiveJobWindowRequest } from '../../common/jobs-protocol';

/** How many items to fetch beyond the visible range on each side, so short scrolls find rows loaded. */
export const OVERSCAN = 40;
/** The most items one window request asks for (the protocol allows 1000). */
export const MAX_WINDOW = 400;
/** How far from the visible range loaded items are kept; further ones are dropped, so memory stays flat. */
export const KEEP_AROUND = 1000;
/** How long a row that left the list fades before the list closes over it (matches the CSS). */
export const FADE_MS = 600;
/** How long scrolling rests before the backend is told the window the user now sees. */
export const REWATCH_DELAY_MS = 150;

export type FetchWindow = (request: JobWindowRequest) => Promise<JobWindow>;
/** Asks the backend for a window and to keep telling what changes in it (LiveJobWindowService.watch). */
export type WatchWindow = (request: LiveJobWindowRequest) => Promise<JobWindow>;

/**
 * The pod's list as far as it is loaded: items cached by index around what the user sees, the total
 * that gives the scroll height, and the rows kept fresh by the backend, which watches the window
 * around what the user sees and sends it when what it shows changed. The backend sorts, groups
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
    /** Numbers the windows watched: updates of an earlier one are dropped. */
    protected watches = 0;
    /** The span the backend watches, once a window was watched. */
    protected watched: { offset: number, limit: number } | undefined;
    protected rewatchTimer: ReturnType<typeof setTimeout> | undefined;

    total = 0;
    matchingJobs = 0;
    allJobs = 0;
    /** Jobs whose order number only looks like the text filter (hidden characters). */
    lookAlikes = 0;
    loaded = false;
    error: string | undefined;

    protected readonly onDidChangeEmitter = new Emitter<void>();
    readonly onDidChange: Event<void> = this.onDidChangeEmitter.event;

    /**
     * `setTimer` wraps `setTimeout`: Chromium refuses a `setTimeout` called as a method of another
     * object. Without `watchWindow` windows are fetched again only when asked to (`refresh`).
     */
    constructor(protected readonly fetchWindow: FetchWindow, protected query: JobQuery,
        protected readonly setTimer: (handler: () => void, ms: number) => ReturnType<typeof setTimeout> = (handler, ms) => setTimeout(handler, ms),
        protected readonly watchWindow: WatchWindow = request => fetchWindow(request)) { }

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
        if (this.watched && (start < this.watched.offset || end >= this.watched.offset + this.watched.limit)) {
            this.rewatchSoon();
        }
        if (missingFrom !== undefined || !this.loaded) {
            await this.load(this.windowAround(missingFrom ?? start, missingTo), false);
        }
    }

    /** Fetches the window around what the user sees again and has the backend watch it, keeping the place. */
    async refresh(): Promise<void> {
        await this.load(this.windowAround(this.range.start, this.range.end), true);
    }

    /** The user scrolled out of the watched window: once scrolling rests, the backend watches the new one. */
    protected rewatchSoon(): void {
        clearTimeout(this.rewatchTimer);
        this.rewatchTimer = this.setTimer(() => {
            this.rewatchTimer = undefined;
            this.refresh();
        }, REWATCH_DELAY_MS);
    }

    /**
     * The watched window changed on the backend: its items replace what is loaded (jobs that left
     * the list fade out first), or only the counts and the scroll height change.
     */
    applyUpdate(update: JobWindowUpdate): void {
        if (update.watch !== this.watches) {
            return;
        }
        // An older answer still fading in must not overwrite this one.
        const refresh = ++this.refreshes;
        const generation = this.generation;
        const { items, left: _left, watch: _watch, ...counts } = update;
        if (!items) {
            this.merge({ ...counts, items: [] }, false);
            return;
        }
        const window: JobWindow = { ...counts, items };
        const leaving = this.visibleJobs(update.left);
        if (leaving.length) {
            this.fadeThen(leaving, () => generation === this.generation && refresh === this.refreshes && this.merge(window, true));
        } else {
            this.merge(window, true);
        }
    }

    protected windowAround(start: number, end: number): { offset: number, limit: number } {
        const offset = Math.max(0, start - OVERSCAN);
        const limit = Math.min(MAX_WINDOW, Math.max(end - start + 1, 1) + 2 * OVERSCAN);
        return { offset, limit };
    }

    /**
     * Fetches one window. `replace` drops every other loaded item (positions may have moved) and has
     * the backend watch this window from now on.
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
        try {
            const request = { query: this.query, offset: window.offset, limit: window.limit };
            const result = replace ? await this.watch(request) : await this.fetchWindow(request);
            if (!current()) {
                return;
            }
            this.error = undefined;
            this.merge(result, replace);
        } catch (error) {
            this.error = error instanceof Error ? error.message : String(error);
            this.onDidChangeEmitter.fire();
        } finally {
            this.pending.delete(key);
        }
    }

    protected watch(request: JobWindowRequest): Promise<JobWindow> {
        const watch = ++this.watches;
        this.watched = { offset: request.offset, limit: request.limit };
        return this.watchWindow({ ...request, watch });
    }

    /** Those of these jobs that are shown in the visible range. */
    protected visibleJobs(jobIds: readonly string[]): string[] {
        if (!jobIds.length) {
            return [];
        }
        const wanted = new Set(jobIds);
        const visible: string[] = [];
        for (const [index, item] of this.items) {
            if (index >= this.range.start && index <= this.range.end && item.kind === 'job' && wanted.has(item.row.id)) {
                visible.push(item.row.id);
            }
        }
        return visible;
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
        clearTimeout(this.rewatchTimer);
        this.onDidChangeEmitter.dispose();
    }
}
