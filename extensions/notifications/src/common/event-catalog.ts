import type { JobState } from '@presswork/platform/lib/common/job-status';
import type { PressworkEventName, PressworkEventPayload } from '@presswork/platform/lib/common/presswork-events';

/**
 * What the Notifications view and Preview show of each event: its label, the kind of subject it
 * is about (order events may mail the customer), a sample payload to preview a template with, and
 * the template a new rule starts from.
 */
export interface EventCatalogEntry<N extends PressworkEventName = PressworkEventName> {
    readonly name: N;
    readonly label: string;
    readonly description: string;
    /** Whether the event concerns an order (so the order's customer may be a recipient). */
    readonly aboutOrder: boolean;
    readonly sample: PressworkEventPayload<N>;
    readonly defaultSubject: string;
    readonly defaultText: string;
}

const SAMPLE_JOB_FIELDS = {
    jobId: 'j-0001',
    jobName: 'Business cards',
    orderId: 'o-0001',
    orderNumber: 'ORD-10042',
    connectionId: 'c-0001',
    phase: 'Print',
    activity: 'Print',
    reason: 'Printer A is out of paper (tray 1)',
    due: '2026-12-07T17:00:00.000Z'
} as const;

/** A sample job in `state`, with some fields changed: sample payloads only, never a job written anywhere. */
function sampleJob<S extends JobState, C extends object>(state: S, change: C): Omit<typeof SAMPLE_JOB_FIELDS, keyof C> & { state: S } & C {
    return Object.assign({ state }, SAMPLE_JOB_FIELDS, change);
}

const SAMPLE_JOB = sampleJob('Error', {});

const SAMPLE_ORDER = { orderId: 'o-0001', orderNumber: 'ORD-10042', connectionId: 'c-0001', customerName: 'Jordan Lee' } as const;
const SAMPLE_PRINTER = {
    printerId: 'p-0001',
    printer: 'Printer A',
    printerState: 'stopped',
    reason: 'out of paper',
    reasonKeywords: 'media-empty',
    orderNumber: 'ORD-10042',
    jobName: 'Business cards',
    atPrinter: 'order ORD-10042, Business cards'
} as const;
const SAMPLE_CONNECTION = { connectionId: 'c-0001', connection: 'Main storefront' } as const;
const SAMPLE_TIME = '2026-12-05T14:30:00.000Z';

export const EVENT_CATALOG: { readonly [N in PressworkEventName]: EventCatalogEntry<N> } = {
    'job.state-changed': {
        name: 'job.state-changed', label: 'Job state changed', aboutOrder: true,
        description: 'A job moved from one state to another.',
        sample: sampleJob('Printed', { from: 'Printing', to: 'Printed', reason: undefined }),
        defaultSubject: 'Order {orderNumber}: {jobName} is {to}',
        defaultText: 'Job {jobName} of order {orderNumber} went from {from} to {to}.'
    },
    'job.error': {
        name: 'job.error', label: 'Job in Error', aboutOrder: true,
        description: 'A job stopped in Error and needs someone.',
        sample: SAMPLE_JOB,
        defaultSubject: 'Order {orderNumber}: {jobName} is in Error',
        defaultText: 'Job {jobName} of order {orderNumber} stopped in Error at {activity}: {reason}'
    },
    'job.stalled': {
        name: 'job.stalled', label: 'Job stalled', aboutOrder: true,
        description: 'A job has not changed state for a while, and is not waiting for an operator.',
        sample: sampleJob('Processing', { reason: undefined, minutes: 30, since: SAMPLE_TIME }),
        defaultSubject: 'Order {orderNumber}: {jobName} has been {state} for {minutes} minutes',
        defaultText: 'Job {jobName} of order {orderNumber} has been {state} at {activity} since {since}.'
    },
    'job.waiting-for-operator': {
        name: 'job.waiting-for-operator', label: 'Job waiting for an operator', aboutOrder: true,
        description: 'A job has waited for an operator (held, an approval, a check) for a while.',
        sample: sampleJob('Waiting', { activity: 'Prepress Check', reason: 'Check the print file', minutes: 60, since: SAMPLE_TIME }),
        defaultSubject: 'Order {orderNumber}: {jobName} has waited {minutes} minutes at {activity}',
        defaultText: 'Job {jobName} of order {orderNumber} waits at {activity}: {reason}'
    },
    'job.at-risk': {
        name: 'job.at-risk', label: 'Job at risk', aboutOrder: true,
        description: 'A job not printed yet is within its production template\'s at-risk hours of its due date (said once per due date).',
        sample: sampleJob('Queued', { reason: undefined, due: '2026-12-05T17:00:00.000Z' }),
        defaultSubject: 'Order {orderNumber}: {jobName} may miss its due date',
        defaultText: 'Job {jobName} of order {orderNumber} is due {due} and is still {state}.'
    },
    'job.overdue': {
        name: 'job.overdue', label: 'Job overdue', aboutOrder: true,
        description: 'A job passed its due date before it finished.',
        sample: sampleJob('Queued', { reason: undefined, due: '2026-12-05T12:00:00.000Z' }),
        defaultSubject: 'Order {orderNumber}: {jobName} is overdue',
        defaultText: 'Job {jobName} of order {orderNumber} was due {due} and is still {state}.'
    },
    'printer.needs-attention': {
        name: 'printer.needs-attention', label: 'Printer needs attention', aboutOrder: false,
        description: 'A printer stopped, ran out of paper, jammed, or stopped answering.',
        sample: { ...SAMPLE_PRINTER, since: SAMPLE_TIME },
        defaultSubject: '{printer} needs attention: {reason}',
        defaultText: '{printer} is {printerState}: {reason} (since {since}).\nAt the printer: {atPrinter}.'
    },
    'printer.recovered': {
        name: 'printer.recovered', label: 'Printer recovered', aboutOrder: false,
        description: 'A printer that needed attention is fine again.',
        sample: { ...SAMPLE_PRINTER, printerState: 'idle', reason: undefined, reasonKeywords: undefined, atPrinter: undefined, orderNumber: undefined, jobName: undefined, troubleSince: SAMPLE_TIME },
        defaultSubject: '{printer} is ready again',
        defaultText: '{printer} is {printerState} again (it needed attention since {troubleSince}).'
    },
    'connection.failing': {
        name: 'connection.failing', label: 'Connection failing', aboutOrder: false,
        description: 'A store connection stopped taking orders in.',
        sample: { ...SAMPLE_CONNECTION, since: SAMPLE_TIME, reason: 'MarcomCentral refused the token' },
        defaultSubject: 'Connection {connection} is failing',
        defaultText: 'Connection {connection} has failed since {since}: {reason}'
    },
    'connection.recovered': {
        name: 'connection.recovered', label: 'Connection recovered', aboutOrder: false,
        description: 'A failing store connection takes orders in again.',
        sample: { ...SAMPLE_CONNECTION, failingSince: SAMPLE_TIME },
        defaultSubject: 'Connection {connection} works again',
        defaultText: 'Connection {connection} takes orders in again (it failed since {failingSince}).'
    },
    'order.ready-for-closeout': {
        name: 'order.ready-for-closeout', label: 'Order ready for closeout', aboutOrder: true,
        description: 'Every job of the order waits at Closeout Order.',
        sample: { ...SAMPLE_ORDER, jobs: 3 },
        defaultSubject: 'Order {orderNumber} is ready for closeout',
        defaultText: 'All {jobs} jobs of order {orderNumber} wait for the order to be closed out.'
    },
    'order.closed-out': {
        name: 'order.closed-out', label: 'Order closed out', aboutOrder: true,
        description: 'The order was closed out in MarcomCentral.',
        sample: { ...SAMPLE_ORDER, packingSlipNumber: 'PS-10042', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' },
        defaultSubject: 'Order {orderNumber} has shipped',
        defaultText: 'Order {orderNumber} was closed out: packing slip {packingSlipNumber}, {carrier} tracking number {trackingNumber}.'
    },
    'order.closeout-failed': {
        name: 'order.closeout-failed', label: 'Closeout failed', aboutOrder: true,
        description: 'MarcomCentral refused a part of a closeout.',
        sample: { ...SAMPLE_ORDER, part: 'invoice', code: 'InvalidInvoice', message: 'The invoice total does not match the order' },
        defaultSubject: 'Order {orderNumber}: closeout failed at the {part}',
        defaultText: 'Closing out order {orderNumber} failed at the {part}: {message} ({code}).'
    },
    'order.card-authorization-expiring': {
        name: 'order.card-authorization-expiring', label: 'Card authorization expiring', aboutOrder: true,
        description: "An open order's credit card authorization expires soon.",
        sample: { ...SAMPLE_ORDER, expiresAt: '2026-12-06T09:00:00.000Z', hours: 18 },
        defaultSubject: 'Order {orderNumber}: card authorization expires {expiresAt}',
        defaultText: 'The card authorization of order {orderNumber} expires {expiresAt}, in {hours} hours. Close the order out before then.'
    }
};
