import { inject, injectable } from '@theia/core/shared/inversify';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import type { Delivery } from '../../common/notifications-protocol';
import { DeliveriesCollection } from '../notifications-collections';

export const KEEP_DELIVERED_DAYS = 30;
export const KEEP_PER_SOURCE = 1000;

/**
 * Keeps the delivery log small: delivered deliveries go after 30 days, and each rule or endpoint
 * keeps its newest 1,000 finished ones. Pending deliveries are never pruned (they are the retry queue).
 */
@injectable()
export class DeliveryRetention {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    keepPerSource = KEEP_PER_SOURCE;

    /** Prunes; resolves with how many deliveries went. */
    async prune(now = Date.now()): Promise<number> {
        const oldest = now - KEEP_DELIVERED_DAYS * 24 * 60 * 60_000;
        const finished = [...this.store.all(DeliveriesCollection)].filter(delivery => delivery.state !== 'pending');
        const doomed = new Map<string, Delivery>();
        for (const delivery of finished) {
            if (delivery.state === 'delivered' && Date.parse(delivery.deliveredAt ?? delivery.createdAt) < oldest) {
                doomed.set(delivery.id, delivery);
            }
        }
        const bySource = new Map<string, Delivery[]>();
        for (const delivery of finished.filter(each => !doomed.has(each.id))) {
            const key = delivery.source.kind === 'rule' ? `rule:${delivery.source.ruleId}` : `endpoint:${delivery.source.endpointId}`;
            bySource.set(key, [...bySource.get(key) ?? [], delivery]);
        }
        for (const deliveries of bySource.values()) {
            deliveries.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(this.keepPerSource).forEach(delivery => doomed.set(delivery.id, delivery));
        }
        for (const delivery of doomed.values()) {
            await this.store.delete(DeliveriesCollection, delivery.id, delivery.version).catch(() => undefined);
        }
        return doomed.size;
    }
}
