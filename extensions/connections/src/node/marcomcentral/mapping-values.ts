import type { Money } from '@presswork/platform/lib/common';
import type { XmlElement } from './xml-document';
import { attributeOf, elementAt, textAt } from './xml-query';
import { readStoreDateTime } from './store-time';

/**
 * Small readers shared by the order and job-ticket mappings. A value that cannot be converted is
 * passed through as its raw text, so that schema validation reports it with its path.
 */

export const DEFAULT_CURRENCY = 'USD';

/** A date at a path, as ISO 8601 with an offset (offset-less dates read in the store's zone). */
export function dateAt(parent: XmlElement | undefined, timeZone: string, ...path: string[]): string | undefined {
    const text = textAt(parent, ...path);
    return text === undefined ? undefined : readStoreDateTime(text, timeZone) ?? text;
}

const DECIMAL_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** A number at a path; text that is not a plain decimal number is passed through unconverted. */
export function numberAt(parent: XmlElement | undefined, ...path: string[]): number | string | undefined {
    const text = textAt(parent, ...path);
    return text !== undefined && DECIMAL_NUMBER.test(text) ? Number(text) : text;
}

/** `<Customer Currency="USD">125.00</Customer>`; a missing Currency attribute means USD. */
export function moneyAt(parent: XmlElement | undefined, ...path: string[]): Money | undefined {
    const element = elementAt(parent, ...path);
    const value = textAt(element);
    if (value === undefined) {
        return undefined;
    }
    return { value, currency: (attributeOf(element, 'Currency') ?? DEFAULT_CURRENCY).toUpperCase() };
}

/** Clips free text to a schema's maximum, marking the cut; for descriptions only, never for identifiers. */
export function clip(text: string | undefined, max: number): string | undefined {
    if (text === undefined || text.length <= max) {
        return text;
    }
    return `${text.slice(0, max - 1)}…`;
}

/** The object without its `undefined` properties, or `undefined` when nothing is left. */
export function compact<T extends object>(value: T): T | undefined {
    // A loop rather than entries → filter → fromEntries: every order's addresses, prices and lines pass here.
    let kept: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
        const entry = (value as Record<string, unknown>)[key];
        if (entry !== undefined) {
            (kept ??= {})[key] = entry;
        }
    }
    return kept as T | undefined;
}
