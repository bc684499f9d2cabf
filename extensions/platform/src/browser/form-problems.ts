import type { z } from 'zod';
import { sentencesByField, subjectOfLabel } from '../common/validation-message';

/** Every problem of a form at once: in sentences, beside the field each is about, and for the form as a whole. */
export interface FormProblems {
    readonly byField: ReadonlyMap<string, readonly string[]>;
    /** Problems no single field owns (a rule across fields), shown below the form. */
    readonly form: readonly string[];
}

export const NO_PROBLEMS: FormProblems = { byField: new Map(), form: [] };

export function hasProblems(problems: FormProblems): boolean {
    return problems.byField.size > 0 || problems.form.length > 0;
}

/** Checks a form's typed values with its schema (and its rule across fields) and words each issue for the field it names. */
export function formProblems(
    schema: z.ZodType<unknown, unknown>,
    values: Readonly<Record<string, string>>,
    fields: readonly { readonly name: string; readonly label: string }[],
    crossCheck?: (values: Readonly<Record<string, string>>) => string | undefined
): FormProblems {
    const labels = new Map(fields.map(field => [field.name, field.label]));
    const parsed = schema.safeParse(values);
    const byField = new Map<string, readonly string[]>();
    const form: string[] = [];
    if (!parsed.success) {
        const sentences = sentencesByField(parsed.error, field => {
            const label = labels.get(field);
            return label === undefined ? undefined : subjectOfLabel(label);
        });
        for (const [field, words] of sentences) {
            if (labels.has(field)) {
                byField.set(field, words);
            } else {
                form.push(...words);
            }
        }
    }
    const across = crossCheck?.(values);
    if (across) {
        form.push(across);
    }
    return { byField, form };
}

/** Only the problems of the given fields (those the user has touched), and the form's own. */
export function problemsOf(problems: FormProblems, shown: (field: string) => boolean): FormProblems {
    return { byField: new Map([...problems.byField].filter(([field]) => shown(field))), form: problems.form };
}

export function sameProblems(first: FormProblems, second: FormProblems): boolean {
    const key = (problems: FormProblems): string => JSON.stringify([[...problems.byField], problems.form]);
    return key(first) === key(second);
}
