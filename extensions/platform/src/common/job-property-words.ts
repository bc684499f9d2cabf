import type { JobPropertyValue } from './job-schema';

/**
 * What job properties are called in words, in one place: the dialogs, the job log and the sweep
 * that checks no screen shows an internal key. Two kinds have names of their own:
 *
 * - **order facts**: copied from the MarcomCentral order when the job arrives (intake's
 *   job-builder). They describe the order, so Properties… shows them read-only and the backend
 *   refuses to change or remove them;
 * - **ticket properties**: what the shop may change for production (the Print step reads them).
 *
 * Any other property was named by a person (a production template, Properties…), so its key is
 * already words.
 */

/** The order facts, in the order Properties… lists them, with their English labels. */
export const ORDER_FACT_PROPERTIES = [
    { key: 'marcomOrderId', label: 'MarcomCentral order ID' },
    { key: 'customer', label: 'Customer' },
    { key: 'customerEmail', label: 'Customer e-mail' },
    { key: 'company', label: 'Company' },
    { key: 'shipTo', label: 'Ship to' },
    { key: 'shippingMethod', label: 'Shipping method' },
    { key: 'productType', label: 'Product type' },
    { key: 'productId', label: 'Product ID' },
    { key: 'sku', label: 'SKU' },
    { key: 'skuName', label: 'SKU name' },
    { key: 'pageCount', label: 'Page count' }
] as const;

/** The production properties with names of their own (the ticket, the template's defaults). */
export const TICKET_PROPERTIES = [
    { key: 'media', label: 'Medium' },
    { key: 'sides', label: 'Sides' },
    { key: 'colorMode', label: 'Colour' },
    { key: 'finishings', label: 'Finishings' },
    { key: 'duplex', label: 'Two-sided' },
    { key: 'priority', label: 'Priority' }
] as const;

/** The job's own fields as Properties… and the job log name them. */
export const JOB_FIELD_LABELS = {
    name: 'Name',
    copies: 'Copies',
    due: 'Due'
} as const;

export type OrderFactKey = typeof ORDER_FACT_PROPERTIES[number]['key'];

const ORDER_FACT_KEYS: ReadonlySet<string> = new Set(ORDER_FACT_PROPERTIES.map(fact => fact.key));
const LABELS: ReadonlyMap<string, string> = new Map<string, string>([
    ...ORDER_FACT_PROPERTIES.map(({ key, label }) => [key, label] as const),
    ...TICKET_PROPERTIES.map(({ key, label }) => [key, label] as const),
    ...Object.entries(JOB_FIELD_LABELS)
]);

/** Whether the property is copied from the order (read-only, never removed). */
export function isOrderFact(key: string): key is OrderFactKey {
    return ORDER_FACT_KEYS.has(key);
}

/** The ticket property's label, when the property is one (Medium, Priority), else undefined: a person named it. */
export function ticketPropertyLabelOf(key: string): string | undefined {
    return TICKET_PROPERTIES.find(property => property.key === key)?.label;
}

/** The property (or job field) in words: its own label, else its key, which a person chose. */
export function propertyLabelOf(key: string): string {
    return LABELS.get(key) ?? key;
}

/** A value as the job log shows it: texts quoted (so spaces and empty ones show), Yes/No, numbers as they are. */
export function propertyValueInWords(value: JobPropertyValue | undefined | null): string {
    if (value === undefined || value === null) {
        return '(not set)';
    }
    if (typeof value === 'boolean') {
        return value ? 'Yes' : 'No';
    }
    return typeof value === 'number' ? String(value) : `"${value}"`;
}
