import { hasHiddenCharacters, withoutHiddenCharacters } from '@presswork/platform/lib/common/hidden-characters';
import type { JobRow } from '../../common/job-row';

/**
 * The jobs whose order number holds hidden characters (a zero-width space, a bidi override), by how
 * the number looks without them: the pod's text filter says when a search for "1001" leaves out
 * jobs of an order number that only looks like "1001". Ordinary order numbers are never kept, so a
 * lookup costs one map access.
 */
export class LookAlikeOrderNumbers {
    /** Look (lower case) → job id → the job's real order number (lower case). */
    protected readonly byLook = new Map<string, Map<string, string>>();

    /** A job came (no `previous`), changed, or went (no `next`). */
    apply(previous: Pick<JobRow, 'id' | 'orderNumber'> | undefined, next: Pick<JobRow, 'id' | 'orderNumber'> | undefined): void {
        const previousLook = previous && lookOf(previous.orderNumber);
        if (previousLook !== undefined) {
            const jobs = this.byLook.get(previousLook);
            jobs?.delete(previous!.id);
            if (jobs?.size === 0) {
                this.byLook.delete(previousLook);
            }
        }
        const nextLook = next && lookOf(next.orderNumber);
        if (nextLook !== undefined) {
            let jobs = this.byLook.get(nextLook);
            if (!jobs) {
                jobs = new Map();
                this.byLook.set(nextLook, jobs);
            }
            jobs.set(next!.id, next!.orderNumber.toLowerCase());
        }
    }

    /** Jobs whose order number looks like `text` (case aside) once hidden characters are removed, but is not `text`. */
    count(text: string): number {
        const wanted = text.trim().toLowerCase();
        const jobs = wanted ? this.byLook.get(withoutHiddenCharacters(wanted)) : undefined;
        let count = 0;
        jobs?.forEach(orderNumber => count += orderNumber === wanted ? 0 : 1);
        return count;
    }
}

/** How an order number with hidden characters looks (lower case); undefined for an ordinary one. */
function lookOf(orderNumber: string): string | undefined {
    return hasHiddenCharacters(orderNumber) ? withoutHiddenCharacters(orderNumber).toLowerCase() : undefined;
}
