import { ClientStatusValue, Order, OrderDetail } from './model';
import { isFullyShipped } from './order-totals';
import { StateStore } from './state-store';

/** OrderAccepted → WorkInProgress → Shipped → Invoiced → Closed, stamped with the store clock. */
export function setClientStatus(line: OrderDetail, value: ClientStatusValue, at: Date): void {
    if (line.ClientStatus.Value !== value) {
        line.ClientStatus = { Value: value, Date: at.toISOString() };
    }
}

export function isOrderShippedAndInvoiced(order: Order, store: StateStore): boolean {
    return order.OrderDetails.every(line => isFullyShipped(line) && store.invoiceOfLine(line.ID) !== undefined);
}

/**
 * Orders not paid by card need no settlement, so closeout ends with the last invoice: every line
 * becomes Closed. Card orders close when settled.
 */
export function closeIfNothingLeft(order: Order, store: StateStore, at: Date): void {
    if (order.PaymentMethod !== 'CreditCard' && isOrderShippedAndInvoiced(order, store)) {
        for (const line of order.OrderDetails) {
            setClientStatus(line, 'Closed', at);
        }
    }
}
