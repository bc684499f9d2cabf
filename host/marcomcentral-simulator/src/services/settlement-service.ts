import { textAt } from '../soap/xml-tree';
import { isOrderShippedAndInvoiced, setClientStatus } from '../store/line-status';
import { orderTotal } from '../store/order-totals';
import { LineOutcome, ResultCode, closeoutResultXml, readBoolean } from './closeout-result';
import { OperationHandler } from './service-context';

const RESULT = 'SettleByOrderResult';

/**
 * Captures a credit-card order's authorised amount, at most once. Refused for other payment
 * methods (401), before every line is shipped and invoiced (402) and, for an online settlement,
 * once the authorization has expired on the store clock (403). A repeat answers 5.
 * `SettleOnline=false` records a settlement made outside the store: no card capture.
 */
export const settleByOrder: OperationHandler = (request, context) => {
    const { store } = context;
    const orderId = textAt(request, 'OrderID') ?? '';
    const settleOnline = readBoolean(request, ['SettleOnline'], true);
    const order = store.findOrder(orderId);
    if (!order) {
        return closeoutResultXml(RESULT, { code: ResultCode.NotFound, message: `Order ${orderId} not found in this store.`, lines: [] });
    }
    const previous = store.settlementsOfOrder(order.ID)[0];
    if (previous) {
        return closeoutResultXml(RESULT, {
            code: ResultCode.AlreadyDone, message: 'Order is already settled.',
            lines: order.OrderDetails.map(line => ({ lineItemId: line.ID, code: ResultCode.AlreadyDone, message: 'Already settled.', referenceId: previous.ID }))
        });
    }
    if (order.PaymentMethod !== 'CreditCard' || !order.CreditCard) {
        return closeoutResultXml(RESULT, {
            code: ResultCode.SettlementNotRequired,
            message: `Order does not require settlement: payment method is ${order.PaymentMethod}.`, lines: []
        });
    }
    if (!isOrderShippedAndInvoiced(order, store)) {
        const lines: LineOutcome[] = order.OrderDetails
            .filter(line => line.QuantityShipped < line.Quantity || !store.invoiceOfLine(line.ID))
            .map(line => ({
                lineItemId: line.ID, code: ResultCode.NotShippedAndInvoiced,
                message: line.QuantityShipped < line.Quantity ? 'Line item is not fully shipped.' : 'Line item is not invoiced.'
            }));
        return closeoutResultXml(RESULT, { code: ResultCode.NotShippedAndInvoiced, message: 'Order is not fully shipped and invoiced.', lines });
    }
    const now = context.now();
    const expiration = new Date(order.CreditCard.AuthorizationExpirationDate);
    if (settleOnline && now.getTime() >= expiration.getTime()) {
        return closeoutResultXml(RESULT, {
            code: ResultCode.AuthorizationExpired,
            message: `Credit card authorization ${order.CreditCard.AuthorizationNumber} expired on ${context.timeZone.format(expiration)}.`,
            lines: []
        });
    }
    const settlementId = store.nextId('settlement');
    store.addSettlement({
        ID: settlementId,
        OrderID: order.ID,
        SettleOnline: settleOnline,
        Captured: settleOnline,
        Amount: orderTotal(order),
        Currency: order.Currency,
        AuthorizationNumber: order.CreditCard.AuthorizationNumber,
        CreatedAt: now.toISOString()
    });
    for (const line of order.OrderDetails) {
        setClientStatus(line, 'Closed', now);
    }
    return closeoutResultXml(RESULT, {
        code: ResultCode.RequestAccepted,
        message: settleOnline ? `Captured ${orderTotal(order)} ${order.Currency}.` : 'Settlement recorded (offline).',
        lines: order.OrderDetails.map(line => ({ lineItemId: line.ID, code: ResultCode.LineProcessed, message: 'Settled.', referenceId: settlementId }))
    });
};
