import type { Job, Order } from '@presswork/platform/lib/common';

export type PlaceholderValues = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{([a-z]+(?:\.[a-z]+)?)\}/g;

/**
 * Replaces each `{name}` with its value in one pass over the template, so a value that itself
 * looks like a placeholder (a job named `{folder}`) is kept as text. Unknown names stay as typed.
 */
export function substitutePlaceholders(template: string, values: PlaceholderValues): string {
    return template.replace(PLACEHOLDER, (whole, name: string) => Object.hasOwn(values, name) ? values[name] : whole);
}

export function usesPlaceholder(template: string, name: string): boolean {
    return [...template.matchAll(PLACEHOLDER)].some(match => match[1] === name);
}

/** The placeholders every activity offers: `{job.id}`, `{job.name}`, `{order.number}`. */
export function jobPlaceholders(job: Readonly<Job>, order: Readonly<Order>): PlaceholderValues {
    return { 'job.id': job.id, 'job.name': job.name, 'order.number': order.orderNumber || job.orderNumber };
}
