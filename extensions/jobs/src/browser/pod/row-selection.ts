import type { JobListItem } from '../../common/job-query';
import type { JobRow } from '../../common/job-row';

/** Reads the pod's list by index (group headers included); undefined where nothing is loaded. */
export type ItemAt = (index: number) => JobListItem | undefined;

/**
 * The selected jobs of the pod, kept by job id so that a live update, a new window or a re-sort
 * never loses them: click selects one, ctrl-click toggles, shift-click selects the range from the
 * last clicked row, and the arrow keys move over job rows (group headers are passed over).
 */
export class RowSelection {
    protected selected = new Map<string, JobRow>();
    protected anchorIndex: number | undefined;
    /** The row the keyboard is on. */
    focusIndex: number | undefined;

    get size(): number {
        return this.selected.size;
    }

    has(jobId: string): boolean {
        return this.selected.has(jobId);
    }

    rows(): JobRow[] {
        return [...this.selected.values()];
    }

    /** Selects the job row at `index`; false when there is no job row there. */
    select(index: number, how: { toggle?: boolean, range?: boolean }, itemAt: ItemAt): boolean {
        const item = itemAt(index);
        if (item?.kind !== 'job') {
            return false;
        }
        if (how.range && this.anchorIndex !== undefined) {
            const [from, to] = this.anchorIndex < index ? [this.anchorIndex, index] : [index, this.anchorIndex];
            if (!how.toggle) {
                this.selected.clear();
            }
            for (let at = from; at <= to; at++) {
                const inRange = itemAt(at);
                if (inRange?.kind === 'job') {
                    this.selected.set(inRange.row.id, inRange.row);
                }
            }
        } else if (how.toggle) {
            if (!this.selected.delete(item.row.id)) {
                this.selected.set(item.row.id, item.row);
            }
            this.anchorIndex = index;
        } else {
            this.selected = new Map([[item.row.id, item.row]]);
            this.anchorIndex = index;
        }
        this.focusIndex = index;
        return true;
    }

    /** The index of the next job row up (-1) or down (+1) from the focused one, if there is one. */
    nextIndex(step: 1 | -1, total: number, itemAt: ItemAt): number | undefined {
        let index = (this.focusIndex ?? -step) + step;
        while (index >= 0 && index < total && itemAt(index)?.kind === 'group') {
            index += step;
        }
        return index >= 0 && index < total ? index : undefined;
    }

    /** Unselects the jobs `keep` refuses (a filter hides them); returns how many were unselected. */
    retain(keep: (jobId: string) => boolean): number {
        const before = this.selected.size;
        for (const jobId of [...this.selected.keys()]) {
            if (!keep(jobId)) {
                this.selected.delete(jobId);
            }
        }
        return before - this.selected.size;
    }

    /** Takes the newest version of selected rows; true when any of them changed. */
    refresh(rows: Iterable<JobRow>): boolean {
        let changed = false;
        for (const row of rows) {
            if (this.selected.has(row.id) && this.selected.get(row.id) !== row) {
                this.selected.set(row.id, row);
                changed = true;
            }
        }
        return changed;
    }
}
