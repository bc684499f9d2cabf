import type { CloseoutCapableConnectionType, CloseoutPartAnswer } from '@presswork/platform/lib/common/connection-type-contribution';
import type { Connection } from '@presswork/platform/lib/common/connection-schema';
import { messageOf } from '@presswork/platform/lib/common/errors';
import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import type { CloseoutInput, CloseoutPart } from '../common/closeout-protocol';
import { CloseoutDocument, CloseoutsCollection, PartEvent, StoredPart } from './closeout-collections';
import { logEntry } from '@presswork/platform/lib/common/job-log';
import { PART_LABELS, requestSummary } from './closeout-audit';
import { dateToInstant } from './closeout-proposal';
import { PartResult, withNextSending, withResult } from './closeout-state';

/** What one attempt sends, to where, on whose behalf. */
export interface AttemptContext {
    readonly order: Order;
    readonly connection: Connection;
    readonly type: CloseoutCapableConnectionType;
    readonly input: CloseoutInput;
    readonly by: string;
}

/** Sends one part and reads its answer (or the transport failure). */
export async function sendPart(part: CloseoutPart, context: AttemptContext, now: () => Date): Promise<PartResult> {
    const { order, input, by } = context;
    const request = requestSummary(part, input, order.lineItems.length);
    let event: PartEvent;
    try {
        const answer = await send(part, context);
        event = eventOf(part, request, answer, now().toISOString());
    } catch (error) {
        event = { part, at: now().toISOString(), request, outcome: 'transport-error', message: `MarcomCentral did not answer: ${messageOf(error)}` };
    }
    const done = event.outcome === 'success' || event.outcome === 'already-done';
    const state: StoredPart = done
        ? { status: 'done', referenceId: event.referenceId, code: event.code, message: event.message, at: event.at, sent: true }
        : { status: 'failed', code: event.code, message: event.message, at: event.at, sent: true };
    return { part, done, state, event, entry: partLogEntry(event, by) };
}

/** A part's answer, durable before the next part leaves; the next part is marked 'sending' in the same write. */
export function recordPart(store: DocumentStore, orderId: string, result: PartResult): Promise<CloseoutDocument> {
    return store.modify(CloseoutsCollection, orderId, current => {
        const recorded = withResult(current, result);
        return { ...recorded, parts: result.done ? withNextSending(recorded.parts, result.event.at) : recorded.parts };
    });
}

function send(part: CloseoutPart, { order, connection, type, input }: AttemptContext): Promise<CloseoutPartAnswer> {
    switch (part) {
        case 'packingSlip':
            return type.createPackingSlip(connection, {
                marcomOrderId: order.marcomOrderId,
                packingSlipNumber: input.packingSlip.packingSlipNumber,
                shipDate: dateToInstant(input.packingSlip.shipDate),
                carrierName: input.packingSlip.carrierName,
                trackingNumber: input.packingSlip.trackingNumber || undefined
            });
        case 'invoice':
            return type.createInvoice(connection, {
                invoiceNumber: input.invoice.invoiceNumber,
                invoiceDate: dateToInstant(input.invoice.invoiceDate),
                lineItemIds: order.lineItems.map(line => line.id)
            });
        case 'settlement':
            return type.settle(connection, { marcomOrderId: order.marcomOrderId });
    }
}

function eventOf(part: CloseoutPart, request: string, answer: CloseoutPartAnswer, at: string): PartEvent {
    if (answer.outcome === 'failed') {
        const detail = answer.failures.length > 0 ? answer.failures.map(failure => `${failure.lineItemId ? `line ${failure.lineItemId}: ` : ''}${failure.message} (${failure.code})`).join('; ') : answer.message;
        const message = part === 'settlement' && answer.code === 403
            ? `The card authorization expired or was declined (MarcomCentral code 403: ${answer.message}). Nothing was charged; ask the customer for a new authorization, or settle the order in MarcomCentral.`
            : `MarcomCentral refused the ${PART_LABELS[part].toLowerCase()} (code ${answer.code}): ${detail}`;
        return { part, at, request, outcome: 'failed', code: answer.code, message: message.slice(0, 2000) };
    }
    return {
        part, at, request, outcome: answer.outcome, code: answer.code,
        message: (answer.outcome === 'already-done' ? `Already done in MarcomCentral (code 5): ${answer.message}` : answer.message).slice(0, 2000),
        referenceId: answer.referenceIds.join(', ').slice(0, 200) || undefined
    };
}

function partLogEntry(event: PartEvent, by: string): JobLogEntry {
    const answer = event.outcome === 'transport-error'
        ? event.message
        : `MarcomCentral answered code ${event.code} "${event.message}"${event.referenceId ? `, reference ${event.referenceId}` : ''}`;
    const outcome = event.outcome === 'success' || event.outcome === 'already-done' ? 'done' : 'failed';
    return logEntry(event.at, `${PART_LABELS[event.part]} ${outcome}: ${event.request}. ${answer}`, outcome === 'done' ? 'info' : 'error', by);
}
