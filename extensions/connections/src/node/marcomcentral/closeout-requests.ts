import type {
    InvoiceByLineItemRequest, PackingSlipByLineItemRequest, PackingSlipByOrderRequest, PackingSlipDetails, SettleByOrderRequest, ShipToAddress
} from './closeout-types';
import { partnerCredentials } from './soap-envelope';
import { formatInstantInZone } from './store-time';
import { XmlNode, parentElement, textElement } from './xml-writer';

/**
 * The `pRequest` objects of the closeout operations, children in the contract's order. Each
 * operation's shape sits in one function, so it is easy to change once a real WSDL is at hand.
 */

const PRINTABLE = { type: 'Printable' } as const;

function printableId(name: string, id: string): XmlNode | undefined {
    return textElement(name, id, { ...PRINTABLE });
}

function shipToAddress(address: ShipToAddress | undefined): XmlNode | undefined {
    return address && parentElement('ShipToAddress', [
        textElement('Attention', address.attention),
        textElement('Name', address.name),
        textElement('Address1', address.address1),
        textElement('Address2', address.address2),
        textElement('City', address.city),
        textElement('State', address.state),
        textElement('PostalCode', address.postalCode),
        textElement('Country', address.country)
    ]);
}

function packingSlipNode(details: PackingSlipDetails, timeZone: string): XmlNode {
    return parentElement('PackingSlipNode', [
        textElement('PackingSlipNumber', details.packingSlipNumber),
        textElement('ShipDate', formatInstantInZone(details.shipDate, timeZone)),
        textElement('CarrierName', details.carrierName),
        textElement('TrackingNumber', details.trackingNumber),
        textElement('SkipAdjustInventory', details.skipAdjustInventory),
        shipToAddress(details.shipToAddress)
    ]);
}

export function packingSlipByOrderRequest(token: string, request: PackingSlipByOrderRequest, timeZone: string): XmlNode {
    return parentElement('pRequest', [
        partnerCredentials(token),
        packingSlipNode(request, timeZone),
        parentElement('Orders', [printableId('ID', request.orderId)])
    ]);
}

export function packingSlipByLineItemRequest(token: string, request: PackingSlipByLineItemRequest, timeZone: string): XmlNode {
    if (request.lineItems.length === 0) {
        throw new RangeError('A packing slip needs at least one line item');
    }
    return parentElement('pRequest', [
        partnerCredentials(token),
        packingSlipNode(request, timeZone),
        parentElement('LineItems', request.lineItems.map(line => parentElement('LineItem', [
            printableId('ID', line.id),
            textElement('Quantity', line.quantity === undefined ? undefined : assertQuantity(line.quantity))
        ])))
    ]);
}

export function invoiceByLineItemRequest(token: string, request: InvoiceByLineItemRequest, timeZone: string): XmlNode {
    if (request.lineItemIds.length === 0) {
        throw new RangeError('An invoice needs at least one line item');
    }
    return parentElement('pRequest', [
        partnerCredentials(token),
        parentElement('InvoiceNode', [
            textElement('InvoiceNumber', request.invoiceNumber),
            textElement('InvoiceDate', request.invoiceDate === undefined ? undefined : formatInstantInZone(request.invoiceDate, timeZone))
        ]),
        parentElement('LineItems', request.lineItemIds.map(id => parentElement('LineItem', [printableId('ID', id)])))
    ]);
}

/** `SettleOnline` comes before `PartnerCredentials` here, as in the client code the contract was taken from. */
export function settleByOrderRequest(token: string, request: SettleByOrderRequest): XmlNode {
    return parentElement('pRequest', [
        textElement('SettleOnline', request.settleOnline),
        partnerCredentials(token),
        printableId('OrderID', request.orderId)
    ]);
}

function assertQuantity(quantity: number): number {
    if (!Number.isSafeInteger(quantity) || quantity <= 0) {
        throw new RangeError(`A packing slip quantity must be a positive whole number, not ${quantity}`);
    }
    return quantity;
}
