import { z } from 'zod';
import { PAYMENT_METHODS } from '@presswork/platform/lib/common';
import type { ReceivedOrder } from '@presswork/platform/lib/common';
import { ReceivedOrderSchema } from './received-order-schema';
import type { XmlElement } from './xml-document';
import { childElement, childElements, elementAt, textAt, toPlainObject } from './xml-query';
import { clip, compact, dateAt, moneyAt, numberAt } from './mapping-values';
import { summariseIssues } from './validation-issues';

/** An order the store sent that Presswork cannot take as it is; kept whole for quarantine. */
export interface RejectedOrder {
    readonly marcomOrderId?: string;
    readonly orderNumber?: string;
    /** Where the first problem is, e.g. `lineItems.0.quantity`. */
    readonly path: string;
    readonly reason: string;
    /** The order element as parsed (see toPlainObject), for quarantine. */
    readonly source: unknown;
}

export type OrderMappingOutcome =
    | { readonly ok: true; readonly order: ReceivedOrder }
    | { readonly ok: false; readonly rejected: RejectedOrder };

/**
 * The schema compiled to a generated parser (zod's `compile`): the same orders and the same issues
 * in a fraction of the time, for the thousands of orders of one answer.
 */
const receivedOrderParser = z.compile(ReceivedOrderSchema);

/** Maps one `Order` element to a validated ReceivedOrder, or says exactly why it cannot. */
export function mapOrder(order: XmlElement, timeZone: string): OrderMappingOutcome {
    const candidate = orderCandidate(order, timeZone);
    const parsed = receivedOrderParser.safeParse(candidate);
    if (parsed.success) {
        return { ok: true, order: parsed.data };
    }
    const { path, reason } = summariseIssues(parsed.error, candidate);
    return {
        ok: false,
        rejected: { marcomOrderId: textAt(order, 'ID'), orderNumber: textAt(order, 'OrderNumber'), path, reason, source: toPlainObject(order) }
    };
}

function orderCandidate(order: XmlElement, timeZone: string): Record<string, unknown> {
    return compact({
        marcomOrderId: textAt(order, 'ID'),
        orderNumber: textAt(order, 'OrderNumber'),
        description: clip(textAt(order, 'Description'), 2000),
        createDate: dateAt(order, timeZone, 'CreateDate'),
        status: textAt(order, 'Status'),
        customer: customer(childElement(order, 'User')) ?? {},
        company: namedParty(childElement(order, 'Company')),
        seller: namedParty(childElement(order, 'Seller')),
        billingAddress: address(childElement(order, 'BillingAddress')),
        shippingAddress: address(childElement(order, 'ShippingAddress')),
        paymentMethod: paymentMethod(textAt(order, 'PaymentMethod')),
        creditCard: creditCard(childElement(order, 'CreditCard'), timeZone),
        lineItems: childElements(childElement(order, 'OrderDetails'), 'OrderDetail').map(detail => lineItemCandidate(detail, timeZone))
    }) ?? {};
}

function customer(user: XmlElement | undefined): object | undefined {
    return compact({
        id: textAt(user, 'ID'),
        firstName: textAt(user, 'FirstName'),
        lastName: textAt(user, 'LastName'),
        loginId: textAt(user, 'LoginID'),
        email: textAt(user, 'Email')
    });
}

function namedParty(party: XmlElement | undefined): object | undefined {
    return compact({ id: textAt(party, 'ID'), name: textAt(party, 'Name') });
}

/** Address1..4, City, State, Zip, Country, CompanyName, Attn, PhoneNumber, Email; other children are ignored. */
export function address(element: XmlElement | undefined): object | undefined {
    return compact({
        address1: textAt(element, 'Address1'),
        address2: textAt(element, 'Address2'),
        address3: textAt(element, 'Address3'),
        address4: textAt(element, 'Address4'),
        city: textAt(element, 'City'),
        state: textAt(element, 'State'),
        zip: textAt(element, 'Zip'),
        country: textAt(element, 'Country'),
        companyName: textAt(element, 'CompanyName'),
        attn: textAt(element, 'Attn'),
        phoneNumber: textAt(element, 'PhoneNumber'),
        email: textAt(element, 'Email')
    });
}

/** The contract's spelling, whatever the case the store used; anything else is left for validation to reject. */
function paymentMethod(text: string | undefined): string | undefined {
    return PAYMENT_METHODS.find(method => method.toLowerCase() === text?.toLowerCase()) ?? text;
}

function creditCard(card: XmlElement | undefined, timeZone: string): object | undefined {
    return compact({
        authorizationNumber: textAt(card, 'AuthorizationNumber'),
        authorizationExpirationDate: dateAt(card, timeZone, 'AuthorizationExpirationDate'),
        confirmationNumber: textAt(card, 'ConfirmationNumber'),
        cardType: textAt(card, 'CCType')
    });
}

function lineItemCandidate(detail: XmlElement, timeZone: string): object {
    const clientStatusValue = textAt(detail, 'ClientStatus', 'Value');
    return compact({
        id: textAt(detail, 'ID'),
        productId: textAt(detail, 'ProductID'),
        productName: textAt(detail, 'ProductName'),
        productDescription: clip(textAt(detail, 'ProductDescription'), 2000),
        productType: textAt(detail, 'ProductType'),
        sku: compact({ id: textAt(detail, 'SKU', 'ID'), name: textAt(detail, 'SKU', 'Name') }),
        skuDescription: clip(textAt(detail, 'SKUDescription'), 2000),
        quantity: numberAt(detail, 'Quantity'),
        quantityShipped: numberAt(detail, 'QuantityShipped'),
        pageCount: numberAt(detail, 'PageCount'),
        price: linePrice(childElement(detail, 'Price')) ?? {},
        shipping: lineShipping(childElement(detail, 'Shipping'), timeZone),
        finalOutputFileUrl: textAt(detail, 'FinalOutputFileURL', 'URL') ?? textAt(detail, 'FinalOutputFileURL'),
        clientStatus: clientStatusValue === undefined
            ? undefined
            : compact({ value: clientStatusValue, date: dateAt(detail, timeZone, 'ClientStatus', 'Date') }),
        finishingOptions: childElements(childElement(detail, 'FinishingOptions'), 'FinishingOption')
            .map(finishingOption)
            .filter(option => option !== undefined)
    }) ?? {};
}

function linePrice(price: XmlElement | undefined): object | undefined {
    const cost = childElement(price, 'Cost');
    const tax = childElement(price, 'Tax');
    return compact({
        unit: moneyAt(cost, 'Unit'),
        customer: moneyAt(cost, 'Customer'),
        shipping: moneyAt(cost, 'Shipping'),
        customerDiscount: moneyAt(cost, 'CustomerDiscount'),
        customerSalesTax: moneyAt(tax, 'CustomerSales'),
        totalFreightTax: moneyAt(tax, 'TotalFreight')
    });
}

function lineShipping(shipping: XmlElement | undefined, timeZone: string): object | undefined {
    return compact({
        method: textAt(shipping, 'Method'),
        date: dateAt(shipping, timeZone, 'Date'),
        instructions: clip(textAt(shipping, 'Instructions'), 2000),
        trackingNumber: textAt(shipping, 'TrackingNumber'),
        dateShipped: dateAt(shipping, timeZone, 'DateShipped'),
        address: address(elementAt(shipping, 'Address'))
    });
}

/**
 * `{Name, Value}`. A named option with an empty Value keeps `value: ''` (the schema requires a
 * string and the name alone still tells production what to do); a wholly empty option is dropped.
 */
function finishingOption(option: XmlElement): object | undefined {
    const name = textAt(option, 'Name');
    const value = textAt(option, 'Value');
    if (name === undefined && value === undefined) {
        return undefined;
    }
    return compact({ name, value: value ?? '' });
}
