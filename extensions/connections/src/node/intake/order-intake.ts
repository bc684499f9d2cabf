import { inject, injectable } from '@theia/core/shared/inversify';
import { MAX_DOCUMENT_BYTES, TOO_LARGE_ORDER_PATH, describeBytes } from '@presswork/platform/lib/common';
import type { Connection, FetchedOrders, Order, ReceivedOrder, RejectedOrderSource } from '@presswork/platform/lib/common';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { OrdersCollection, ProductionTemplatesCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { DocumentConflictError, DocumentTooLargeError, DocumentUnavailableError, DocumentValidationError } from '@presswork/platform/lib/node/store/store-errors';
import { orderDocumentId, rejectedOrderId } from './intake-ids';
import { buildJobs } from './job-builder';
import { RejectedOrders } from './rejected-orders';

export interface IntakeResult {
    readonly received: number;
    readonly created: number;
    readonly duplicates: number;
    readonly rejected: number;
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

    /**
     * Whether the order is taken in already, or quarantined for its size: the connection need not
     * fetch it again. An order quarantined for a wrong field is not held: it is read on every poll,
     * so that it is taken in once the store corrects it.
     */
    holds(connectionId: string, marcomOrderId: string): boolean {
        return !!this.store.get(OrdersCollection, orderDocumentId(connectionId, marcomOrderId))
            || this.rejectedOrders.get(rejectedOrderId(connectionId, marcomOrderId, undefined))?.path === TOO_LARGE_ORDER_PATH;
    }

    async takeIn(connection: Connection, fetched: FetchedOrders, now = new Date()): Promise<IntakeResult> {
        let created = 0;
        let duplicates = 0;
        let rejected = 0;
        for (const received of fetched.orders) {
            const outcome = await this.storeOrder(connection, received, now);
            created += outcome === 'created' ? 1 : 0;
            duplicates += outcome === 'duplicate' ? 1 : 0;
            rejected += outcome === 'rejected' ? 1 : 0;
        }
        for (const source of fetched.rejected) {
            if (!source.marcomOrderId || !this.store.get(OrdersCollection, orderDocumentId(connection.id, source.marcomOrderId))) {
                await this.rejectedOrders.quarantine(connection.id, source, now);
                rejected++;
            }
        }
        return { received: fetched.orders.length + fetched.rejected.length, created, duplicates, rejected };
    }

    protected async storeOrder(connection: Connection, received: ReceivedOrder, now: Date): Promise<'created' | 'duplicate' | 'rejected'> {
        const id = orderDocumentId(connection.id, received.marcomOrderId);
        if (this.store.get(OrdersCollection, id)) {
            return 'duplicate';
        }
        const order: Omit<Order, 'jobs' | 'version'> = { ...received, id, connectionId: connection.id, receivedAt: now.toISOString(), closed: false, log: [] };
        const jobs = buildJobs(order, [...this.store.all(ProductionTemplatesCollection)], now);
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
