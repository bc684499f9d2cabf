import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { Emitter, Event } from '@theia/core/lib/common/event';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import { scheduleRiskTimes } from '@presswork/platform/lib/common/job-priority';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { DocumentChange } from '@presswork/platform/lib/common/store-protocol';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { ActivityRegistry } from '@presswork/platform/lib/common/activity-registry';
import { activityLabelOf } from '@presswork/platform/lib/common/activity-words';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { CheckedJobQuery, JobQuerySchema, JobWindowRequestSchema } from '../../common/job-query';
import type { JobCounts, JobWindow, JobWindowRequest } from '../../common/job-query';
import type { JobRow } from '../../common/job-row';
import { IndexedJob, jobRowsOf } from './indexed-job';
import { JobList } from './job-list';
import { LookAlikeOrderNumbers } from './look-alike-order-numbers';
import { SortSpec, sortSpecKey, sortSpecOf, upperBound } from './job-ordering';
import { SortedJobs } from './sorted-jobs';
import { RiskClock } from './risk-clock';
import { WAITING_FOR_BATCH, WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';
import { closedOutElsewhere } from '@presswork/platform/lib/common/ship-to';

/** Sort orders kept sorted at once; the least recently used is dropped beyond this. */
const SORT_ORDERS_KEPT = 8;
/** Filtered lists kept (and maintained), for pods scrolling through the same queries as jobs change. */
const LISTS_KEPT = 8;

/** A list kept with what it was made from: its sort order, facets and text. */
interface CachedList {
    readonly spec: string;
    readonly facets: string;
    readonly text: string;
    readonly list: JobList;
}

/**
 * Every job of the store as a row, in memory, kept in step with committed changes: what the All
 * Jobs pod and the read API query. Each sort order in use is kept sorted and maintained as jobs
 * change, so a query costs one filtering pass and a slice, never a sort.
 */
@injectable()
export class JobRowIndex implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ILogger) @named('jobs:JobRowIndex') protected readonly logger: ILogger;
    @inject(ActivityRegistry) @optional() protected readonly activities: ActivityRegistry | undefined;

    protected readonly jobs = new Map<string, IndexedJob>();
    protected readonly jobIdsByOrder = new Map<string, readonly string[]>();
    protected readonly workflowNames = new Map<string, string>();
    protected readonly stateCounts = new Map<JobState, number>();
    protected readonly sortOrders = new Map<string, SortedJobs>();
    protected readonly lists = new Map<string, CachedList>();
    protected readonly lookAlikes = new LookAlikeOrderNumbers();
    /** The open orders shipping to several addresses: they are closed out in MarcomCentral. */
    protected readonly ordersClosedOutElsewhere = new Set<string>();
    protected loading: Promise<void> | undefined;
    protected loaded = false;
    protected announcing = false;
    /** Jobs turn at risk and overdue as time passes: pods and counts hear of it as of a change. */
    protected readonly riskClock = new RiskClock(() => this.jobs.values(), () => this.announce());
    protected readonly onDidChangeJobsEmitter = new Emitter<void>();
    /** Jobs changed: fired once per turn of the event loop, after the index took every change of the turn. */
    readonly onDidChangeJobs: Event<void> = this.onDidChangeJobsEmitter.event;

    initialize(): void {
        this.store.onDidChange(change => this.apply(change));
        this.whenReady().catch(error => this.logger.error('the job index could not be built', error));
    }

    onStop(): void {
        this.riskClock.dispose();
    }

    /** Resolves once every job of the store is in the index. */
    whenReady(): Promise<void> {
        this.loading ??= this.load();
        return this.loading;
    }

    get size(): number {
        return this.jobs.size;
    }

    /** The rows of an order's jobs as the index shows them (workflow names and activity labels resolved), as of now. */
    rowsOf(order: Order): JobRow[] {
        const now = Date.now();
        return this.indexedJobsOf(order).map(job => job.rowAt(now));
    }

    /** The indexed rows of one order's jobs, in the order's own order, as of now. */
    rowsOfOrder(orderId: string): JobRow[] {
        const now = Date.now();
        return (this.jobIdsByOrder.get(orderId) ?? []).map(id => this.jobs.get(id)?.rowAt(now)).filter((row): row is JobRow => !!row);
    }

    protected indexedJobsOf(order: Order): IndexedJob[] {
        const rows = jobRowsOf(order, id => this.workflowNames.get(id), type => activityLabelOf(type, this.activities));
        return rows.map((row, index) => new IndexedJob(row, scheduleRiskTimes(order.jobs[index])));
    }

    workflowNameOf(id: string): string | undefined {
        return this.workflowNames.get(id);
    }

    counts(): JobCounts {
        return {
            error: this.stateCounts.get('Error') ?? 0,
            waitingForCloseout: this.stateCounts.get(WAITING_FOR_CLOSEOUT) ?? 0,
            waitingForBatch: this.stateCounts.get(WAITING_FOR_BATCH) ?? 0,
            atRisk: this.riskClock.atRisk(Date.now()),
            closeOutInMarcomCentral: this.ordersClosedOutElsewhere.size,
            all: this.jobs.size
        };
    }

    /** Whether the job exists and passes the query's filters. */
    matches(query: Omit<CheckedJobQuery, 'collapsed'>, jobId: string): boolean {
        const job = this.jobs.get(jobId);
        return !!job && this.list(query).passes(job);
    }

    /** A window of the sorted, grouped, filtered list of jobs. */
    window(request: JobWindowRequest): JobWindow {
        const { query, offset, limit } = JobWindowRequestSchema.parse(request);
        const now = Date.now();
        const list = this.list(query, now);
        const { items, total } = list.window(offset, limit, new Set(query.collapsed), now);
        return { offset, items, total, matchingJobs: list.jobs.length, allJobs: this.jobs.size, lookAlikes: this.lookAlikes.count(query.text) };
    }

    /**
     * Up to `limit` jobs that come after `after` (the last job of the previous page, or a row with
     * just its sorted fields and id) in the query's order, ungrouped: keyset paging, so jobs added
     * or removed meanwhile never make a page repeat or skip one.
     */
    pageAfter(query: Omit<CheckedJobQuery, 'collapsed' | 'groupBy'>, after: Partial<JobRow> & { id: string } | undefined, limit: number): { rows: JobRow[], more: boolean } {
        const now = Date.now();
        const list = this.list(query, now);
        const start = after ? upperBound(list.jobs, new IndexedJob(after as JobRow), this.sorted(sortSpecOf(query)).compare) : 0;
        return { rows: list.jobs.slice(start, start + limit).map(job => job.rowAt(now)), more: start + limit < list.jobs.length };
    }

    /**
     * The jobs passing the query's filters in its order (grouped when it groups), kept up to date
     * while it is asked for; made again once time has turned a job at risk that its filter tested.
     */
    list(query: Omit<CheckedJobQuery, 'collapsed'>, now = Date.now()): JobList {
        const spec = sortSpecOf(query);
        const cached: Omit<CachedList, 'list'> = { spec: sortSpecKey(spec), facets: JSON.stringify(query.facets), text: query.text.trim().toLowerCase() };
        const key = JSON.stringify([cached.spec, query.groupBy ?? '', cached.text, cached.facets]);
        let entry = this.lists.get(key);
        if (entry) {
            this.lists.delete(key);
        }
        if (entry && entry.list.staleAt <= now) {
            entry = undefined;
        }
        if (!entry) {
            entry = { ...cached, list: JobList.of(this.narrowestSource(cached, now) ?? this.sorted(spec), query, now) };
            if (this.lists.size >= LISTS_KEPT) {
                this.lists.delete(this.lists.keys().next().value!);
            }
        }
        this.lists.set(key, entry);
        return entry.list;
    }

    /**
     * A kept list in the same order and facets whose text is part of the new one: someone typing
     * in the filter box narrows the previous matches instead of reading every job again.
     */
    protected narrowestSource(wanted: Omit<CachedList, 'list'>, now: number): SortedJobs | undefined {
        let best: CachedList | undefined;
        for (const entry of this.lists.values()) {
            if (entry.list.staleAt > now && entry.spec === wanted.spec && entry.facets === wanted.facets && entry.text && wanted.text.includes(entry.text)
                && (!best || entry.list.jobs.length < best.list.jobs.length)) {
                best = entry;
            }
        }
        return best?.list.sortedJobs;
    }

    /** All jobs in this order, sorted now if no query asked for it lately. */
    sorted(spec: SortSpec): SortedJobs {
        const key = sortSpecKey(spec);
        let sorted = this.sortOrders.get(key);
        if (sorted) {
            this.sortOrders.delete(key);
        } else {
            sorted = new SortedJobs(spec, [...this.jobs.values()]);
            if (this.sortOrders.size >= SORT_ORDERS_KEPT) {
                this.sortOrders.delete(this.sortOrders.keys().next().value!);
            }
        }
        this.sortOrders.set(key, sorted);
        return sorted;
    }

    protected async load(): Promise<void> {
        await this.store.ready;
        for (const workflow of this.store.all(WorkflowsCollection)) {
            this.workflowNames.set(workflow.id, workflow.name);
        }
        // Jobs made in the order they were received sit together in memory in the pod's default
        // order (newest first): a text filter's pass over all jobs then reads memory in sequence.
        const orders = [...this.store.all(OrdersCollection)].map(order => ({ order, at: Date.parse(order.receivedAt) || 0 }));
        orders.sort((a, b) => a.at - b.at);
        for (const { order } of orders) {
            this.putOrder(order);
        }
        this.loaded = true;
        // The pod opens on its default order: have it sorted before the first browser asks.
        this.sorted(sortSpecOf(JobQuerySchema.parse({})));
        this.logger.info(`job index holds ${this.jobs.size} jobs`);
    }

    protected apply(change: DocumentChange): void {
        // Changes before the load are in what the load reads.
        if (!this.loaded) {
            return;
        }
        if (change.collection === OrdersCollection.name) {
            if (change.document) {
                this.putOrder(change.document as Order);
            } else {
                this.removeOrder(change.id);
            }
        } else if (change.collection === WorkflowsCollection.name) {
            this.renameWorkflow(change.id, (change.document as Workflow | undefined)?.name);
        } else {
            return;
        }
        this.announce();
    }

    protected announce(): void {
        if (!this.announcing) {
            this.announcing = true;
            setImmediate(() => {
                this.announcing = false;
                this.onDidChangeJobsEmitter.fire();
            });
        }
    }

    protected putOrder(order: Order): void {
        const indexed = this.indexedJobsOf(order);
        const ids = new Set(indexed.map(job => job.row.id));
        for (const id of this.jobIdsByOrder.get(order.id) ?? []) {
            const job = this.jobs.get(id);
            // A job that moved to another order belongs to that order's entry now.
            if (!ids.has(id) && job && job.row.orderId === order.id) {
                this.removeJob(job);
            }
        }
        for (const next of indexed) {
            const row = next.row;
            const previous = this.jobs.get(row.id);
            this.jobs.set(row.id, next);
            this.riskClock.changed(next);
            this.count(next.row.state, 1);
            if (previous) {
                this.count(previous.row.state, -1);
                this.sortOrders.forEach(sorted => sorted.replace(previous, next));
            } else {
                this.sortOrders.forEach(sorted => sorted.insert(next));
            }
            this.lists.forEach(({ list }) => list.apply(previous, next));
            this.lookAlikes.apply(previous?.row, row);
        }
        this.jobIdsByOrder.set(order.id, [...ids]);
        if (closedOutElsewhere(order)) {
            this.ordersClosedOutElsewhere.add(order.id);
        } else {
            this.ordersClosedOutElsewhere.delete(order.id);
        }
    }

    protected removeOrder(orderId: string): void {
        for (const id of this.jobIdsByOrder.get(orderId) ?? []) {
            const job = this.jobs.get(id);
            if (job && job.row.orderId === orderId) {
                this.removeJob(job);
            }
        }
        this.jobIdsByOrder.delete(orderId);
        this.ordersClosedOutElsewhere.delete(orderId);
    }

    protected removeJob(job: IndexedJob): void {
        this.jobs.delete(job.row.id);
        this.riskClock.changed(undefined);
        this.count(job.row.state, -1);
        this.sortOrders.forEach(sorted => sorted.remove(job));
        this.lists.forEach(({ list }) => list.apply(job, undefined));
        this.lookAlikes.apply(job.row, undefined);
    }

    /** A renamed (or deleted) workflow renames the rows of its jobs; a deleted one shows its id. */
    protected renameWorkflow(workflowId: string, name: string | undefined): void {
        if (this.workflowNames.get(workflowId) === name) {
            return;
        }
        if (name === undefined) {
            this.workflowNames.delete(workflowId);
        } else {
            this.workflowNames.set(workflowId, name);
        }
        const workflowName = name ?? workflowId;
        const replacements = new Map<IndexedJob, IndexedJob>();
        for (const job of this.jobs.values()) {
            if (job.row.workflowId === workflowId && job.row.workflowName !== workflowName) {
                const next = job.withRow({ ...job.row, workflowName });
                replacements.set(job, next);
            }
        }
        for (const next of replacements.values()) {
            this.jobs.set(next.row.id, next);
        }
        if (replacements.size) {
            this.sortOrders.forEach(sorted => sorted.replaceAll(replacements, 'workflowName'));
            // Rare: lists are filtered again on their next use rather than patched job by job.
            this.lists.clear();
        }
    }

    protected count(state: JobState, by: number): void {
        this.stateCounts.set(state, (this.stateCounts.get(state) ?? 0) + by);
    }
}
