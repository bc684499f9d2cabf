import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import { appendJobLog, appendOrderLog } from '@presswork/platform/lib/common/job-log';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { CloseoutInput, CloseoutPart } from '../common/closeout-protocol';

const entryKey = (entry: JobLogEntry): string => `${entry.at}|${entry.by ?? ''}|${entry.message}`;

/**
 * The order with the entries appended to its own log and to the log of each of its jobs. Entries
 * the order's log already holds (copied before a stop that left them pending too) are not repeated.
 */
export function withAudit(order: Order, added: readonly JobLogEntry[]): Order {
    const recent = new Set(order.log.slice(-(added.length + 1000)).map(entryKey));
    const entries = added.filter(entry => !recent.has(entryKey(entry)));
    if (entries.length === 0) {
        return order;
    }
    return {
        ...order,
        log: appendOrderLog(order.log, entries),
        jobs: order.jobs.map(job => ({ ...job, log: appendJobLog(job.log, entries) }))
    };
}

export const PART_LABELS: Readonly<Record<CloseoutPart, string>> = {
    packingSlip: 'Packing slip',
    invoice: 'Invoice',
    settlement: 'Settlement'
};

/** What was asked of the store for a part, for the audit: numbers and dates, never card data. */
export function requestSummary(part: CloseoutPart, input: CloseoutInput, lineCount: number): string {
    switch (part) {
        case 'packingSlip': {
            const slip = input.packingSlip;
            const tracking = slip.trackingNumber ? `, tracking ${slip.trackingNumber}` : '';
            return `packing slip ${slip.packingSlipNumber} for the whole order (${lineCount} lines), ship date ${slip.shipDate}, carrier ${slip.carrierName}${tracking}`;
        }
        case 'invoice':
            return `invoice ${input.invoice.invoiceNumber} dated ${input.invoice.invoiceDate} over ${lineCount} lines`;
        case 'settlement':
            return 'online settlement (capture of the card authorization)';
    }
}
