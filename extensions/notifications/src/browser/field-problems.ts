import type { z } from 'zod';

/** What is wrong with a form, in words, by field key: what each field shows under itself. */
export type FieldProblems = Readonly<Record<string, string>>;

/**
 * The first problem of each field of a failed check of the service's own schema; `keyOf` turns an
 * issue's path in the request into the key of the form field that holds it.
 */
export function fieldProblems(error: z.ZodError, keyOf: (path: readonly PropertyKey[]) => string): Record<string, string> {
    const problems: Record<string, string> = {};
    for (const issue of error.issues) {
        const key = keyOf(issue.path);
        problems[key] ??= issue.message;
    }
    return problems;
}

/** Whole numbers typed in a form: the number, or undefined when the text is not one within the bounds. */
export function wholeNumberIn(text: string, min: number, max: number): number | undefined {
    const trimmed = text.trim();
    if (!/^\d+$/.test(trimmed)) {
        return undefined;
    }
    const value = Number(trimmed);
    return value >= min && value <= max ? value : undefined;
}
