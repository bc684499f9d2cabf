import type { JobRowField } from '../../common/job-row';
import type { IndexedJob } from './indexed-job';
import { JobComparator, SortSpec, comparatorOf, lowerBound } from './job-ordering';

/**
 * Jobs in one sort order, kept sorted as jobs come, change and go: a change costs a binary search
 * and an array splice, never a re-sort.
 */
export class SortedJobs {
    readonly compare: JobComparator;
    protected readonly fields: ReadonlySet<JobRowField>;
    protected items: IndexedJob[];
    /**
     * The jobs' search texts in the same order: a text filter reads these in sequence and touches a
     * job only when its text matches, which halves the memory it reads in a scattered order.
     */
    protected texts: string[];

    /** Takes `jobs` as its own; sorts them unless the caller says they are in order already. */
    constructor(readonly spec: SortSpec, jobs: IndexedJob[], inOrder = false) {
        this.compare = comparatorOf(spec);
        this.fields = new Set(spec.map(key => key.field));
        this.items = inOrder ? jobs : jobs.sort(this.compare);
        this.texts = this.items.map(job => job.search);
    }

    get jobs(): readonly IndexedJob[] {
        return this.items;
    }

    /** The jobs, in order, whose search text holds `text` (lower-case; empty for any) and that pass `test`. */
    select(text: string, test: ((job: IndexedJob) => boolean) | undefined): IndexedJob[] {
        if (!text) {
            return test ? this.items.filter(test) : [...this.items];
        }
        const selected: IndexedJob[] = [];
        const { items, texts } = this;
        for (let index = 0; index < texts.length; index++) {
            if (texts[index].includes(text) && (!test || test(items[index]))) {
                selected.push(items[index]);
            }
        }
        return selected;
    }

    insert(job: IndexedJob): void {
        const position = lowerBound(this.items, job, this.compare);
        this.items.splice(position, 0, job);
        this.texts.splice(position, 0, job.search);
    }

    remove(job: IndexedJob): void {
        const position = this.positionOf(job);
        if (position >= 0) {
            this.items.splice(position, 1);
            this.texts.splice(position, 1);
        }
    }

    /** A changed job stays where it is when none of the sorted fields changed. */
    replace(previous: IndexedJob, next: IndexedJob): void {
        if (this.compare(previous, next) === 0) {
            const position = this.positionOf(previous);
            if (position >= 0) {
                this.items[position] = next;
                this.texts[position] = next.search;
                return;
            }
        } else {
            this.remove(previous);
        }
        this.insert(next);
    }

    /** Many jobs changed at once (a workflow renamed): swap them, and re-sort when a sorted field may have moved them. */
    replaceAll(replacements: ReadonlyMap<IndexedJob, IndexedJob>, changedField: JobRowField): void {
        this.items = this.items.map(job => replacements.get(job) ?? job);
        if (this.fields.has(changedField)) {
            this.items.sort(this.compare);
        }
        this.texts = this.items.map(job => job.search);
    }

    protected positionOf(job: IndexedJob): number {
        const position = lowerBound(this.items, job, this.compare);
        // Ids make every job's position unique; the fallback only guards against a comparator surprise.
        return this.items[position] === job ? position : this.items.indexOf(job);
    }
}
