import type { z } from 'zod';
import { PressworkError } from './errors';
import { describeZodError } from './validation-message';

/**
 * Reads a file a user imports: JSON of the given export schema, or a clear error saying which it
 * is not. Nothing is created before the whole file has passed.
 */
export function parseExport<T>(json: string, schema: z.ZodType<T, unknown>, what: string): T {
    let parsed: unknown;
    try {
        parsed = JSON.parse(json);
    } catch {
        throw PressworkError.InvalidInput('The file is not JSON');
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success) {
        throw PressworkError.InvalidInput(`The file is not a Presswork ${what} export: ${describeZodError(checked.error)}`);
    }
    return checked.data;
}

/** `wanted`, or `wanted (2)`, `(3)`… whichever no other object has yet, within `maxLength` characters. */
export function freeName(wanted: string, taken: ReadonlySet<string>, maxLength = 100): string {
    let name = wanted.slice(0, maxLength);
    for (let counter = 2; taken.has(name); counter++) {
        const suffix = ` (${counter})`;
        name = `${wanted.slice(0, maxLength - suffix.length)}${suffix}`;
    }
    return name;
}
