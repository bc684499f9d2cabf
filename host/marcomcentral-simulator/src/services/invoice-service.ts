import { SoapFaultError } from '../soap/soap-envelope';
import { child, children, textAt } from '../soap/xml-tree';
import { closeIfNothingLeft, setClientStatus } from '../store/line-status';
import { addMoney } from '../store/money';
import { Order } from '../store/model';
import { isFullyShipped, lineTotal } from '../store/order-totals';
import { LineRef } from '../store/state-store';
import { LineOutcome, ResultCode, closeoutResultXml, summarise } from './closeout-result';
import { OperationHandler } from './service-context';

const RESULT = 'CreateInvoiceByLineItemResult';

/**
 * Invoices the listed lines. No amounts travel in the request: each line is invoiced at the values
 * the store holds. A line must be fully shipped first (packing slip → invoice → settlement).
 */
export const createInvoiceByLineItem: OperationHandler = (request, context) => {
    const { store } = context;
    const node = child(request, 'InvoiceNode');
    const invoiceNumber = textAt(node, 'InvoiceNumber') || undefined;
    const invoiceDateText = textAt(node, 'InvoiceDate');
    const invoiceDate = invoiceDateText ? context.timeZone.parseDateOrDateTime(invoiceDateText) : context.now();
    if (!invoiceDate) {
        throw new SoapFaultError('soap:Client', `Server was unable to read request. InvoiceDate is not a date: ${invoiceDateText}`);
    }
    const ids = [...new Set(children(child(request, 'LineItems'), 'LineItem').map(item => textAt(item, 'ID') ?? ''))];
    if (ids.length === 0) {
        return closeoutResultXml(RESULT, { code: ResultCode.NotFound, message: 'No line item given.', lines: [] });
    }
    const existing = invoiceNumber ? store.findInvoiceByNumber(invoiceNumber) : undefined;
    const outcomes: LineOutcome[] = [];
    const pending: LineRef[] = [];
    for (const lineItemId of ids) {
        const ref = store.findLine(lineItemId);
        if (!ref) {
            outcomes.push({ lineItemId, code: ResultCode.NotFound, message: `Line item ${lineItemId} not found in this store.` });
            continue;
        }
        const invoiced = store.invoiceOfLine(lineItemId);
        if (invoiced && invoiced === existing) {
            outcomes.push({ lineItemId, code: ResultCode.AlreadyDone, message: `Already on invoice ${invoiced.InvoiceNumber}.`, referenceId: invoiced.ID });
        } else if (invoiced) {
            outcomes.push({ lineItemId, code: ResultCode.AlreadyProcessed, message: `Line item ${lineItemId} is already invoiced on invoice ${invoiced.InvoiceNumber}.` });
        } else if (!isFullyShipped(ref.line)) {
            outcomes.push({ lineItemId, code: ResultCode.NotShippedAndInvoiced, message: `Line item ${lineItemId} is not shipped yet.` });
        } else {
            outcomes.push({ lineItemId, code: ResultCode.LineProcessed, message: 'Invoice created.' });
            pending.push(ref);
        }
    }
    const outcome = summarise(outcomes);
    if (outcome.code !== ResultCode.RequestAccepted) {
        return closeoutResultXml(RESULT, outcome);
    }
    const now = context.now();
    let invoice = existing;
    if (!invoice) {
        const id = store.nextId('invoice');
        invoice = {
            ID: id,
            InvoiceNumber: invoiceNumber ?? `INV-${id}`,
            InvoiceDate: invoiceDate.toISOString(),
            Currency: pending[0].order.Currency,
            LineItems: [],
            Total: '0.00',
            CreatedAt: now.toISOString()
        };
        store.addInvoice(invoice);
    }
    const touchedOrders = new Set<Order>();
    for (const { order, line } of pending) {
        invoice.LineItems.push({ LineItemID: line.ID, OrderID: order.ID, Amount: lineTotal(line) });
        setClientStatus(line, 'Invoiced', now);
        touchedOrders.add(order);
    }
    invoice.Total = addMoney('0', ...invoice.LineItems.map(item => item.Amount));
    for (const order of touchedOrders) {
        closeIfNothingLeft(order, store, now);
    }
    const invoiceId = invoice.ID;
    return closeoutResultXml(RESULT, {
        ...outcome,
        lines: outcome.lines.map(line => (line.code === ResultCode.LineProcessed ? { ...line, referenceId: invoiceId } : line))
    });
};
