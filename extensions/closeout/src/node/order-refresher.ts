import { inject, injectable } from '@theia/core/shared/inversify';
import { ConnectionTypeRegistry } from '@presswork/platform/lib/common/connection-type-registry';
import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { NewLineItemJobs } from '@presswork/platform/lib/common/new-line-item-jobs';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection, OrdersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { appendOrderLog, logEntry } from '@presswork/platform/lib/common/job-log';
import { refreshOrder } from './order-refresh';

/**
 * Asks the order's store for the order again (by its number) and keeps what changed, with a log
 * entry. A line the store added gets its job (through the production templates, as at intake) in
 * the same write, so no line is ever shipped, invoiced or charged without production knowing.
 */
@injectable()
export class OrderRefresher {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(NewLineItemJobs) protected readonly newLineJobs: NewLineItemJobs;
    @inject(ConnectionTypeRegistry) protected readonly connectionTypes: ConnectionTypeRegistry;

    async refresh(orderId: string, by: string): Promise<{ order: Order; changes: string[] }> {
        const order = this.store.get(OrdersCollection, orderId);
        if (!order) {
            throw PressworkError.NotFound(`The order ${orderId} no longer exists`);
        }
        const connection = this.store.get(ConnectionsCollection, order.connectionId);
        const type = connection && this.connectionTypes.get(connection.type);
        if (!connection || !type) {
            throw PressworkError.Refused(`Order ${order.orderNumber} cannot be refreshed: its connection no longer exists`);
        }
        let fetched;
        try {
            fetched = await type.fetchOrder(connection, order.orderNumber);
        } catch (error) {
            throw PressworkError.Refused(`${connection.name} did not answer: ${messageOf(error)}`);
        }
        const received = fetched.orders.find(candidate => candidate.marcomOrderId === order.marcomOrderId);
        if (!received) {
            const rejected = fetched.rejected.find(candidate => candidate.marcomOrderId === order.marcomOrderId || candidate.orderNumber === order.orderNumber);
            throw rejected
                ? PressworkError.Refused(`${connection.name} sent order ${order.orderNumber} with an invalid ${rejected.path}: ${rejected.reason}`)
                : PressworkError.NotFound(`${connection.name} does not know order ${order.orderNumber}`);
        }
        let changes: string[] = [];
        const now = new Date();
        const at = now.toISOString();
        const updated = await this.store.modify(OrdersCollection, orderId, current => {
            const refreshed = refreshOrder(current, received);
            const jobs = this.jobsOfNewLines(refreshed.order, refreshed.newLines, now);
            changes = [...refreshed.changes, ...jobs.map(job => newJobChange(job, refreshed.order))];
            const message = changes.length === 0
                ? `Refreshed from ${connection.name}: no changes`
                : `Refreshed from ${connection.name}: ${changes.join('; ')}`;
            return { ...refreshed.order, jobs: [...refreshed.order.jobs, ...jobs], log: appendOrderLog(refreshed.order.log, [logEntry(at, message, 'info', by)]) };
        });
        return { order: updated, changes };
    }

    /** Only lines the stored order did not list get a job, so a repeat refresh adds none. */
    protected jobsOfNewLines(order: Order, lines: Order['lineItems'], now: Date): Job[] {
        return lines.length === 0 ? [] : this.newLineJobs.jobsFor(order, lines, now);
    }
}

function newJobChange(job: Job, order: Order): string {
    const line = order.lineItems.findIndex(candidate => candidate.id === job.lineItemId) + 1;
    return job.workflowId === undefined
        ? `Job ${job.id} created for line ${line} and held: ${job.waitReason}`
        : `Job ${job.id} created for line ${line}`;
}
