import { DateTime } from 'luxon';
import type { Address, LineItem, Money, ReceivedOrder } from '@presswork/platform/lib/common';
import type { OrderView, RunningSimulator } from '@presswork/marcomcentral-simulator';
import type { JobTicket } from '../marcomcentral';

/**
 * What the MarcomCentral client should make of an order the simulator holds, derived here from the
 * contract's element names (independently of the client's own mapping), for field-by-field checks
 * of the real client against the real simulator.
 */

type SimulatorAddress = OrderView['BillingAddress'];
type SimulatorLine = OrderView['OrderDetails'][number];

/** The object without `undefined` properties, recursively (what `deepStrictEqual` needs). */
export function withoutUndefined<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

/** An instant as the store writes it: xs:dateTime in the store's offset at that instant, milliseconds only when not zero. */
export function inStoreTime(iso: string, timeZone: string): string {
    return DateTime.fromISO(iso, { setZone: true }).setZone(timeZone).toISO({ suppressMilliseconds: true })!;
}

/** Empty text is no value: the client reads `<X></X>` as absent. */
function text(value: string | undefined): string | undefined {
    return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function money(value: string, currency: string): Money {
    return { value, currency };
}

export function expectedAddress(address: SimulatorAddress | undefined): Address | undefined {
    if (!address) {
        return undefined;
    }
    return withoutUndefined({
        address1: text(address.Address1),
        address2: text(address.Address2),
        address3: text(address.Address3),
        address4: text(address.Address4),
        city: text(address.City),
        state: text(address.State),
        zip: text(address.Zip),
        country: text(address.Country),
        companyName: text(address.CompanyName),
        attn: text(address.Attn),
        phoneNumber: text(address.PhoneNumber),
        email: text(address.Email)
    });
}

export function isPrintableType(productType: string): boolean {
    return ['Versioned', 'Variable', 'JobDirect'].includes(productType);
}

export function fileUrlOf(simulator: RunningSimulator, lineItemId: string): string {
    return `${simulator.url}/files/${encodeURIComponent(lineItemId)}.pdf`;
}

export function expectedLineItem(view: OrderView, line: SimulatorLine, simulator: RunningSimulator): LineItem {
    const zone = simulator.timeZone;
    const currency = view.Currency;
    const { Cost, Tax } = line.Price;
    return withoutUndefined({
        id: line.ID,
        productId: line.ProductID,
        productName: text(line.ProductName)!,
        productDescription: text(line.ProductDescription),
        productType: line.ProductType,
        sku: { id: line.SKU.ID, name: text(line.SKU.Name) },
        skuDescription: text(line.SKUDescription),
        quantity: line.Quantity,
        quantityShipped: line.QuantityShipped,
        pageCount: line.PageCount,
        price: {
            unit: money(Cost.Unit, currency),
            customer: money(Cost.Customer, currency),
            shipping: money(Cost.Shipping, currency),
            customerDiscount: money(Cost.CustomerDiscount, currency),
            customerSalesTax: money(Tax.CustomerSales, currency),
            totalFreightTax: money(Tax.TotalFreight, currency)
        },
        shipping: {
            method: text(line.Shipping.Method),
            date: inStoreTime(line.Shipping.Date, zone),
            instructions: text(line.Shipping.Instructions),
            trackingNumber: text(line.Shipping.TrackingNumber),
            dateShipped: line.Shipping.DateShipped === undefined ? undefined : inStoreTime(line.Shipping.DateShipped, zone),
            address: expectedAddress(line.Shipping.Address)
        },
        finalOutputFileUrl: isPrintableType(line.ProductType) ? fileUrlOf(simulator, line.ID) : undefined,
        clientStatus: { value: line.ClientStatus.Value, date: inStoreTime(line.ClientStatus.Date, zone) },
        finishingOptions: line.FinishingOptions.map(option => ({ name: option.Name, value: option.Value }))
    });
}

/** The ReceivedOrder the client should read from the simulator's XML for this order. */
export function expectedReceivedOrder(view: OrderView, simulator: RunningSimulator): ReceivedOrder {
    const zone = simulator.timeZone;
    const card = view.CreditCard;
    return withoutUndefined({
        marcomOrderId: view.ID,
        orderNumber: view.OrderNumber,
        description: text(view.Description),
        createDate: inStoreTime(view.CreateDate, zone),
        status: view.Status,
        customer: {
            id: view.User.ID,
            firstName: text(view.User.FirstName),
            lastName: text(view.User.LastName),
            loginId: text(view.User.LoginID),
            email: text(view.User.Email)
        },
        company: { id: view.Company.ID, name: text(view.Company.Name) },
        seller: { id: view.Seller.ID, name: text(view.Seller.Name) },
        billingAddress: expectedAddress(view.BillingAddress),
        shippingAddress: expectedAddress(view.ShippingAddress),
        paymentMethod: view.PaymentMethod,
        creditCard: card === undefined ? undefined : {
            authorizationNumber: card.AuthorizationNumber,
            authorizationExpirationDate: inStoreTime(card.AuthorizationExpirationDate, zone),
            confirmationNumber: card.ConfirmationNumber,
            cardType: card.CCType
        },
        lineItems: view.OrderDetails.map(line => expectedLineItem(view, line, simulator))
    });
}

/** The job tickets the client should read for this order: one per printable line, in line order. */
export function expectedJobTickets(view: OrderView, simulator: RunningSimulator): JobTicket[] {
    const zone = simulator.timeZone;
    return view.OrderDetails.filter(line => line.JobTicket !== undefined).map(line => {
        const ticket = line.JobTicket!;
        return withoutUndefined({
            id: ticket.ID,
            jobTicketNumber: ticket.JobTicketNumber,
            createdDate: inStoreTime(view.CreateDate, zone),
            deliveryDate: inStoreTime(line.Shipping.Date, zone),
            finalOutputFileUrl: fileUrlOf(simulator, line.ID),
            instructions: {
                paperDescription: text(ticket.PaperDescription),
                pressInstructions: text(ticket.PressInstructions),
                binderyInstructions: text(ticket.BinderyInstructions),
                shippingInstructions: text(line.Shipping.Instructions)
            },
            lineItems: [{
                id: line.ID,
                orderId: view.ID,
                orderNumber: view.OrderNumber,
                productName: text(line.ProductName),
                productType: line.ProductType,
                sku: { id: line.SKU.ID, name: text(line.SKU.Name) },
                quantity: line.Quantity,
                shippingMethod: text(line.Shipping.Method)
            }]
        });
    });
}
