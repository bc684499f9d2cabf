import { ClientStatusValue, Invoice, Order, PackingSlip, Settlement } from './model';
import { orderStatus, orderTotal } from './order-totals';
import { StateStore } from './state-store';

/** An order as the store sees it now, with its closeout records (GET /_sim/orders/:id). */
export interface OrderView extends Order {
    readonly Status: ClientStatusValue;
    readonly Total: string;
    readonly PackingSlips: PackingSlip[];
    readonly Invoices: Invoice[];
    readonly Settlements: Settlement[];
    /** Card captures: never more than one. */
    readonly CaptureCount: number;
}

export function orderView(order: Order, store: StateStore): OrderView {
    const settlements = store.settlementsOfOrder(order.ID);
    return structuredClone({
        ...order,
        Status: orderStatus(order),
        Total: orderTotal(order),
        PackingSlips: store.packingSlipsOfOrder(order.ID),
        Invoices: store.invoicesOfOrder(order.ID),
        Settlements: settlements,
        CaptureCount: settlements.filter(settlement => settlement.Captured).length
    });
}
