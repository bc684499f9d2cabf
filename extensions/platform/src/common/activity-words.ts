/**
 * Activities in words. A job stores the type id of the activity it stands at (`prepress-check`);
 * people read its label (Prepress Check), which the activity's definition gives on both sides
 * (`ActivityRegistry` in the backend, `ActivityUiRegistry` in the frontend).
 */

/** What both activity registries offer: an activity's definition by its type. */
export interface ActivityLabels {
    get(type: string): { readonly label: string } | undefined;
}

/**
 * The activity's label; for a type that is not installed (an extension removed), the id made
 * readable ("closeout-order" → "Closeout order") rather than shown raw.
 */
export function activityLabelOf(type: string, activities: ActivityLabels | undefined): string {
    const label = activities?.get(type)?.label;
    if (label) {
        return label;
    }
    const words = type.replace(/^custom:/, '').split(/[-_\s]+/).filter(Boolean).join(' ');
    return words ? words.charAt(0).toUpperCase() + words.slice(1) : type;
}

/**
 * Whether a job row stands at a step of the given supplied activity type. The row carries the
 * type the engine recorded (custom copies count as their base); a row from an older backend
 * carries only the label ("Prepress Check"), which reads as its type once lower-cased and hyphenated.
 */
export function isAtActivityType(job: { readonly currentActivity?: string; readonly currentActivityType?: string }, activityType: string): boolean {
    const current = job.currentActivityType ?? job.currentActivity?.trim().toLowerCase().replace(/\s+/g, '-');
    return current === activityType;
}
