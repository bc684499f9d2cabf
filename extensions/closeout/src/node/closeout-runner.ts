import { randomUUID } from 'node:crypto';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { ConnectionTypeRegistry } from '@presswork/platform/lib/common/connection-type-registry';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { CloseoutInputSchema, CloseoutPart, CloseoutPreparation, CloseoutProgress } from '../common/closeout-protocol';
import { CloseoutDocuments } from './closeout-documents';
import { CloseoutsCollection } from './closeout-collections';
import { closeOrder, endAttempt } from './closeout-finish';
import { CloseoutLock } from './closeout-lock';
import { AttemptContext, recordPart, sendPart } from './closeout-part-sender';
import { proposeInput } from './closeout-proposal';
import { notReadyItems } from './closeout-readiness';
import { PartResult, freshCloseout, nextPart, progressOf, settlementRequired } from './closeout-state';
import { CloseoutTarget, closeoutBlockedReason, closeoutTarget } from './closeout-target';
import { orderDetailsView } from './order-details';
import { WaitingJobReleaser } from './waiting-job-releaser';

// The runner's helpers, where the service, the projection, the bench and the specs have always found them.
export { clockTime } from './closeout-lock';
export { effectiveInput, freshCloseout, nextPart, progressOf, settlementRequired } from './closeout-state';
export type { PartResult } from './closeout-state';

export const CloseoutRunnerOptions = Symbol('CloseoutRunnerOptions');
export interface CloseoutRunnerOptions {
    readonly now?: () => Date;
    /** Identifies this backend process in locks; random per start by default. */
    readonly owner?: string;
    /** How long another server's lock holds without being renewed (PostgreSQL store), in milliseconds. Default 30 s. */
    readonly lockMs?: number;
}

/**
 * Closes orders out in their store, exactly once: packing slip → invoice → settlement, each part
 * marked 'sending' before it goes out and its answer recorded before the next begins, under a
 * lock kept in the closeout document (so two operators, or two backends, never run one order at
 * once). The order is closed, and its waiting jobs released, only when every required part is done.
 * This class sequences the attempt; the lock, the parts and the close are modules of their own.
 */
@injectable()
export class CloseoutRunner {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ConnectionTypeRegistry) protected readonly connectionTypes: ConnectionTypeRegistry;
    @inject(CloseoutDocuments) protected readonly documents: CloseoutDocuments;
    @inject(WaitingJobReleaser) protected readonly releaser: WaitingJobReleaser;
    @inject(ILogger) @named('closeout:CloseoutRunner') protected readonly logger: ILogger;
    @inject(CloseoutRunnerOptions) protected readonly options: CloseoutRunnerOptions;

    protected lockInstance: CloseoutLock | undefined;

    /** Made on first use: the fields it needs are injected after construction. */
    protected get lock(): CloseoutLock {
        this.lockInstance ??= new CloseoutLock(this.store, this.options.owner ?? randomUUID(), () => this.now(), this.options.lockMs);
        return this.lockInstance;
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
        const settled = this.store.get(CloseoutsCollection, order.id)?.parts.settlement.status === 'done';
        return closeoutBlockedReason(order, () => this.closeoutTarget(order), settled);
    }

    protected closeoutTarget(order: Order): CloseoutTarget {
        return closeoutTarget(this.store, this.connectionTypes, order);
    }

    async prepare(orderId: string): Promise<CloseoutPreparation> {
        const order = this.order(orderId);
        const closeout = this.store.get(CloseoutsCollection, orderId);
        const now = this.now();
        return {
            orderId,
            blocked: this.blockedReason(order),
            notReady: notReadyItems(order),
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
        const started = await this.lock.acquire(order, parsed.data, by);
        let last: PartResult | undefined;
        try {
            last = await this.runParts({ order, connection: target.connection, type: target.type, input: started.input!, by });
        } finally {
            await this.finish(orderId, by, last);
        }
        // Rendering the documents is CPU work that would hold up the parts: it follows the attempt (and the
        // document route renders a missing one itself). The jobs are released by the WaitingJobReleaser,
        // which follows the store's write of the closed order, while the dialog shows the order closed.
        this.track(this.documents.ensure(orderId, 'packing-slip'));
        this.track(this.documents.ensure(orderId, 'invoice'));
        return this.progress(orderId);
    }

    /**
     * Runs the parts still to do. A part's answer is recorded before the next part leaves; the last
     * part's answer is recorded by the close itself (the order's write, then the attempt's end), so
     * it is returned instead of written here. Undefined when the attempt stopped at a failed part.
     */
    protected async runParts(context: AttemptContext): Promise<PartResult | undefined> {
        for (let part = this.nextPartOf(context.order.id); part; part = this.nextPartOf(context.order.id)) {
            this.lock.checkHeld(context.order);
            const result = await sendPart(part, context, () => this.now());
            if (!result.done) {
                await recordPart(this.store, context.order.id, result);
                return undefined;
            }
            const parts = { ...this.store.get(CloseoutsCollection, context.order.id)!.parts, [part]: result.state };
            if (nextPart(parts) !== undefined) {
                await recordPart(this.store, context.order.id, result);
                continue;
            }
            await closeOrder(this.store, context, result, this.now().toISOString());
            return result;
        }
        // Every part was done before this attempt (an earlier close that did not get written).
        await closeOrder(this.store, context, undefined, this.now().toISOString());
        return undefined;
    }

    protected nextPartOf(orderId: string): CloseoutPart | undefined {
        return nextPart(this.store.get(CloseoutsCollection, orderId)!.parts);
    }

    /** Ends the attempt and releases the lock, even when the end could not be written (a lock left behind is abandoned). */
    protected async finish(orderId: string, by: string, last: PartResult | undefined): Promise<void> {
        try {
            await endAttempt(this.store, orderId, by, last, this.now().toISOString(), this.lock.owner);
        } finally {
            this.lock.release(orderId);
        }
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
        await this.releaser.idle();
    }
}
