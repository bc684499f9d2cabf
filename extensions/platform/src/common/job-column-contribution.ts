/**
 * A column of the All Jobs pod (frontend). The backend sorts, groups and filters by `field`, a
 * field of the job rows it serves; the column only says how to show it.
 */
export const JobColumnContribution = Symbol('JobColumnContribution');
export interface JobColumnContribution {
    readonly id: string;
    readonly label: string;
    readonly field: string;
    readonly defaultWidth: number;
    readonly visibleByDefault: boolean;
    /** The value is an identifier (order number, job id): its hidden characters are shown as ⟨U+202E⟩. */
    readonly identifier?: boolean;
    format?(value: unknown): string;
}
