import { PHASES } from '@presswork/platform/lib/common/job-status';
import type { CheckedJobQuery, SortKey } from '../../common/job-query';
import type { JobRowField } from '../../common/job-row';
import type { IndexedJob } from './indexed-job';

export type JobComparator = (a: IndexedJob, b: IndexedJob) => number;

/** Sort keys without repeated fields: the first mention of a field decides its direction. */
export type SortSpec = readonly SortKey[];

const PHASE_RANK = new Map<string, number>(PHASES.map((phase, rank) => [phase, rank]));
/** Names sort as people read them: "PW-9" before "PW-10", "alpha" next to "Alpha". */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Missing values sort after present ones (ascending). */
function missingLast<T>(a: T | undefined, b: T | undefined, compare: (a: T, b: T) => number): number {
    if (a === undefined || b === undefined) {
        return a === undefined ? (b === undefined ? 0 : 1) : -1;
    }
    return compare(a, b);
}

const ordinal = (a: string, b: string): number => a < b ? -1 : a > b ? 1 : 0;
/** Texts that read alike ("b", "B") still differ, so jobs with the same value always sit together (groups are runs). */
const readingOrder = (a: string, b: string): number => a === b ? 0 : collator.compare(a, b) || ordinal(a, b);
const byText = (field: 'name' | 'orderNumber' | 'customer' | 'workflowName' | 'state' | 'currentActivity' | 'waitReason' | 'batchId'): JobComparator =>
    (a, b) => missingLast(a.row[field] || undefined, b.row[field] || undefined, readingOrder);
const byNumber = (value: (job: IndexedJob) => number | undefined): JobComparator =>
    (a, b) => missingLast(value(a), value(b), (x, y) => x - y);

const FIELD_COMPARATORS: Record<JobRowField, JobComparator> = {
    id: (a, b) => ordinal(a.row.id, b.row.id),
    name: byText('name'),
    orderNumber: byText('orderNumber'),
    customer: byText('customer'),
    workflowName: byText('workflowName'),
    phase: byNumber(job => PHASE_RANK.get(job.row.phase)),
    state: byText('state'),
    currentActivity: byText('currentActivity'),
    copies: byNumber(job => job.row.copies),
    due: byNumber(job => job.dueMs),
    receivedAt: byNumber(job => job.receivedAtMs),
    updatedAt: byNumber(job => job.updatedAtMs),
    waitReason: byText('waitReason'),
    priority: byNumber(job => job.row.priority),
    batchId: byText('batchId')
};

/**
 * The order a query lists jobs in: grouped queries first by the group field (in the primary sort's
 * direction when that is the group field, else ascending), then by the sort keys.
 */
export function sortSpecOf(query: Pick<CheckedJobQuery, 'sort' | 'groupBy'>): SortSpec {
    const keys: SortKey[] = [];
    if (query.groupBy) {
        const primary = query.sort[0];
        keys.push({ field: query.groupBy, direction: primary?.field === query.groupBy ? primary.direction : 'asc' });
    }
    keys.push(...query.sort);
    const seen = new Set<JobRowField>();
    return keys.filter(key => !seen.has(key.field) && !!seen.add(key.field));
}

export function sortSpecKey(spec: SortSpec): string {
    return spec.map(key => `${key.field}:${key.direction}`).join(',');
}

/**
 * Compares group keys as `comparatorOf` orders the group field (an empty key is a missing value),
 * so groups can be kept in the order of their jobs.
 */
export function groupKeyComparator(direction: 'asc' | 'desc'): (a: string, b: string) => number {
    const ascending = (a: string, b: string): number => missingLast(a || undefined, b || undefined, readingOrder);
    return direction === 'asc' ? ascending : (a, b) => ascending(b, a);
}

/** Compares by the keys, then by job id, so no two jobs compare equal and pages never overlap. */
export function comparatorOf(spec: SortSpec): JobComparator {
    const parts = spec.map(({ field, direction }) => {
        const compare = FIELD_COMPARATORS[field];
        return direction === 'asc' ? compare : (a: IndexedJob, b: IndexedJob) => compare(b, a);
    });
    const byId = FIELD_COMPARATORS.id;
    return (a, b) => {
        for (const part of parts) {
            const result = part(a, b);
            if (result !== 0) {
                return result;
            }
        }
        return byId(a, b);
    };
}

/** The first position whose element is not before `target`. */
export function lowerBound<T>(items: readonly T[], target: T, compare: (a: T, b: T) => number): number {
    let low = 0;
    let high = items.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(items[middle], target) < 0) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}

/** The first position whose element is after `target`. */
export function upperBound<T>(items: readonly T[], target: T, compare: (a: T, b: T) => number): number {
    let low = 0;
    let high = items.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(items[middle], target) <= 0) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}
