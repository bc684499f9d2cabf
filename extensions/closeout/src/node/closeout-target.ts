import { CloseoutCapableConnectionType, canCloseOut } from '@presswork/platform/lib/common/connection-type-contribution';
import type { ConnectionTypeRegistry } from '@presswork/platform/lib/common/connection-type-registry';
import type { Connection } from '@presswork/platform/lib/common/connection-schema';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { settlementRequired } from './closeout-state';
import { closeOutInMarcomCentralReason, shipsToSeveralAddresses } from '@presswork/platform/lib/common/ship-to';

/** Where an order is closed out (its connection and that connection's type), or why not from here. */
export type CloseoutTarget = { connection: Connection; type: CloseoutCapableConnectionType } | { problem: string };

export function closeoutTarget(store: DocumentStore, connectionTypes: Pick<ConnectionTypeRegistry, 'get'>, order: Order): CloseoutTarget {
    const connection = store.get(ConnectionsCollection, order.connectionId);
    if (!connection) {
        return { problem: `The connection order ${order.orderNumber} came from no longer exists; close it out in its store` };
    }
    const type = connectionTypes.get(connection.type);
    if (!type || !canCloseOut(type)) {
        return { problem: `Orders of ${connection.name} (${connection.type}) cannot be closed out from Presswork; close it out in its store` };
    }
    return { connection, type };
}

/**
 * Why the order cannot be closed out here at all, or undefined when it can; the target is asked only
 * when the order itself allows it. A card order without an authorization number cannot be settled:
 * it is refused before any part is sent, or the customer would get a packing slip and an invoice
 * for a charge that can never be made (unless the settlement is already done).
 */
export function closeoutBlockedReason(order: Order, target: () => CloseoutTarget, settled = false): string | undefined {
    if (order.closed) {
        return `Order ${order.orderNumber} is already closed`;
    }
    if (shipsToSeveralAddresses(order)) {
        return closeOutInMarcomCentralReason(order);
    }
    if (!settled && settlementRequired(order) && !order.creditCard?.authorizationNumber?.trim()) {
        return `Order ${order.orderNumber} is paid by credit card but has no card authorization number, so it cannot be settled and nothing is sent. `
            + 'Refresh the order once MarcomCentral has the authorization, or close it out in MarcomCentral';
    }
    const resolved = target();
    return 'problem' in resolved ? resolved.problem : undefined;
}
