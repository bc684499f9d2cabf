import type { Job, JobPropertyValue } from '@presswork/platform/lib/common/job-schema';
import type { StepCondition } from '@presswork/platform/lib/common/workflow-schema';
import { CONDITION_JOB_FIELDS } from '../../common/supplied-activities';
import { numberOf, sameValue, text } from '../../common/condition-values';

const JOB_FIELDS: ReadonlySet<string> = new Set(CONDITION_JOB_FIELDS);
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Whether a step runs for this job. The condition names a job field (copies, name, orderNumber, …)
 * or a job property. A job without that value does not meet the condition, whatever the
 * comparison: "not-equals" on a missing property is false too, so a typo never runs a step.
 * Values compare as condition-values.ts says; timestamps as times.
 */
export function conditionHolds(condition: StepCondition | undefined, job: Job): boolean {
    if (!condition) {
        return true;
    }
    const actual = valueOf(job, condition.property);
    if (actual === undefined) {
        return false;
    }
    switch (condition.comparison) {
        case 'equals': return sameValue(actual, condition.value);
        case 'not-equals': return !sameValue(actual, condition.value);
        case 'contains': return text(actual).includes(text(condition.value));
        case 'greater-than': return (order(actual, condition.value) ?? 0) > 0;
        case 'less-than': return (order(actual, condition.value) ?? 0) < 0;
        default: return false;
    }
}

export function describeCondition(condition: StepCondition): string {
    return `${condition.property} ${condition.comparison} ${JSON.stringify(condition.value)}`;
}

function valueOf(job: Job, property: string): JobPropertyValue | undefined {
    if (JOB_FIELDS.has(property)) {
        const value = (job as unknown as Record<string, unknown>)[property];
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
    }
    return Object.hasOwn(job.properties, property) ? job.properties[property] : undefined;
}

/** Negative, zero or positive; undefined when the two cannot be ordered (the comparison is then false). */
function order(actual: JobPropertyValue, expected: JobPropertyValue): number | undefined {
    const [a, b] = [numberOf(actual), numberOf(expected)];
    if (a !== undefined && b !== undefined) {
        return a - b;
    }
    const [from, to] = [timeOf(actual), timeOf(expected)];
    return from !== undefined && to !== undefined ? from - to : undefined;
}

function timeOf(value: JobPropertyValue): number | undefined {
    if (typeof value !== 'string' || !DATE_LIKE.test(value.trim())) {
        return undefined;
    }
    const time = Date.parse(value.trim());
    return Number.isFinite(time) ? time : undefined;
}
