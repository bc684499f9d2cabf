import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { BatchKey } from '../../common/batch/batch-activity';
import { parseColorMode, parseSides, TicketPropertyNames } from '../../common/tickets/ticket-properties';
import { dayText, zonedDayOf } from './shop-time';

/** The value a job without the fact has: jobs lacking it share a batch with each other only. */
export const NO_VALUE = 'none';

const POINTS_PER_MM = 72 / 25.4;
const MAX_VALUE = 200;

/**
 * A job's values for the Batch step's chosen keys: jobs share a batch only when every value is
 * equal. Ticket facts are normalised as the Print step reads them ("duplex" and
 * "two-sided-long-edge" are one value), so two jobs that print alike batch alike.
 */
export function batchKeyValues(job: Readonly<Job>, keys: readonly BatchKey[], timeZone: string): Record<string, string> {
    const values: Record<string, string> = {};
    for (const key of keys) {
        values[key] = (keyValue(job, key, timeZone) ?? NO_VALUE).slice(0, MAX_VALUE);
    }
    return values;
}

function keyValue(job: Readonly<Job>, key: BatchKey, timeZone: string): string | undefined {
    const properties = job.properties ?? {};
    switch (key) {
        case 'media':
            return text(properties[TicketPropertyNames.media]);
        case 'sides':
            return sidesOf(job);
        case 'colorMode': {
            const value = properties[TicketPropertyNames.colorMode];
            if (value === undefined || value === '') {
                return undefined;
            }
            const parsed = parseColorMode(value);
            return 'value' in parsed ? parsed.value : text(value);
        }
        case 'product':
            return text(properties.productId) ?? text(properties.productName) ?? job.name;
        case 'sku':
            return text(properties.sku);
        case 'size':
            return sizeOf(job);
        case 'dueDay':
            return job.due ? dayText(zonedDayOf(Date.parse(job.due), timeZone)) : undefined;
        case 'connection':
            return job.connectionId;
    }
}

/** `sides`, else the `duplex` flag; one-sided when neither says otherwise (as the Print step's default). */
function sidesOf(job: Readonly<Job>): string {
    const properties = job.properties ?? {};
    const sides = properties[TicketPropertyNames.sides];
    if (sides !== undefined && sides !== '') {
        const parsed = parseSides(sides);
        return 'value' in parsed ? parsed.value : String(sides).trim().toLowerCase();
    }
    const duplex = properties.duplex;
    return duplex === true || duplex === 'true' || duplex === 'yes' ? 'two-sided-long-edge' : 'one-sided';
}

/** The print file's first page, in whole millimetres: "216 × 279 mm". */
function sizeOf(job: Readonly<Job>): string | undefined {
    const pages = job.files[0]?.pages;
    if (!pages || !('width' in pages)) {
        return undefined;
    }
    return `${Math.round(pages.width / POINTS_PER_MM)} × ${Math.round(pages.height / POINTS_PER_MM)} mm`;
}

function text(value: unknown): string | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    const trimmed = String(value).trim();
    return trimmed ? trimmed : undefined;
}

/**
 * The sheets a job takes, when its print file has been read: pages × copies one-sided, half the
 * pages (rounded up) × copies two-sided.
 */
export function jobSheets(job: Readonly<Job>): number | undefined {
    const pages = job.files[0]?.pages;
    if (!pages || !('count' in pages)) {
        return undefined;
    }
    const perCopy = sidesOf(job) === 'one-sided' ? pages.count : Math.ceil(pages.count / 2);
    return perCopy * job.copies;
}
