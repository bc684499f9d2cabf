import { inject, injectable } from '@theia/core/shared/inversify';
import { MAX_DOCUMENT_BYTES, TOO_LARGE_ORDER_PATH, describeBytes } from '@presswork/platform/lib/common';
import type { Connection, Order, OrderWindow, ProductionTemplate, ReceivedOrder, RejectedOrderSource } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, ProductionTemplatesCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { DocumentConflictError, DocumentTooLargeError, DocumentUnavailableError, DocumentValidationError } from '@presswork/platform/lib/node/store/store-errors';
import { orderDocumentId, rejectedOrderId } from './intake-ids';
import { buildJobs } from './job-builder';
import { DigestedOrders, ReceivedDigests } from './received-digests';
import { WindowWrites } from './window-writes';
import { shipToFlag } from '@presswork/platform/lib/common/ship-to';
import { RejectedOrders } from './rejected-orders';

/**
 * Orders created this long before a window's start are no longer remembered by digest: every later
 * window starts after the current one's start, and this margin covers a store whose clock or
 * CreateDate is a little off.
 */
export const DIGEST_MEMORY_MARGIN_MS = 60 * 60 * 1000;

export interface IntakeResult {
    readonly received: number;
    readonly created: number;
    readonly duplicates: number;
    readonly rejected: number;
}

/**
 * Orders written at once while a window is taken in: each waits for its own durable write, and
 * together they share the store's fsync rounds (group commit) instead of taking one round each.
 */
export const INTAKE_WRITES_AT_ONCE = 128;

/** A window's orders taken in as they are read (see OrderIntake.startWindow). */
export interface WindowIntake {
    /** Queues orders to be written, each with its digest when the fetch gave one; nothing more is taken after a write failed. */
    add(orders: readonly ReceivedOrder[], digests?: ReadonlyMap<string, string>): void;
    /**
     * Takes in what the fetch's result still holds (orders not added before, the quarantined ones,
     * the unchanged ones), waits for every write, and counts the window; rejects with the first
     * failure of a write once the writes under way have ended.
     */
    finish(fetched: DigestedOrders): Promise<IntakeResult>;
}

/**
 * Turns what a store sent into stored orders, each with one job per line item, in one durable
 * write per order: an order is stored whole or not at all. The same order twice is a duplicate,
 * never a second copy. An order that fails validation is quarantined and the rest go on.
 */
@injectable()
export class OrderIntake {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(RejectedOrders) protected readonly rejectedOrders: RejectedOrders;
    protected readonly digests = new ReceivedDigests();

    /**
     * Whether the order is taken in already, or quarantined for its size: the connection need not
     * fetch it again. An order quarantined for a wrong field is not held: it is read on every poll,
     * so that it is taken in once the store corrects it.
     */
    holds(connectionId: string, marcomOrderId: string): boolean {
        return !!this.store.get(OrdersCollection, orderDocumentId(connectionId, marcomOrderId))
            || this.rejectedOrders.get(rejectedOrderId(connectionId, marcomOrderId, undefined))?.path === TOO_LARGE_ORDER_PATH;
    }

    /**
     * The digests of the orders this connection has taken in that `window` may hold again (its
     * overlap): an order with one of these is unchanged and needs neither mapping nor a write. Only
     * orders still stored count; after a restart the memory is seeded from the digests stored
     * with the orders.
     */
    knownOrders(connectionId: string, window: OrderWindow): ReadonlySet<string> {
        const sinceMs = Date.parse(window.start) - DIGEST_MEMORY_MARGIN_MS;
        if (!this.digests.isSeeded(connectionId)) {
            for (const order of this.store.all(OrdersCollection)) {
                if (order.connectionId === connectionId && order.receivedDigest && Date.parse(order.createDate) >= sinceMs) {
                    this.digests.remember(connectionId, order.marcomOrderId, order.receivedDigest, order.createDate);
                }
            }
        }
        return this.digests.known(connectionId, sinceMs, marcomOrderId => !!this.store.get(OrdersCollection, orderDocumentId(connectionId, marcomOrderId)));
    }

    /** Forgets the digests remembered for the connection: the next poll seeds them from the store again. */
    forgetDigests(connectionId: string): void {
        this.digests.forget(connectionId);
    }

    /** Stores what a poll fetched, as startWindow(…).finish(fetched). */
    takeIn(connection: Connection, fetched: DigestedOrders, now = new Date()): Promise<IntakeResult> {
        return this.startWindow(connection, now).finish(fetched);
    }

    /**
     * Starts taking in a window whose orders arrive in parts: each order is written as soon as it
     * is added, at most INTAKE_WRITES_AT_ONCE at once, while the rest are still being read. Orders
     * recognised unchanged are duplicates, with no work at all; each other order goes the usual
     * way, and its digest, when the poll gave one, is stored with it and remembered for the next
     * poll's overlap.
     */
    startWindow(connection: Connection, now = new Date()): WindowIntake {
        let received = 0;
        let created = 0;
        let duplicates = 0;
        let rejected = 0;
        const templates = [...this.store.all(ProductionTemplatesCollection)];
        const writes = new WindowWrites<{ readonly order: ReceivedOrder; readonly digest?: string }>(INTAKE_WRITES_AT_ONCE, async ({ order, digest }) => {
            const outcome = await this.storeOrder(connection, digest === undefined ? order : { ...order, receivedDigest: digest }, now, templates);
            created += outcome === 'created' ? 1 : 0;
            duplicates += outcome === 'duplicate' ? 1 : 0;
            rejected += outcome === 'rejected' ? 1 : 0;
            if (digest !== undefined && outcome !== 'rejected') {
                // A duplicate whose content changed is treated as every duplicate is today: nothing is
                // written, so this content needs no second look either.
                this.digests.remember(connection.id, order.marcomOrderId, digest, order.createDate);
            }
        });
        const add = (orders: readonly ReceivedOrder[], digests?: ReadonlyMap<string, string>): void => {
            received += orders.length;
            writes.add(orders.map(order => ({ order, digest: digests?.get(order.marcomOrderId) })));
        };
        return {
            add,
            finish: async fetched => {
                add(fetched.orders, fetched.digests);
                await writes.end();
                duplicates += fetched.unchanged?.length ?? 0;
                for (const source of fetched.rejected) {
                    if (!source.marcomOrderId || !this.store.get(OrdersCollection, orderDocumentId(connection.id, source.marcomOrderId))) {
                        await this.rejectedOrders.quarantine(connection.id, source, now);
                        rejected++;
                    }
                }
                return { received: received + fetched.rejected.length + (fetched.unchanged?.length ?? 0), created, duplicates, rejected };
            }
        };
    }

    protected async storeOrder(
        connection: Connection, received: ReceivedOrder, now: Date, templates: readonly ProductionTemplate[]
    ): Promise<'created' | 'duplicate' | 'rejected'> {
        const id = orderDocumentId(connection.id, received.marcomOrderId);
        if (this.store.get(OrdersCollection, id)) {
            return 'duplicate';
        }
        const order: Omit<Order, 'jobs' | 'version'> = {
            ...received, ...shipToFlag(received), id, connectionId: connection.id, receivedAt: now.toISOString(), closed: false, log: []
        };
        const jobs = buildJobs(order, templates, now);
        try {
            await this.store.create(OrdersCollection, { ...order, jobs });
        } catch (error) {
            if (error instanceof DocumentConflictError || error instanceof DocumentUnavailableError) {
                // Taken in before; an unreadable copy is in the administrators' Problems list, and
                // the orders after it go on.
                return 'duplicate';
            }
            if (error instanceof DocumentValidationError) {
                await this.rejectedOrders.quarantine(connection.id, invalidOrder(received, error), now);
                return 'rejected';
            }
            throw error;
        }
        await this.rejectedOrders.release(connection.id, received.marcomOrderId);
        return 'created';
    }
}

/** An order that passed the store's reading but not the rules for jobs (for example a quantity of 0). */
function invalidOrder(received: ReceivedOrder, error: DocumentValidationError): RejectedOrderSource {
    if (error instanceof DocumentTooLargeError) {
        const reason = `The order with its jobs would be ${describeBytes(error.bytes)} stored, more than the ${describeBytes(MAX_DOCUMENT_BYTES)} an order may have`;
        return { marcomOrderId: received.marcomOrderId, orderNumber: received.orderNumber, path: TOO_LARGE_ORDER_PATH, reason, source: received };
    }
    const [path, ...reason] = error.problems.split(': ');
    return { marcomOrderId: received.marcomOrderId, orderNumber: received.orderNumber, path: asOrderField(path), reason: reason.join(': ') || error.problems, source: received };
}

/** Names a job's field by the order field it came from, as an administrator knows it from MarcomCentral. */
function asOrderField(path: string): string {
    return path.replace(/^jobs\.(\d+)\.copies$/, 'lineItems.$1.quantity').replace(/^jobs\.(\d+)\.name$/, 'lineItems.$1.productName');
}
