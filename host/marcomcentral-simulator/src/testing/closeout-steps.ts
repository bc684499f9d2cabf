/** Test support: the closeout steps as one-liners. */
import type { RunningSimulator } from '../simulator';
import { lineItemsXml, packingSlipNodeXml, soapCall, SoapCallOptions, SoapCallResult } from './soap-test-client';

export function shipOrder(simulator: RunningSimulator, orderId: string, slipNumber?: string, options: SoapCallOptions = {}): Promise<SoapCallResult> {
    return soapCall(simulator, 'CreatePackingSlipByOrder',
        `${packingSlipNodeXml({ number: slipNumber, tracking: '1Z999AA10123456784' })}<Orders><ID type="Printable">${orderId}</ID></Orders>`, options);
}

export function invoiceLines(simulator: RunningSimulator, lineIds: readonly string[], invoiceNumber?: string, options: SoapCallOptions = {}): Promise<SoapCallResult> {
    const node = invoiceNumber === undefined ? '<InvoiceNode/>' : `<InvoiceNode><InvoiceNumber>${invoiceNumber}</InvoiceNumber></InvoiceNode>`;
    return soapCall(simulator, 'CreateInvoiceByLineItem', `${node}${lineItemsXml(lineIds.map(id => ({ id })))}`, options);
}

export function settleOrder(simulator: RunningSimulator, orderId: string, options: SoapCallOptions & { online?: boolean } = {}): Promise<SoapCallResult> {
    return soapCall(simulator, 'SettleByOrder',
        `<SettleOnline>${options.online ?? true}</SettleOnline><OrderID type="Printable">${orderId}</OrderID>`, options);
}
