import type { z } from 'zod';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { JobPropertiesSchema } from '@presswork/platform/lib/common/job-schema';
import { isOrderFact, propertyLabelOf } from '@presswork/platform/lib/common/job-property-words';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { appendJobLog, logEntry } from '@presswork/platform/lib/common/job-log';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { changeJob } from '@presswork/platform/lib/node/store/order-jobs';
import { DocumentTooLargeError } from '@presswork/platform/lib/node/store/store-errors';
import { JobEditSchema } from '../../common/jobs-protocol';
import type { JobDetails, JobEdit } from '../../common/jobs-protocol';
import { detailsOf, requireOrderJob } from './job-reading';
import { FieldChange, changesInWords } from './job-change-words';

type CheckedEdit = z.infer<typeof JobEditSchema>;

/** A field an edit changes: the value the user saw, and the job's value now. */
interface EditedField {
    readonly name: string;
    readonly base: unknown;
    readonly current: unknown;
    readonly same: (a: unknown, b: unknown) => boolean;
}

/**
 * Applies a Properties… edit in one write of the job's order. Checked inside the write: every
 * field the edit changes must still have the value the user saw, or the edit is refused naming
 * the field, its value now and who last changed the job; nothing is written then.
 */
export async function editJob(store: DocumentStore, jobId: string, input: JobEdit, by: string): Promise<JobDetails> {
    const parsed = JobEditSchema.safeParse(input);
    if (!parsed.success) {
        throw PressworkError.InvalidInput(`Invalid edit: ${describeZodError(parsed.error)}`);
    }
    const edit = parsed.data;
    refuseOrderFactEdits(edit);
    const { order } = requireOrderJob(store, jobId);
    try {
        const written = await changeJob(store, order.id, jobId, job => {
            refuseIfStale(job, edit);
            const next = edited(job, edit, by, new Date().toISOString());
            if (next) {
                refuseUnboundedProperties(next);
            }
            return next;
        });
        // Nothing written: the edit sets every field to what it already is (or the job is gone, which this says).
        const current = written?.job ? { order: written.order, job: written.job } : requireOrderJob(store, jobId);
        return detailsOf(store, current.order, current.job);
    } catch (error) {
        if (error instanceof DocumentTooLargeError) {
            throw PressworkError.Refused(`The properties were not saved: order ${order.orderNumber} ${error.problems}. Remove or shorten properties and try again`);
        }
        throw error;
    }
}

/** Order facts (customer e-mail, ship-to…) describe the MarcomCentral order: no edit sets or removes them. */
export function refuseOrderFactEdits(edit: CheckedEdit): void {
    const fact = [...Object.keys(edit.changes.properties), ...edit.changes.removedProperties].find(isOrderFact);
    if (fact) {
        throw PressworkError.InvalidInput(`${propertyLabelOf(fact)} comes from the MarcomCentral order; it cannot be changed or removed in Properties`);
    }
}

/** The job's properties after the edit must stay within the bounds the store keeps; nothing is written otherwise. */
function refuseUnboundedProperties(job: Job): void {
    const checked = JobPropertiesSchema.safeParse(job.properties);
    if (!checked.success) {
        throw PressworkError.InvalidInput(`The properties were not saved: ${checked.error.issues[0].message}`);
    }
}

export function refuseIfStale(job: Job, edit: CheckedEdit): void {
    const stale = editedFields(job, edit).find(field => !field.same(field.base, field.current));
    if (stale) {
        throw PressworkError.Refused(`Job "${job.name}" was changed since you opened it: ${propertyLabelOf(stale.name)} is now ${shown(stale.current)}` +
            `${lastChange(job)}. Open its properties again to edit the current values`);
    }
}

/** The job with the edit applied and logged (each field with its old and new value), or undefined when it changes nothing. */
export function edited(job: Job, edit: CheckedEdit, by: string, at: string): Job | undefined {
    const { changes } = edit;
    const next: Job = { ...job, properties: { ...job.properties } };
    const changed: FieldChange[] = [];
    if (changes.name !== undefined && changes.name !== job.name) {
        next.name = changes.name;
        changed.push({ key: 'name', from: job.name, to: changes.name });
    }
    if (changes.copies !== undefined && changes.copies !== job.copies) {
        next.copies = changes.copies;
        changed.push({ key: 'copies', from: job.copies, to: changes.copies });
    }
    if (changes.due !== undefined && !sameTime(changes.due, job.due)) {
        if (changes.due === null) {
            delete next.due;
        } else {
            next.due = changes.due;
        }
        changed.push({ key: 'due', from: job.due, to: changes.due ?? undefined, time: true });
    }
    for (const [key, value] of Object.entries(changes.properties)) {
        if (next.properties[key] !== value) {
            changed.push({ key, from: next.properties[key], to: value });
            next.properties[key] = value;
        }
    }
    for (const key of changes.removedProperties) {
        if (Object.hasOwn(next.properties, key)) {
            changed.push({ key, from: next.properties[key], to: undefined });
            delete next.properties[key];
        }
    }
    if (!changed.length) {
        return undefined;
    }
    const entry = logEntry(at, `Properties changed by ${by}: ${changesInWords(changed)}`, 'info', by);
    return { ...next, updatedAt: at, log: appendJobLog(job.log, [entry]) };
}

function editedFields(job: Job, edit: CheckedEdit): EditedField[] {
    const { base, changes } = edit;
    const fields: EditedField[] = [];
    if (changes.name !== undefined) {
        fields.push({ name: 'name', base: base.name, current: job.name, same: Object.is });
    }
    if (changes.copies !== undefined) {
        fields.push({ name: 'copies', base: base.copies, current: job.copies, same: Object.is });
    }
    if (changes.due !== undefined) {
        fields.push({ name: 'due', base: base.due, current: job.due, same: sameTime });
    }
    for (const key of new Set([...Object.keys(changes.properties), ...changes.removedProperties])) {
        fields.push({ name: key, base: base.properties[key], current: job.properties[key], same: Object.is });
    }
    return fields;
}

/** Two due times (ISO strings, or null/undefined for none) that are the same instant. */
function sameTime(a: unknown, b: unknown): boolean {
    const time = (value: unknown): number | undefined => typeof value === 'string' ? Date.parse(value) : undefined;
    return time(a) === time(b);
}

function shown(value: unknown): string {
    return value === undefined || value === null ? '(not set)' : typeof value === 'string' ? `"${value}"` : String(value);
}

/** Who last acted on the job and when, as its log says, if it says. */
function lastChange(job: Job): string {
    const entry = job.log.findLast(candidate => candidate.by !== undefined);
    return entry ? ` (last changed by ${entry.by} at ${new Date(entry.at).toISOString().slice(0, 16).replace('T', ' ')} UTC)` : '';
}
