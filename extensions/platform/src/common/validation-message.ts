import { z } from 'zod';

/** A zod error as one line that names each offending field, e.g. `jobs.0.copies: Too small`. */
export function describeZodError(error: z.ZodError): string {
    return error.issues
        .slice(0, 5)
        .map(issue => `${issue.path.length ? issue.path.join('.') : '(document)'}: ${issue.message}`)
        .join('; ') + (error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '');
}

/** What a sentence about a field names: "The polling interval", counted in "second"/"seconds". */
export interface FieldSubject {
    /** The field as the subject of a sentence, e.g. `The polling interval`. */
    readonly noun: string;
    /** The unit a number is counted in, singular and plural. */
    readonly unit?: { readonly one: string; readonly many: string };
}

const UNITS: Readonly<Record<string, { one: string; many: string }>> = {
    seconds: { one: 'second', many: 'seconds' },
    minutes: { one: 'minute', many: 'minutes' },
    hours: { one: 'hour', many: 'hours' },
    days: { one: 'day', many: 'days' }
};

/**
 * A form label as a sentence's subject: `Polling interval (seconds)` → "The polling interval",
 * counted in seconds; `Endpoint URL` → "The endpoint URL" (words in capitals stay so).
 */
export function subjectOfLabel(label: string): FieldSubject {
    const unitMatch = /\(([^)]*)\)\s*$/.exec(label);
    const unit = unitMatch ? UNITS[unitMatch[1].trim().toLowerCase()] : undefined;
    const name = label.replace(/\s*\([^)]*\)\s*$/, '').trim();
    const lowered = /^[A-Z](?![A-Z])/.test(name) ? name[0].toLowerCase() + name.slice(1) : name;
    return { noun: `The ${lowered}`, unit };
}

/**
 * One zod issue as a sentence about its field, e.g. "The polling interval must be at least 1 second"
 * or "The port must be at most 65535". A message the schema's author wrote is kept: as it is when it
 * is a sentence ("Choose a printer"), after the field's name when it is a predicate ("must be an
 * http or https URL"). Only zod's own wording ("Too small: expected number to be >=1") is rewritten.
 */
export function sentenceOfIssue(issue: z.core.$ZodIssue, subject: FieldSubject | undefined): string {
    const noun = subject?.noun ?? 'This value';
    if (!isZodWording(issue)) {
        return authorSentence(issue.message, noun);
    }
    switch (issue.code) {
        case 'too_small': return `${noun} ${tooSmall(issue, subject)}`;
        case 'too_big': return `${noun} ${tooBig(issue, subject)}`;
        case 'invalid_type': return `${noun} ${invalidType(issue)}`;
        case 'invalid_format': return `${noun} ${invalidFormat(issue)}`;
        case 'invalid_value': return `${noun} must be ${listOf(issue.values.map(value => String(value)), 'or')}`;
        case 'not_multiple_of': return `${noun} must be a multiple of ${String(issue.divisor)}`;
        case 'unrecognized_keys': return `${listOf(issue.keys, 'and')} ${issue.keys.length > 1 ? 'are not known fields' : 'is not a known field'}`;
        default: return `${noun} is not valid`;
    }
}

/** Every issue as a sentence, grouped by the form field (first path key) it is about; '' for the form as a whole. */
export function sentencesByField(error: z.ZodError, subjectOf: (field: string) => FieldSubject | undefined): Map<string, string[]> {
    const byField = new Map<string, string[]>();
    for (const issue of error.issues) {
        const field = issue.path.length ? String(issue.path[0]) : '';
        const subject = field ? subjectOf(field) : undefined;
        const sentence = sentenceOfIssue(issue, subject);
        const sentences = byField.get(field) ?? [];
        if (!sentences.includes(sentence)) {
            sentences.push(sentence);
        }
        byField.set(field, sentences);
    }
    return byField;
}

const english = z.locales.en();

/** Did zod word this message itself (no message given by the schema)? */
function isZodWording(issue: z.core.$ZodIssue): boolean {
    const own = english.localeError(issue as never);
    const text = typeof own === 'string' ? own : own?.message;
    // What zod says it received depends on the input, which the issue no longer holds.
    const withoutInput = (message: string | undefined): string | undefined => message?.replace(/, received .*$/, '');
    return issue.code !== 'custom' && withoutInput(text) === withoutInput(issue.message);
}

const PREDICATE = /^(must|may|is|are|needs|has|can|cannot|should)\b/;

function authorSentence(message: string, noun: string): string {
    const text = message.trim();
    if (PREDICATE.test(text)) {
        return `${noun} ${text}`;
    }
    return text ? text[0].toUpperCase() + text.slice(1) : `${noun} is not valid`;
}

function counted(value: number | bigint, subject: FieldSubject | undefined): string {
    const unit = subject?.unit;
    return unit ? `${String(value)} ${Number(value) === 1 ? unit.one : unit.many}` : String(value);
}

function tooSmall(issue: z.core.$ZodIssueTooSmall, subject: FieldSubject | undefined): string {
    const minimum = Number(issue.minimum);
    switch (issue.origin) {
        case 'string':
            return minimum <= 1 ? 'is required' : `must be at least ${minimum} characters long`;
        case 'array': case 'set':
            return minimum <= 1 ? 'needs at least one entry' : `needs at least ${minimum} entries`;
        default:
            return issue.inclusive === false ? `must be more than ${counted(issue.minimum, subject)}` : `must be at least ${counted(issue.minimum, subject)}`;
    }
}

function tooBig(issue: z.core.$ZodIssueTooBig, subject: FieldSubject | undefined): string {
    switch (issue.origin) {
        case 'string':
            return `must be at most ${Number(issue.maximum)} characters long`;
        case 'array': case 'set':
            return `may have at most ${Number(issue.maximum)} entries`;
        default:
            return issue.inclusive === false ? `must be less than ${counted(issue.maximum, subject)}` : `must be at most ${counted(issue.maximum, subject)}`;
    }
}

function invalidType(issue: z.core.$ZodIssueInvalidType): string {
    // zod words what it received ("received undefined"); the input itself is not kept on the issue.
    if (/received (undefined|null)\b/.test(issue.message)) {
        return 'is required';
    }
    switch (issue.expected) {
        case 'int': return 'must be a whole number';
        case 'number': case 'bigint': return 'must be a number';
        case 'boolean': return 'must be yes or no';
        case 'date': return 'must be a date';
        default: return 'is not valid';
    }
}

function invalidFormat(issue: z.core.$ZodIssueInvalidStringFormat): string {
    switch (issue.format) {
        case 'url': return 'must be a web address such as https://example.com';
        case 'email': return 'must be an e-mail address such as name@example.com';
        case 'datetime': case 'date': return 'must be a date';
        case 'time': return 'must be a time';
        case 'uuid': case 'guid': return 'must be an identifier';
        default: return 'is not in the expected form';
    }
}

/** `A, B or C`. */
export function listOf(items: readonly string[], conjunction: 'and' | 'or'): string {
    return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}` : items[0] ?? '';
}
