import type { Disposable } from '@theia/core/lib/common/disposable';
import type { Order } from '../../common/order-schema';
import type { DocumentStore } from '../store/document-store';
import { OrdersCollection } from '../store/platform-collections';
import { partitionOfOrder } from './order-partitions';
import type { WorkOwnership } from './work-ownership';

export interface OrderPartitionListener {
    /** Partitions this server now owns; those held at `listen` come in one call (one scan of the orders, not 32). */
    gained(partitions: ReadonlySet<number>): void;
    /** This server gives a partition up: resolve once the work under way there has ended or been abandoned. */
    losing?(partition: number): Promise<void>;
}

/**
 * Listens to the order partitions of `ownership` only (not connections or the leader), reporting the
 * partitions held already together, for consumers that scan the orders of what they gain.
 */
export function listenToOrderPartitions(ownership: WorkOwnership, listener: OrderPartitionListener): Disposable {
    const held = new Set<number>();
    let listening = false;
    const subscription = ownership.listen({
        gained: scope => {
            if (scope.kind !== 'orders') {
                return;
            }
            if (listening) {
                listener.gained(new Set([scope.partition]));
            } else {
                held.add(scope.partition);
            }
        },
        losing: async scope => {
            if (scope.kind === 'orders') {
                await listener.losing?.(scope.partition);
            }
        }
    });
    listening = true;
    if (held.size > 0) {
        listener.gained(held);
    }
    return subscription;
}

/** The orders of the store that belong to these partitions. */
export function ordersIn(store: DocumentStore, partitions: ReadonlySet<number>): Order[] {
    return partitions.size === 0 ? [] : [...store.all(OrdersCollection)].filter(order => partitions.has(partitionOfOrder(order.id)));
}
