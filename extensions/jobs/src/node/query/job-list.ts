import type { CheckedJobQuery, JobGroupItem, JobListItem } from '../../common/job-query';
import type { JobGroupField } from '../../common/job-row';
import type { IndexedJob } from './indexed-job';
import { groupKeyComparator, lowerBound } from './job-ordering';
import { SortedJobs } from './sorted-jobs';
import { WAITING_FOR_CLOSEOUT } from '@presswork/platform/lib/common/job-status';

interface JobGroup {
    readonly key: string;
    jobCount: number;
    waitingForCloseout: number;
}

type JobTest = (job: IndexedJob) => boolean;

/**
 * A query's filters: the text (lower-case, empty for none) and a test of the facets (undefined for
 * none). A schedule facet is read as of `now`: `staleAt` is when a job it tested next turns at risk
 * or overdue (the filter then reads otherwise and is made again), Infinity when none will.
 */
export interface JobFilter {
    readonly text: string;
    readonly facets: JobTest | undefined;
    readonly staleAt: () => number;
}

export function filterOf(query: Pick<CheckedJobQuery, 'text' | 'facets'>, now = Date.now()): JobFilter {
    const { state, phase, workflowId, connectionId, schedule } = query.facets;
    const tests: JobTest[] = [];
    const facet = <T>(values: readonly T[] | undefined, valueOf: (job: IndexedJob) => T | undefined): void => {
        if (values && values.length) {
            const allowed = new Set<T | undefined>(values);
            tests.push(job => allowed.has(valueOf(job)));
        }
    };
    facet(state, job => job.row.state);
    facet(phase, job => job.row.phase);
    facet(workflowId, job => job.row.workflowId);
    facet(connectionId, job => job.row.connectionId);
    let staleAt = Infinity;
    if (schedule?.length) {
        const fromOf = schedule.includes('atRisk') ? (job: IndexedJob) => job.risk.atRiskFrom : (job: IndexedJob) => job.risk.overdueFrom;
        tests.push(job => {
            const from = fromOf(job);
            if (from !== undefined && from > now) {
                staleAt = Math.min(staleAt, from);
            }
            return from !== undefined && from <= now;
        });
    }
    // One facet (the common case) skips the loop: this runs once per job on every new query.
    const facets = tests.length <= 1 ? tests[0] : (job: IndexedJob) => tests.every(test => test(job));
    return { text: query.text.trim().toLowerCase(), facets, staleAt: () => staleAt };
}

export function groupKeyOf(field: JobGroupField, job: IndexedJob): string {
    return job.row[field] ?? '';
}

/**
 * The jobs that pass a query's filters in its order, split into groups when it groups. It is
 * filtered once and then kept up to date as jobs change; windows are cut per request (collapsed
 * groups are the user's moment, not the list's).
 */
export class JobList {
    protected constructor(
        protected readonly sorted: SortedJobs,
        protected readonly filter: JobFilter,
        protected readonly grouping: Grouping | undefined
    ) { }

    /** One pass over all jobs in the query's sort order (group field first when it groups). */
    static of(all: SortedJobs, query: Pick<CheckedJobQuery, 'text' | 'facets' | 'groupBy'>, now = Date.now()): JobList {
        const filter = filterOf(query, now);
        const jobs = all.select(filter.text, filter.facets);
        const grouping = query.groupBy ? new Grouping(query.groupBy, all.spec[0].direction, jobs) : undefined;
        return new JobList(new SortedJobs(all.spec, jobs, true), filter, grouping);
    }

    get jobs(): readonly IndexedJob[] {
        return this.sorted.jobs;
    }

    /** The list's jobs in order, as a source to filter further. */
    get sortedJobs(): SortedJobs {
        return this.sorted;
    }

    /** A job came (no `previous`), changed, or went (no `next`). */
    apply(previous: IndexedJob | undefined, next: IndexedJob | undefined): void {
        const had = !!previous && this.passes(previous);
        const has = !!next && this.passes(next);
        if (had && has) {
            this.sorted.replace(previous, next);
        } else if (had) {
            this.sorted.remove(previous);
        } else if (has) {
            this.sorted.insert(next);
        }
        if (had) {
            this.grouping?.count(previous, -1);
        }
        if (has) {
            this.grouping?.count(next, 1);
        }
    }

    /** When the list no longer holds what its filters say (a job turned at risk): it is then made again. */
    get staleAt(): number {
        return this.filter.staleAt();
    }

    /**
     * Items from `offset`: group headers count as items; jobs of collapsed groups are left out.
     * Rows read as of `now` (at risk, overdue).
     */
    window(offset: number, limit: number, collapsed: ReadonlySet<string>, now = Date.now()): { items: JobListItem[], total: number } {
        const jobs = this.sorted.jobs;
        if (!this.grouping) {
            const items = jobs.slice(offset, offset + limit).map((job): JobListItem => ({ kind: 'job', row: job.rowAt(now) }));
            return { items, total: jobs.length };
        }
        const items: JobListItem[] = [];
        let position = 0;
        let start = 0;
        for (const group of this.grouping.groups) {
            const isCollapsed = collapsed.has(group.key);
            const size = 1 + (isCollapsed ? 0 : group.jobCount);
            if (items.length < limit && position + size > offset) {
                if (position >= offset) {
                    items.push(headerOf(group, isCollapsed));
                }
                const from = Math.max(0, offset - position - 1);
                const to = Math.min(size - 1, from + limit - items.length);
                for (let index = from; index < to; index++) {
                    items.push({ kind: 'job', row: jobs[start + index].rowAt(now), group: group.key });
                }
            }
            position += size;
            start += group.jobCount;
        }
        return { items, total: position };
    }

    /** Whether the job passes the list's filters (it is in the list when it exists). */
    passes(job: IndexedJob): boolean {
        const { text, facets } = this.filter;
        return (!text || job.search.includes(text)) && (!facets || facets(job));
    }
}

/**
 * The groups of a list in the order of its jobs, with their counts, kept as jobs change: a change
 * costs a lookup (and a binary search when a group comes or goes), never a pass over the jobs.
 */
class Grouping {
    readonly groups: JobGroup[] = [];
    protected readonly byKey = new Map<string, JobGroup>();
    protected readonly compareKeys: (a: string, b: string) => number;

    /** `jobs` are sorted by the group field first, so each group is one run. */
    constructor(protected readonly field: JobGroupField, direction: 'asc' | 'desc', jobs: readonly IndexedJob[]) {
        this.compareKeys = groupKeyComparator(direction);
        let group: JobGroup | undefined;
        for (const job of jobs) {
            const key = groupKeyOf(field, job);
            if (group?.key !== key) {
                group = { key, jobCount: 0, waitingForCloseout: 0 };
                this.groups.push(group);
                this.byKey.set(key, group);
            }
            group.jobCount++;
            if (job.row.state === WAITING_FOR_CLOSEOUT) {
                group.waitingForCloseout++;
            }
        }
    }

    count(job: IndexedJob, by: 1 | -1): void {
        const key = groupKeyOf(this.field, job);
        let group = this.byKey.get(key);
        if (!group) {
            group = { key, jobCount: 0, waitingForCloseout: 0 };
            this.groups.splice(this.positionOf(key), 0, group);
            this.byKey.set(key, group);
        }
        group.jobCount += by;
        if (job.row.state === WAITING_FOR_CLOSEOUT) {
            group.waitingForCloseout += by;
        }
        if (group.jobCount === 0) {
            this.groups.splice(this.positionOf(key), 1);
            this.byKey.delete(key);
        }
    }

    protected positionOf(key: string): number {
        return lowerBound(this.groups, { key, jobCount: 0, waitingForCloseout: 0 }, (a, b) => this.compareKeys(a.key, b.key));
    }
}

function headerOf(group: JobGroup, collapsed: boolean): JobGroupItem {
    return {
        kind: 'group', key: group.key, label: group.key || '(none)', jobCount: group.jobCount, waitingForCloseout: group.waitingForCloseout, collapsed
    };
}
