import { StoreTimeZone } from '../soap/store-time-zone';
import { XmlObject, textWithAttributes } from '../soap/xml-writer';
import { Address, Order, OrderDetail, isPrintable } from '../store/model';
import { orderStatus } from '../store/order-totals';

/** What rendering needs besides the order: how dates look and where print files live. */
export interface RenderContext {
    readonly timeZone: StoreTimeZone;
    fileUrl(lineItemId: string): string;
    /** Answer an empty FinalOutputFileURL/URL until the file is ready (instead of a URL that 404s). */
    readonly hideFileUrlUntilReady: boolean;
}

export function typedId(id: string): XmlObject {
    return textWithAttributes(id, { type: 'Printable' });
}

export function money(amount: string, currency: string): XmlObject {
    return textWithAttributes(amount, { Currency: currency });
}

export function addressXml(address: Address): XmlObject {
    return {
        Address1: address.Address1,
        Address2: address.Address2,
        Address3: address.Address3,
        Address4: address.Address4,
        City: address.City,
        State: address.State,
        Zip: address.Zip,
        Country: address.Country,
        CompanyName: address.CompanyName,
        Attn: address.Attn,
        PhoneNumber: address.PhoneNumber,
        Email: address.Email
    };
}

/** `<FinalOutputFileURL><URL>…</URL></FinalOutputFileURL>`; stocked items have none. */
export function fileUrlXml(line: OrderDetail, context: RenderContext): XmlObject | undefined {
    if (!isPrintable(line.ProductType)) {
        return undefined;
    }
    const hidden = context.hideFileUrlUntilReady && !line.FileReady;
    return { URL: hidden ? '' : context.fileUrl(line.ID) };
}

export function orderDetailXml(order: Order, line: OrderDetail, context: RenderContext): XmlObject {
    const currency = order.Currency;
    const { Cost, Tax } = line.Price;
    const date = (iso: string) => context.timeZone.format(new Date(iso));
    return {
        ID: typedId(line.ID),
        OrderID: typedId(order.ID),
        OrderNumber: order.OrderNumber,
        ProductID: typedId(line.ProductID),
        ProductName: line.ProductName,
        ProductDescription: line.ProductDescription,
        ProductType: line.ProductType,
        SKU: { ID: typedId(line.SKU.ID), Name: line.SKU.Name },
        SKUDescription: line.SKUDescription,
        Quantity: String(line.Quantity),
        QuantityShipped: String(line.QuantityShipped),
        PageCount: String(line.PageCount),
        Price: {
            Cost: {
                Unit: money(Cost.Unit, currency),
                Customer: money(Cost.Customer, currency),
                Shipping: money(Cost.Shipping, currency),
                CustomerDiscount: money(Cost.CustomerDiscount, currency)
            },
            Tax: {
                CustomerSales: money(Tax.CustomerSales, currency),
                TotalFreight: money(Tax.TotalFreight, currency)
            }
        },
        Shipping: {
            Method: line.Shipping.Method,
            Date: date(line.Shipping.Date),
            Instructions: line.Shipping.Instructions,
            TrackingNumber: line.Shipping.TrackingNumber,
            DateShipped: line.Shipping.DateShipped === undefined ? undefined : date(line.Shipping.DateShipped),
            Address: addressXml(line.Shipping.Address)
        },
        FinalOutputFileURL: fileUrlXml(line, context),
        ClientStatus: { Value: line.ClientStatus.Value, Date: date(line.ClientStatus.Date) },
        FinishingOptions: line.FinishingOptions.length === 0
            ? ''
            : { FinishingOption: line.FinishingOptions.map(option => ({ Name: option.Name, Value: option.Value })) }
    };
}

export function orderXml(order: Order, context: RenderContext): XmlObject {
    const card = order.CreditCard;
    return {
        ID: typedId(order.ID),
        OrderNumber: order.OrderNumber,
        Description: order.Description,
        CreateDate: context.timeZone.format(new Date(order.CreateDate)),
        Status: orderStatus(order),
        User: {
            ID: typedId(order.User.ID),
            FirstName: order.User.FirstName,
            LastName: order.User.LastName,
            LoginID: order.User.LoginID,
            Email: order.User.Email
        },
        Company: { ID: typedId(order.Company.ID), Name: order.Company.Name },
        Seller: { ID: typedId(order.Seller.ID), Name: order.Seller.Name },
        BillingAddress: addressXml(order.BillingAddress),
        ShippingAddress: addressXml(order.ShippingAddress),
        PaymentMethod: order.PaymentMethod,
        CreditCard: card === undefined ? undefined : {
            AuthorizationNumber: card.AuthorizationNumber,
            AuthorizationExpirationDate: context.timeZone.format(new Date(card.AuthorizationExpirationDate)),
            ConfirmationNumber: card.ConfirmationNumber,
            CCType: card.CCType
        },
        OrderDetails: { OrderDetail: order.OrderDetails.map(line => orderDetailXml(order, line, context)) }
    };
}
