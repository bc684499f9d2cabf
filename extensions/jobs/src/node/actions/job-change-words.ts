import type { JobPropertyValue } from '@presswork/platform/lib/common/job-schema';
import { propertyLabelOf, propertyValueInWords } from '@presswork/platform/lib/common/job-property-words';

/** One field an edit changed: its key, the value before and after (undefined: not set, removed). */
export interface FieldChange {
    readonly key: string;
    readonly from: JobPropertyValue | undefined;
    readonly to: JobPropertyValue | undefined;
    /** An ISO timestamp (the due date): shown as a time, not as text. */
    readonly time?: boolean;
}

/** A timestamp as the log keeps it: minutes in UTC, the same for every reader whatever their zone. */
function timeInWords(value: JobPropertyValue | undefined): string {
    const millis = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(millis) ? '(not set)' : `${new Date(millis).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function valueInWords(change: FieldChange, value: JobPropertyValue | undefined): string {
    return change.time ? timeInWords(value) : propertyValueInWords(value);
}

/**
 * The changes as the job log says them, each field by its name in words with its old and new
 * value: `Copies 1 → 2, Medium "A4" → "A3", Priority removed (was 5)`.
 */
export function changesInWords(changes: readonly FieldChange[]): string {
    return changes.map(change => {
        const label = propertyLabelOf(change.key);
        if (change.to === undefined && change.from !== undefined && !change.time) {
            return `${label} removed (was ${valueInWords(change, change.from)})`;
        }
        return `${label} ${valueInWords(change, change.from)} → ${valueInWords(change, change.to)}`;
    }).join(', ');
}
