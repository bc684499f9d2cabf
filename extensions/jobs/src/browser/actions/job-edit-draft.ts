import type { Job, JobPropertyValue } from '@presswork/platform/lib/common/job-schema';
import { isOrderFact, propertyLabelOf } from '@presswork/platform/lib/common/job-property-words';
import { JobEditSchema, PRIORITY_PROBLEM, PRIORITY_PROPERTY, isPriority } from '../../common/jobs-protocol';
import type { JobEdit } from '../../common/jobs-protocol';

/**
 * The Properties… dialog's form as plain strings, and the edit it makes: only what the user
 * changed, with the values they loaded as its base, so the backend refuses a stale edit.
 */

export type PropertyKind = 'text' | 'number' | 'boolean';

export interface PropertyDraft {
    readonly key: string;
    readonly value: string;
    readonly kind: PropertyKind;
}

export interface JobDraft {
    readonly name: string;
    readonly copies: string;
    /** A `datetime-local` value (local time, minutes), or '' for no due date. */
    readonly due: string;
    /** The job's priority, 1 to 10, or '' when it has none (it is then taken as 5). */
    readonly priority: string;
    readonly properties: readonly PropertyDraft[];
}

export type JobEditResult =
    | { readonly edit: JobEdit }
    | { readonly unchanged: true }
    | { readonly problem: string };

const pad = (value: number): string => String(value).padStart(2, '0');

/** An ISO timestamp as the browser's `datetime-local` input shows it, in local time. */
export function toLocalInput(iso: string | undefined): string {
    if (!iso) {
        return '';
    }
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return '';
    }
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value as an ISO timestamp, or undefined when it is not a date. */
export function fromLocalInput(local: string): string | undefined {
    const date = new Date(local);
    return local && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

function kindOf(value: JobPropertyValue): PropertyKind {
    return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
}

/** Properties the form shows apart: order facts (read-only) and the priority (a field of its own). */
function shownApart(key: string): boolean {
    return isOrderFact(key) || key === PRIORITY_PROPERTY;
}

/** The form shows the job's editable properties; order facts are shown apart, read-only, and never part of an edit. */
export function draftOf(job: Pick<Job, 'name' | 'copies' | 'due' | 'properties'>): JobDraft {
    const priority = job.properties[PRIORITY_PROPERTY];
    return {
        name: job.name,
        copies: String(job.copies),
        due: toLocalInput(job.due),
        priority: priority === undefined ? '' : String(priority),
        properties: Object.entries(job.properties)
            .filter(([key]) => !shownApart(key))
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, value]) => ({ key, value: String(value), kind: kindOf(value) }))
    };
}

/** A property's typed value, or the problem with its text. */
export function propertyValue(property: PropertyDraft): { value: JobPropertyValue } | { problem: string } {
    switch (property.kind) {
        case 'number': {
            const value = Number(property.value.trim());
            return property.value.trim() && Number.isFinite(value) ? { value } : { problem: `${propertyLabelOf(property.key)} must be a number` };
        }
        case 'boolean':
            return property.value === 'true' || property.value === 'false'
                ? { value: property.value === 'true' }
                : { problem: `${propertyLabelOf(property.key)} must be Yes or No` };
        default:
            return { value: property.value };
    }
}

/** The properties the draft sets, checked: keys present, unique and short. */
function draftProperties(draft: JobDraft): { properties: Record<string, JobPropertyValue> } | { problem: string } {
    const properties: Record<string, JobPropertyValue> = {};
    for (const property of draft.properties) {
        const key = property.key.trim();
        if (!key) {
            return { problem: 'Every property needs a name' };
        }
        if (key.length > 100) {
            return { problem: `The property name ${key.slice(0, 20)}… is longer than 100 characters` };
        }
        if (isOrderFact(key)) {
            return { problem: `${propertyLabelOf(key)} comes from the MarcomCentral order; choose another name for this property` };
        }
        if (key === PRIORITY_PROPERTY) {
            return { problem: 'Priority has a field of its own above; remove this property' };
        }
        if (Object.prototype.hasOwnProperty.call(properties, key)) {
            return { problem: `The property ${propertyLabelOf(key)} is listed twice` };
        }
        const typed = propertyValue({ ...property, key });
        if ('problem' in typed) {
            return typed;
        }
        properties[key] = typed.value;
    }
    return { properties };
}

/** What the Priority field changes: a new priority, its removal (the field emptied), nothing, or a problem. */
function priorityEdit(loaded: JobPropertyValue | undefined, typed: string): number | 'remove' | 'problem' | undefined {
    const text = typed.trim();
    if (!text) {
        return loaded === undefined ? undefined : 'remove';
    }
    const priority = Number(text);
    if (!isPriority(priority)) {
        return 'problem';
    }
    return priority === loaded ? undefined : priority;
}

/** The edit that turns `loaded` into what the draft says, or why it cannot, or that nothing changed. */
export function editOf(loaded: Pick<Job, 'name' | 'copies' | 'due' | 'properties'>, draft: JobDraft): JobEditResult {
    const checked = draftProperties(draft);
    if ('problem' in checked) {
        return checked;
    }
    const changes: NonNullable<JobEdit['changes']> & { properties: Record<string, JobPropertyValue>; removedProperties: string[] } = {
        properties: {},
        removedProperties: []
    };
    if (draft.name.trim() !== loaded.name) {
        changes.name = draft.name.trim();
    }
    const copies = Number(draft.copies.trim());
    if (!draft.copies.trim() || !Number.isInteger(copies) || copies < 1) {
        return { problem: 'Copies must be a whole number of at least 1' };
    }
    if (copies !== loaded.copies) {
        changes.copies = copies;
    }
    if (draft.due !== toLocalInput(loaded.due)) {
        const due = fromLocalInput(draft.due);
        if (draft.due && !due) {
            return { problem: 'Due is not a date' };
        }
        changes.due = due ?? null;
    }
    for (const [key, value] of Object.entries(checked.properties)) {
        if (loaded.properties[key] !== value) {
            changes.properties[key] = value;
        }
    }
    // Order facts are not in the form: leaving them out removes nothing.
    changes.removedProperties = Object.keys(loaded.properties)
        .filter(key => !shownApart(key) && !Object.prototype.hasOwnProperty.call(checked.properties, key));
    const priority = priorityEdit(loaded.properties[PRIORITY_PROPERTY], draft.priority);
    if (priority === 'problem') {
        return { problem: PRIORITY_PROBLEM };
    }
    if (priority === 'remove') {
        changes.removedProperties.push(PRIORITY_PROPERTY);
    } else if (priority !== undefined) {
        changes.properties[PRIORITY_PROPERTY] = priority;
    }
    const changed = changes.name !== undefined || changes.copies !== undefined || changes.due !== undefined
        || Object.keys(changes.properties).length > 0 || changes.removedProperties.length > 0;
    if (!changed) {
        return { unchanged: true };
    }
    const edit: JobEdit = {
        base: { name: loaded.name, copies: loaded.copies, due: loaded.due ?? null, properties: loaded.properties },
        changes
    };
    // The backend's own check, so the dialog shows its message before the round trip.
    const parsed = JobEditSchema.safeParse(edit);
    return parsed.success ? { edit } : { problem: parsed.error.issues[0]?.message ?? 'Check the form' };
}
