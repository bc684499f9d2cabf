import { randomUUID } from 'node:crypto';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ILogger } from '@theia/core/lib/common/logger';
import {
    CloseoutCapableConnectionType, CloseoutPartAnswer, ConnectionTypeContribution, canCloseOut
} from '@presswork/platform/lib/common/connection-type-contribution';
import type { Connection } from '@presswork/platform/lib/common/connection-schema';
import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';
import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import { FINISHED_JOB_STATES } from '@presswork/platform/lib/common/job-status';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import {
    CLOSEOUT_PARTS, CloseoutInput, CloseoutInputSchema, CloseoutPart, CloseoutPreparation, CloseoutProgress
} from '../common/closeout-protocol';
import { WAITING_FOR_CLOSEOUT } from '../common/closeout-activity';
import { CloseoutDocuments } from './closeout-documents';
import { Attempt, CloseoutDocument, CloseoutsCollection, PartEvent, StoredPart } from './closeout-collections';
import { PART_LABELS, logEntry, requestSummary, withAudit } from './closeout-audit';
import { dateToInstant, numberTakenBy, proposeInput } from './closeout-proposal';
import { distinctShipTo, orderDetailsView } from './order-details';
import { WaitingJobReleaser } from './waiting-job-releaser';

export const CloseoutRunnerOptions = Symbol('CloseoutRunnerOptions');
export interface CloseoutRunnerOptions {
    readonly now?: () => Date;
    /** Identifies this backend process in locks; random per start by default. */
    readonly owner?: string;
}

/** `hh:mm` in the server's zone, for "… since 14:05". */
export function clockTime(iso: string): string {
    const date = new Date(iso);
    return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export function progressOf(closeout: CloseoutDocument, order: Order | undefined): CloseoutProgress {
    const part = (stored: StoredPart): CloseoutProgress['parts'][CloseoutPart] => ({
        status: stored.status, referenceId: stored.referenceId, code: stored.code, message: stored.message, at: stored.at
    });
    return {
        orderId: closeout.id,
        version: closeout.version,
        input: closeout.input,
        parts: { packingSlip: part(closeout.parts.packingSlip), invoice: part(closeout.parts.invoice), settlement: part(closeout.parts.settlement) },
        runningBy: closeout.running?.by,
        runningSince: closeout.running?.since,
        closed: closeout.closed || !!order?.closed,
        closedBy: closeout.closedBy ?? order?.closeout?.closedBy,
        closedAt: closeout.closedAt ?? order?.closeout?.closedAt
    };
}

const PENDING: StoredPart = { status: 'pending', sent: false };

/** The closeout a never-closed-out order starts with (nothing sent, settlement only for card orders). */
export function freshCloseout(order: Order): Omit<CloseoutDocument, 'version'> {
    return {
        id: order.id,
        orderNumber: order.orderNumber,
        parts: { packingSlip: PENDING, invoice: PENDING, settlement: settlementRequired(order) ? PENDING : { status: 'not-required', sent: false } },
        attempts: [],
        pendingLog: [],
        closed: false
    };
}

export function settlementRequired(order: Pick<Order, 'paymentMethod'>): boolean {
    return order.paymentMethod === 'CreditCard';
}

/**
 * The numbers an attempt sends: a part that was ever sent keeps the numbers it was sent with (the
 * store may have applied it); a part never sent takes what the operator typed now.
 */
export function effectiveInput(closeout: CloseoutDocument, typed: CloseoutInput): CloseoutInput {
    const fixed = closeout.input;
    return {
        packingSlip: fixed && closeout.parts.packingSlip.sent ? fixed.packingSlip : typed.packingSlip,
        invoice: fixed && closeout.parts.invoice.sent ? fixed.invoice : typed.invoice
    };
}

/** The first part still to do, or undefined when every required part is done. */
export function nextPart(parts: CloseoutDocument['parts']): CloseoutPart | undefined {
    return CLOSEOUT_PARTS.find(part => parts[part].status !== 'done' && parts[part].status !== 'not-required');
}

/**
 * The parts with the next one marked 'sending' (and sent, which fixes its numbers): written in the
 * same write as what comes before it, so it is durable before the request leaves.
 */
function withNextSending(parts: CloseoutDocument['parts'], at: string): CloseoutDocument['parts'] {
    const next = nextPart(parts);
    return next ? { ...parts, [next]: { ...parts[next], status: 'sending', at, sent: true } } : parts;
}

/** One part's answer as the attempt records it. */
export interface PartResult {
    readonly part: CloseoutPart;
    readonly done: boolean;
    readonly state: StoredPart;
    readonly event: PartEvent;
    readonly entry: JobLogEntry;
}

/** The closeout with a part's answer: its state, the attempt's event, and its audit entry pending for the logs. */
function withResult(current: CloseoutDocument, result: PartResult): CloseoutDocument {
    const lastAttempt = current.attempts.length - 1;
    return {
        ...current,
        parts: { ...current.parts, [result.part]: result.state },
        attempts: current.attempts.map((attempt, index) => index === lastAttempt ? { ...attempt, events: [...attempt.events, result.event].slice(-10) } : attempt),
        pendingLog: [...current.pendingLog, result.entry].slice(-1000)
    };
}

interface AttemptContext {
    readonly order: Order;
    readonly connection: Connection;
    readonly type: CloseoutCapableConnectionType;
    readonly input: CloseoutInput;
    readonly by: string;
}

/**
 * Closes orders out in their store, exactly once: packing slip → invoice → settlement, each part
 * marked 'sending' before it goes out and its answer recorded before the next begins, under a
 * lock kept in the closeout document (so two operators, or two backends, never run one order at
 * once). The order is closed, and its waiting jobs released, only when every required part is done.
 */
@injectable()
export class CloseoutRunner {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ContributionProvider) @named(ConnectionTypeContribution)
    protected readonly connectionTypes: ContributionProvider<ConnectionTypeContribution>;
    @inject(CloseoutDocuments) protected readonly documents: CloseoutDocuments;
    @inject(WaitingJobReleaser) protected readonly releaser: WaitingJobReleaser;
    @inject(ILogger) @named('closeout:CloseoutRunner') protected readonly logger: ILogger;
    @inject(CloseoutRunnerOptions) protected readonly options: CloseoutRunnerOptions;

    /** Orders whose attempt runs in this backend now. */
    protected readonly runningHere = new Set<string>();
    protected ownerId: string | undefined;

    protected get owner(): string {
        this.ownerId ??= this.options.owner ?? randomUUID();
        return this.ownerId;
    }

    protected now(): Date {
        return this.options.now?.() ?? new Date();
    }

    order(orderId: string): Order {
        const order = this.store.get(OrdersCollection, orderId);
        if (!order) {
            throw PressworkError.NotFound(`The order ${orderId} no longer exists`);
        }
        return order;
    }

    progress(orderId: string): CloseoutProgress {
        const order = this.order(orderId);
        const closeout = this.store.get(CloseoutsCollection, orderId);
        return progressOf(closeout ?? { ...freshCloseout(order), version: 0 }, order);
    }

    /** Why the order cannot be closed out here at all, or undefined when it can. */
    blockedReason(order: Order): string | undefined {
        if (order.closed) {
            return `Order ${order.orderNumber} is already closed`;
        }
        const addresses = distinctShipTo(order).length;
        if (addresses > 1) {
            return `This order ships to ${addresses} addresses; close it out in MarcomCentral`;
        }
        const target = this.closeoutTarget(order);
        return 'problem' in target ? target.problem : undefined;
    }

    protected closeoutTarget(order: Order): { connection: Connection; type: CloseoutCapableConnectionType } | { problem: string } {
        const connection = this.store.get(ConnectionsCollection, order.connectionId);
        if (!connection) {
            return { problem: `The connection order ${order.orderNumber} came from no longer exists; close it out in its store` };
        }
        const type = this.connectionTypes.getContributions().find(candidate => candidate.type === connection.type);
        if (!type || !canCloseOut(type)) {
            return { problem: `Orders of ${connection.name} (${connection.type}) cannot be closed out from Presswork; close it out in its store` };
        }
        return { connection, type };
    }

    async prepare(orderId: string): Promise<CloseoutPreparation> {
        const order = this.order(orderId);
        const closeout = this.store.get(CloseoutsCollection, orderId);
        const now = this.now();
        return {
            orderId,
            blocked: this.blockedReason(order),
            notReady: order.jobs
                .filter(job => job.state !== WAITING_FOR_CLOSEOUT && !FINISHED_JOB_STATES.has(job.state))
                .map(job => ({ jobId: job.id, name: job.name, state: job.state })),
            details: orderDetailsView(order, this.documents.availability(orderId), now),
            proposal: closeout?.input ?? proposeInput(this.store, order, now),
            settlementRequired: settlementRequired(order),
            progress: this.progress(orderId)
        };
    }

    /** One attempt: refused while another runs; resolves with the progress when it ends. */
    async closeOut(orderId: string, typed: unknown, by: string): Promise<CloseoutProgress> {
        const parsed = CloseoutInputSchema.safeParse(typed);
        if (!parsed.success) {
            throw PressworkError.InvalidInput(describeZodError(parsed.error));
        }
        const order = this.order(orderId);
        const blocked = this.blockedReason(order);
        const target = this.closeoutTarget(order);
        if (blocked || 'problem' in target) {
            throw PressworkError.Refused(blocked ?? ('problem' in target ? target.problem : ''));
        }
        const started = await this.acquire(order, parsed.data, by);
        let last: PartResult | undefined;
        try {
            last = await this.runParts({ order, connection: target.connection, type: target.type, input: started.input!, by });
        } finally {
            await this.finish(orderId, by, last);
        }
        // Rendering the documents is CPU work that would hold up the parts: it follows the attempt (and the
        // document route renders a missing one itself). The engine moves each job on in a write of its own:
        // that follows too, while the dialog shows the order closed.
        this.track(this.documents.ensure(orderId, 'packing-slip'));
        this.track(this.documents.ensure(orderId, 'invoice'));
        this.track(this.releaser.release(orderId));
        return this.progress(orderId);
    }

    protected attemptSummary(closeout: CloseoutDocument, order: Order): string {
        const input = closeout.input!;
        return CLOSEOUT_PARTS.map(part => {
            const state = closeout.parts[part];
            const label = part === 'settlement' ? 'settlement' : requestSummary(part, input, order.lineItems.length);
            return state.status === 'done' ? `${PART_LABELS[part].toLowerCase()} already done` : state.status === 'not-required' ? 'no settlement (not a card order)' : label;
        }).join('; ');
    }

    /**
     * One backend owns a data folder at a time (the store is embedded), so a lock that no attempt of
     * this process holds was left by a stop or a crash: the next attempt resumes at once.
     */
    protected isAbandoned(closeout: CloseoutDocument): boolean {
        return !closeout.running || !this.runningHere.has(closeout.id);
    }

    /**
     * Takes the lock, fixes the numbers and opens an attempt, in one write (the first attempt creates
     * the closeout document with it); refuses with who holds the lock.
     */
    protected async acquire(order: Order, typed: CloseoutInput, by: string): Promise<CloseoutDocument> {
        const now = this.now();
        try {
            if (!this.store.get(CloseoutsCollection, order.id)) {
                try {
                    const { version: _new, ...created } = this.startAttempt({ ...freshCloseout(order), version: 0 }, order, typed, by, now);
                    return await this.store.create(CloseoutsCollection, created);
                } catch (error) {
                    // Another attempt created it in the meantime: take the lock as from an existing one.
                    if (!this.store.get(CloseoutsCollection, order.id)) {
                        throw error;
                    }
                }
            }
            return await this.store.modify(CloseoutsCollection, order.id, current => this.startAttempt(current, order, typed, by, now));
        } catch (error) {
            if (this.store.get(CloseoutsCollection, order.id)?.running?.owner !== this.owner) {
                this.runningHere.delete(order.id);
            }
            throw error;
        }
    }

    protected startAttempt(current: CloseoutDocument, order: Order, typed: CloseoutInput, by: string, now: Date): CloseoutDocument {
        if (!this.isAbandoned(current)) {
            const lock = current.running!;
            throw PressworkError.Refused(`${lock.by} is closing out order ${order.orderNumber} since ${clockTime(lock.since)}`);
        }
        if (current.closed) {
            throw PressworkError.Refused(`Order ${order.orderNumber} is already closed`);
        }
        const input = effectiveInput(current, typed);
        this.checkNumbersFree(order, input);
        this.runningHere.add(order.id);
        const attempt: Attempt = { by, startedAt: now.toISOString(), events: [] };
        const started: CloseoutDocument = {
            ...current,
            input,
            parts: withNextSending(current.parts, now.toISOString()),
            running: { by, since: now.toISOString(), owner: this.owner },
            attempts: [...current.attempts.slice(-199), attempt]
        };
        const opened = logEntry(`Closeout attempt ${started.attempts.length} by ${by}: ${this.attemptSummary(started, order)}`, by, now.toISOString());
        return { ...started, pendingLog: [...current.pendingLog, opened].slice(-1000) };
    }

    protected checkNumbersFree(order: Order, input: CloseoutInput): void {
        const slipOwner = numberTakenBy(this.store, 'packingSlipNumber', input.packingSlip.packingSlipNumber, order.id);
        if (slipOwner) {
            throw PressworkError.Refused(`Packing slip number ${input.packingSlip.packingSlipNumber} is already used by order ${slipOwner}`);
        }
        const invoiceOwner = numberTakenBy(this.store, 'invoiceNumber', input.invoice.invoiceNumber, order.id);
        if (invoiceOwner) {
            throw PressworkError.Refused(`Invoice number ${input.invoice.invoiceNumber} is already used by order ${invoiceOwner}`);
        }
    }

    /**
     * Runs the parts still to do. A part's answer is recorded before the next part leaves; the last
     * part's answer is recorded by the close itself (the order's write, then the attempt's end), so
     * it is returned instead of written here. Undefined when the attempt stopped at a failed part.
     */
    protected async runParts(context: AttemptContext): Promise<PartResult | undefined> {
        for (let part = this.nextPartOf(context.order.id); part; part = this.nextPartOf(context.order.id)) {
            const result = await this.runPart(part, context);
            if (!result.done) {
                await this.record(context.order.id, result);
                return undefined;
            }
            const parts = { ...this.store.get(CloseoutsCollection, context.order.id)!.parts, [part]: result.state };
            if (nextPart(parts) !== undefined) {
                await this.record(context.order.id, result);
                continue;
            }
            await this.closeOrder(context, result);
            return result;
        }
        // Every part was done before this attempt (an earlier close that did not get written).
        await this.closeOrder(context, undefined);
        return undefined;
    }

    /** Work that follows an attempt (documents, job release): tests and benchmarks wait for it. */
    protected readonly pending = new Set<Promise<unknown>>();

    protected track(work: Promise<unknown>): void {
        const tracked = work.catch(error => this.logger.error('Closeout follow-up work failed', error)).finally(() => this.pending.delete(tracked));
        this.pending.add(tracked);
    }

    /** Resolves when the documents and job releases started so far are done. */
    async idle(): Promise<void> {
        while (this.pending.size > 0) {
            await Promise.allSettled([...this.pending]);
        }
    }

    protected nextPartOf(orderId: string): CloseoutPart | undefined {
        return nextPart(this.store.get(CloseoutsCollection, orderId)!.parts);
    }

    /** Sends one part and reads its answer (or the transport failure). */
    protected async runPart(part: CloseoutPart, context: AttemptContext): Promise<PartResult> {
        const { order, input, by } = context;
        const request = requestSummary(part, input, order.lineItems.length);
        let event: PartEvent;
        try {
            const answer = await this.send(part, context);
            event = this.eventOf(part, request, answer);
        } catch (error) {
            event = { part, at: this.now().toISOString(), request, outcome: 'transport-error', message: `MarcomCentral did not answer: ${messageOf(error)}` };
        }
        const done = event.outcome === 'success' || event.outcome === 'already-done';
        const state: StoredPart = done
            ? { status: 'done', referenceId: event.referenceId, code: event.code, message: event.message, at: event.at, sent: true }
            : { status: 'failed', code: event.code, message: event.message, at: event.at, sent: true };
        return { part, done, state, event, entry: this.partLogEntry(event, by) };
    }

    /** A part's answer, durable before the next part leaves; the next part is marked 'sending' in the same write. */
    protected record(orderId: string, result: PartResult): Promise<CloseoutDocument> {
        return this.store.modify(CloseoutsCollection, orderId, current => {
            const recorded = withResult(current, result);
            return { ...recorded, parts: result.done ? withNextSending(recorded.parts, result.event.at) : recorded.parts };
        });
    }

    protected send(part: CloseoutPart, { order, connection, type, input }: AttemptContext): Promise<CloseoutPartAnswer> {
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

    protected eventOf(part: CloseoutPart, request: string, answer: CloseoutPartAnswer): PartEvent {
        const at = this.now().toISOString();
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

    protected partLogEntry(event: PartEvent, by: string): JobLogEntry {
        const answer = event.outcome === 'transport-error'
            ? event.message
            : `MarcomCentral answered code ${event.code} "${event.message}"${event.referenceId ? `, reference ${event.referenceId}` : ''}`;
        const outcome = event.outcome === 'success' || event.outcome === 'already-done' ? 'done' : 'failed';
        return logEntry(`${PART_LABELS[event.part]} ${outcome}: ${event.request}. ${answer}`, by, event.at, outcome === 'done' ? 'info' : 'error');
    }

    /** Every required part is done: the order is closed with its record and the audit, in one write. */
    protected async closeOrder({ order, input, by }: AttemptContext, last: PartResult | undefined): Promise<void> {
        const closeout = this.store.get(CloseoutsCollection, order.id)!;
        const at = this.now().toISOString();
        const settlementState = last?.part === 'settlement' ? last.state : closeout.parts.settlement;
        const settlement = settlementState.status === 'done' ? settlementState.referenceId : undefined;
        const record = {
            packingSlipNumber: input.packingSlip.packingSlipNumber,
            invoiceNumber: input.invoice.invoiceNumber,
            // The record keeps one reference (the store answers the same capture for every line).
            settlementReference: settlement?.split(', ')[0].slice(0, 64),
            closedBy: by,
            closedAt: at
        };
        const summary = `Order ${order.orderNumber} closed out by ${by}: packing slip ${record.packingSlipNumber}, invoice ${record.invoiceNumber}` +
            (settlement ? `, settlement ${settlement}` : settlementState.status === 'not-required' ? ', no settlement (not a card order)' : '');
        const audit = [...closeout.pendingLog, ...(last ? [last.entry] : []), logEntry(summary, by, at)];
        await this.store.modify(OrdersCollection, order.id, current => ({ ...withAudit(current, audit), closed: true, closeout: record }));
    }

    /** Releases the lock and ends the attempt (closed, or stopped at a part), in one write; with the last part's answer when the attempt closed the order. */
    protected async finish(orderId: string, by: string, last: PartResult | undefined): Promise<void> {
        try {
            const at = this.now().toISOString();
            const pendingLog = this.store.get(CloseoutsCollection, orderId)?.pendingLog ?? [];
            // Closing the order wrote them already; a stopped attempt copies them now.
            if (pendingLog.length > 0 && !this.store.get(OrdersCollection, orderId)?.closed) {
                await this.store.modify(OrdersCollection, orderId, order => withAudit(order, pendingLog));
            }
            const record = this.store.get(OrdersCollection, orderId)?.closeout;
            const closed = !!this.store.get(OrdersCollection, orderId)?.closed;
            await this.store.modify(CloseoutsCollection, orderId, current => {
                const { running: _released, ...rest } = last ? withResult(current, last) : current;
                return {
                    ...rest,
                    // Copied into the order's and jobs' logs by now (the last part's entry with the close).
                    pendingLog: current.pendingLog.slice(pendingLog.length),
                    closed,
                    closedBy: closed ? record?.closedBy : undefined,
                    closedAt: closed ? record?.closedAt : undefined,
                    attempts: rest.attempts.map((attempt, index) => index === rest.attempts.length - 1 && attempt.by === by && !attempt.endedAt
                        ? { ...attempt, endedAt: at, outcome: closed ? 'closed' as const : 'stopped' as const }
                        : attempt)
                };
            });
        } finally {
            this.runningHere.delete(orderId);
        }
    }
}
