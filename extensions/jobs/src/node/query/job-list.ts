import type { CheckedJobQuery, JobGroupItem, JobListItem } from '../../common/job-query';
import type { JobGroupField } from '../../common/job-row';
import type { IndexedJob } from './indexed-job';
import { fieldComparator } from './job-ordering';

const WAITING_FOR_CLOSEOUT = 'Waiting for order closeout';

interface JobGroup {
    readonly key: string;
    readonly label: string;
    /** Position of the group's first job in the list's jobs. */
    readonly start: number;
    readonly jobCount: number;
    readonly waitingForCloseout: number;
}

/** Whether a job passes the query's text and facet filters; undefined when the query filters nothing. */
export function matcherOf(query: Pick<CheckedJobQuery, 'text' | 'facets'>): ((job: IndexedJob) => boolean) | undefined {
    const text = query.text.trim().toLowerCase();
    const { state, phase, workflowId, connectionId } = query.facets;
    const tests: ((job: IndexedJob) => boolean)[] = [];
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
    if (text) {
        tests.push(job => job.search.includes(text));
    }
    if (!tests.length) {
        return undefined;
    }
    return job => tests.every(test => test(job));
}

export function groupKeyOf(field: JobGroupField, job: IndexedJob): string {
    return job.row[field] ?? '';
}

/**
 * The jobs that pass a query's filters in its order, split into groups when it groups. Windows of
 * it are cut per request (collapsed groups are the user's moment, not the list's).
 */
export class JobList {
    protected constructor(readonly jobs: readonly IndexedJob[], protected readonly groups: readonly JobGroup[] | undefined) { }

    /** `sorted` is in the query's sort spec (group field first when it groups); one pass filters it. */
    static of(sorted: readonly IndexedJob[], query: Pick<CheckedJobQuery, 'text' | 'facets' | 'groupBy'>): JobList {
        const matches = matcherOf(query);
        const jobs = matches ? sorted.filter(matches) : sorted;
        return new JobList(jobs, query.groupBy ? groupsOf(jobs, query.groupBy) : undefined);
    }

    /** Items from `offset`: group headers count as items; jobs of collapsed groups are left out. */
    window(offset: number, limit: number, collapsed: ReadonlySet<string>): { items: JobListItem[], total: number } {
        if (!this.groups) {
            const items = this.jobs.slice(offset, offset + limit).map((job): JobListItem => ({ kind: 'job', row: job.row }));
            return { items, total: this.jobs.length };
        }
        const items: JobListItem[] = [];
        let position = 0;
        for (const group of this.groups) {
            const isCollapsed = collapsed.has(group.key);
            const size = 1 + (isCollapsed ? 0 : group.jobCount);
            if (items.length < limit && position + size > offset) {
                if (position >= offset) {
                    items.push(headerOf(group, isCollapsed));
                }
                const from = Math.max(0, offset - position - 1);
                const to = Math.min(size - 1, from + limit - items.length);
                for (let index = from; index < to; index++) {
                    items.push({ kind: 'job', row: this.jobs[group.start + index].row, group: group.key });
                }
            }
            position += size;
        }
        return { items, total: position };
    }
}

function headerOf(group: JobGroup, collapsed: boolean): JobGroupItem {
    return { kind: 'group', key: group.key, label: group.label, jobCount: group.jobCount, waitingForCloseout: group.waitingForCloseout, collapsed };
}

/** Runs of jobs with the same group value (the list is sorted by the group field first). */
function groupsOf(jobs: readonly IndexedJob[], field: JobGroupField): JobGroup[] {
    const groups: JobGroup[] = [];
    const sameGroup = fieldComparator(field);
    let start = 0;
    while (start < jobs.length) {
        let end = start;
        let waiting = 0;
        while (end < jobs.length && (end === start || sameGroup(jobs[start], jobs[end]) === 0)) {
            if (jobs[end].row.state === WAITING_FOR_CLOSEOUT) {
                waiting++;
            }
            end++;
        }
        const key = groupKeyOf(field, jobs[start]);
        groups.push({ key, label: key || '(none)', start, jobCount: end - start, waitingForCloseout: waiting });
        start = end;
    }
    return groups;
}
