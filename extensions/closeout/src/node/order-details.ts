import type { Money } from '@presswork/platform/lib/common/money';
import type { LineItem, Order } from '@presswork/platform/lib/common/order-schema';
import { distinctShipTo, shipToOf } from '@presswork/platform/lib/common/ship-to';
import { ORDER_LOG_SHOWN } from '../common/closeout-protocol';
import type { OrderDetailsView, OrderLineView, OrderTotals, PaymentView } from '../common/closeout-protocol';
import { commonCurrency, fromUnits, toUnits } from './order-money';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Only the last four characters of an authorization number ever reach a browser or a log. */
export function maskAuthorization(authorizationNumber: string | undefined): string | undefined {
    if (!authorizationNumber) {
        return undefined;
    }
    const visible = authorizationNumber.slice(-4);
    return `${'•'.repeat(Math.max(4, authorizationNumber.length - visible.length))}${visible}`;
}

/** 'expired' from the expiry on, 'expiring' within 24 hours before it. */
export function authorizationWarning(expiry: string | undefined, now: Date): 'expired' | 'expiring' | undefined {
    if (!expiry) {
        return undefined;
    }
    const left = new Date(expiry).getTime() - now.getTime();
    return left <= 0 ? 'expired' : left <= DAY_MS ? 'expiring' : undefined;
}

export function paymentView(order: Order, now: Date): PaymentView {
    const card = order.paymentMethod === 'CreditCard' ? order.creditCard : undefined;
    return {
        method: order.paymentMethod,
        cardType: card?.cardType,
        maskedAuthorization: maskAuthorization(card?.authorizationNumber),
        authorizationExpiry: card?.authorizationExpirationDate,
        authorizationWarning: card ? authorizationWarning(card.authorizationExpirationDate, now) : undefined
    };
}

/** A line's net goods amount in 1/10000: the customer price (else unit × quantity), less the discount. */
function lineUnits(line: LineItem): number {
    const goods = line.price.customer ? toUnits(line.price.customer) : toUnits(line.price.unit) * line.quantity;
    return goods - toUnits(line.price.customerDiscount);
}

function taxUnits(line: LineItem): number {
    return toUnits(line.price.customerSalesTax) + toUnits(line.price.totalFreightTax);
}

function linePrices(line: LineItem): (Money | undefined)[] {
    return Object.values(line.price);
}

export function lineView(line: LineItem, order: Order): OrderLineView {
    const job = order.jobs.find(candidate => candidate.lineItemId === line.id);
    const hasAmount = line.price.customer !== undefined || line.price.unit !== undefined;
    return {
        id: line.id,
        productName: line.productName,
        sku: line.sku?.name ?? line.sku?.id,
        quantity: line.quantity,
        unitPrice: line.price.unit ? fromUnits(toUnits(line.price.unit)) : undefined,
        lineAmount: hasAmount ? fromUnits(lineUnits(line)) : undefined,
        shipping: line.price.shipping ? fromUnits(toUnits(line.price.shipping)) : undefined,
        tax: line.price.customerSalesTax || line.price.totalFreightTax ? fromUnits(taxUnits(line)) : undefined,
        currency: commonCurrency(linePrices(line)),
        shipTo: shipToOf(line, order),
        jobId: job?.id,
        jobState: job?.state,
        ...(job?.printed ? { printed: { copies: job.printed.copies, printerName: job.printed.printerName, at: job.printed.at, ...(job.printed.by ? { by: job.printed.by } : {}) } } : {})
    };
}

/** Subtotal, shipping, tax and total as the store charges them (the contract's line total, summed). */
export function orderTotals(order: Order): OrderTotals {
    let subtotal = 0;
    let shipping = 0;
    let tax = 0;
    for (const line of order.lineItems) {
        subtotal += lineUnits(line);
        shipping += toUnits(line.price.shipping);
        tax += taxUnits(line);
    }
    return {
        subtotal: fromUnits(subtotal),
        shipping: fromUnits(shipping),
        tax: fromUnits(tax),
        total: fromUnits(subtotal + shipping + tax),
        currency: commonCurrency(order.lineItems.flatMap(linePrices))
    };
}

export function customerName(order: Order): string {
    const name = [order.customer.firstName, order.customer.lastName].filter(Boolean).join(' ').trim();
    return name || order.customer.loginId || order.customer.id || '';
}

export interface DocumentAvailability {
    readonly packingSlip: boolean;
    readonly invoice: boolean;
}

/** Everything the Order Details dialog shows, card data masked. */
export function orderDetailsView(order: Order, documents: DocumentAvailability, now: Date): OrderDetailsView {
    return {
        orderId: order.id,
        orderVersion: order.version,
        orderNumber: order.orderNumber,
        marcomOrderId: order.marcomOrderId,
        orderDate: order.createDate,
        customer: { name: customerName(order), email: order.customer.email, company: order.company?.name },
        billingAddress: order.billingAddress,
        shipTo: distinctShipTo(order),
        payment: paymentView(order, now),
        lines: order.lineItems.map(line => lineView(line, order)),
        totals: orderTotals(order),
        closed: order.closed,
        closeout: order.closeout,
        documents,
        log: order.log.slice(-ORDER_LOG_SHOWN)
    };
}
