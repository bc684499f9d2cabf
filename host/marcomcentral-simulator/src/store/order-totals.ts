import { addMoney, subtractMoney } from './money';
import { CLIENT_STATUSES, ClientStatusValue, Order, OrderDetail } from './model';

/** Customer − CustomerDiscount + Shipping + CustomerSales + TotalFreight (the contract's line total). */
export function lineTotal(line: OrderDetail): string {
    const { Cost, Tax } = line.Price;
    return addMoney(subtractMoney(Cost.Customer, Cost.CustomerDiscount), Cost.Shipping, Tax.CustomerSales, Tax.TotalFreight);
}

/** There is no order-level total in the XML: it is the sum of the line totals. */
export function orderTotal(order: Order): string {
    return addMoney('0', ...order.OrderDetails.map(lineTotal));
}

/** The order's status is its least advanced line. */
export function orderStatus(order: Order): ClientStatusValue {
    const rank = (value: ClientStatusValue) => CLIENT_STATUSES.indexOf(value);
    return order.OrderDetails
        .map(line => line.ClientStatus.Value)
        .reduce((lowest, value) => (rank(value) < rank(lowest) ? value : lowest));
}

export function isFullyShipped(line: OrderDetail): boolean {
    return line.QuantityShipped >= line.Quantity;
}
