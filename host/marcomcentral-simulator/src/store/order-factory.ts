import { Catalog, CatalogCustomer, CatalogSkuEntry, findCustomer, findProduct, findSku } from '../catalog/catalog';
import { StoreTimeZone } from '../soap/store-time-zone';
import { Address, Order, OrderDetail, isPrintable } from './model';
import { applyRate, extendMoney, subtractMoney } from './money';
import { OrderInputSchema, ParsedOrderDetailInput, ParsedOrderInput } from './order-input';
import { StateStore } from './state-store';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_SHIP_AFTER_DAYS = 5;
const DEFAULT_AUTHORIZATION_DAYS = 30;

/** A placed order was refused; `status` is the HTTP status the admin API answers. */
export class OrderInputError extends Error {
    override readonly name = 'OrderInputError';
    constructor(readonly field: string, message: string, readonly status: 400 | 409 = 400) {
        super(field ? `${field}: ${message}` : message);
    }
}

export interface OrderFactoryContext {
    readonly store: StateStore;
    readonly catalog: Catalog;
    readonly timeZone: StoreTimeZone;
    readonly now: Date;
}

/** Validates the input, fills the gaps from the catalog and adds the order to the store. */
export function placeOrder(input: unknown, context: OrderFactoryContext): Order {
    const parsed = OrderInputSchema.safeParse(input ?? {});
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new OrderInputError(issue.path.join('.'), issue.message);
    }
    const order = buildOrder(parsed.data, context);
    context.store.addOrder(order);
    return order;
}

function buildOrder(input: ParsedOrderInput, context: OrderFactoryContext): Order {
    const { store, catalog, timeZone } = context;
    const createDate = readDate(input.CreateDate, 'CreateDate', timeZone) ?? context.now;
    const customer = (input.User?.LoginID ? findCustomer(input.User.LoginID, catalog) : undefined) ?? catalog.customers[0];
    const knownUser = !input.User?.LoginID || input.User.LoginID === customer.loginId;
    const orderNumber = input.OrderNumber ?? nextOrderNumber(customer, store);
    if (store.findOrderByNumber(orderNumber)) {
        throw new OrderInputError('OrderNumber', `order ${orderNumber} already exists`, 409);
    }
    const orderId = store.nextId('order');
    const shippingAddress = input.ShippingAddress ?? customer.shippingAddresses[0];
    const paymentMethod = input.PaymentMethod ?? customer.paymentMethod;
    if (paymentMethod !== 'CreditCard' && input.CreditCard) {
        throw new OrderInputError('CreditCard', `only credit-card orders carry card details (PaymentMethod is ${paymentMethod})`);
    }
    const order: Order = {
        ID: orderId,
        OrderNumber: orderNumber,
        Description: input.Description ?? '',
        CreateDate: createDate.toISOString(),
        Currency: input.Currency ?? catalog.currency,
        User: {
            ID: knownUser ? customer.userId : store.nextId('user'),
            FirstName: input.User?.FirstName ?? (knownUser ? customer.firstName : ''),
            LastName: input.User?.LastName ?? (knownUser ? customer.lastName : ''),
            LoginID: input.User?.LoginID ?? customer.loginId,
            Email: input.User?.Email ?? (knownUser ? customer.email : '')
        },
        Company: { ID: customer.company.id, Name: input.Company?.Name ?? customer.company.name },
        Seller: { ID: catalog.seller.id, Name: catalog.seller.name },
        BillingAddress: input.BillingAddress ?? customer.billingAddress,
        ShippingAddress: shippingAddress,
        PaymentMethod: paymentMethod,
        CreditCard: paymentMethod === 'CreditCard' ? creditCard(input, customer, orderId, createDate, timeZone) : undefined,
        OrderDetails: []
    };
    const details = input.OrderDetails ?? [{}];
    details.forEach((detail, index) => {
        order.OrderDetails.push(buildLine(detail, `OrderDetails.${index}`, order, shippingAddress, customer, createDate, context));
    });
    if (order.CreditCard === undefined) {
        delete order.CreditCard;
    }
    return structuredClone(order);
}

function nextOrderNumber(customer: CatalogCustomer, store: StateStore): string {
    let candidate: string;
    do {
        candidate = `${customer.orderPrefix}-${store.nextId('orderNumber').padStart(6, '0')}`;
    } while (store.findOrderByNumber(candidate));
    return candidate;
}

function creditCard(
    input: ParsedOrderInput, customer: CatalogCustomer, orderId: string, createDate: Date, timeZone: StoreTimeZone
): NonNullable<Order['CreditCard']> {
    const validDays = customer.creditCard?.authorizationValidDays ?? DEFAULT_AUTHORIZATION_DAYS;
    const expiration = readDate(input.CreditCard?.AuthorizationExpirationDate, 'CreditCard.AuthorizationExpirationDate', timeZone)
        ?? new Date(createDate.getTime() + validDays * DAY_MS);
    return {
        AuthorizationNumber: input.CreditCard?.AuthorizationNumber ?? `AUTH${orderId.slice(-6)}`,
        AuthorizationExpirationDate: expiration.toISOString(),
        ConfirmationNumber: input.CreditCard?.ConfirmationNumber ?? `CNF-${orderId}`,
        CCType: input.CreditCard?.CCType ?? customer.creditCard?.ccType ?? 'Visa'
    };
}

function buildLine(
    input: ParsedOrderDetailInput, field: string, order: Order, orderShipTo: Address,
    customer: CatalogCustomer, createDate: Date, context: OrderFactoryContext
): OrderDetail {
    const { product, sku } = resolveSku(input, field, context.catalog);
    const printable = isPrintable(product.type);
    if (input.FileReady && !printable) {
        throw new OrderInputError(`${field}.FileReady`, `${product.type} items have no print file`);
    }
    const quantity = input.Quantity ?? sku.quantities[0];
    const unit = input.Price?.Cost?.Unit ?? sku.unitPrice;
    const customerPrice = input.Price?.Cost?.Customer ?? extendMoney(unit, quantity);
    const discount = input.Price?.Cost?.CustomerDiscount ?? '0.00';
    const lineId = context.store.nextId('lineItem');
    const instructions = input.Shipping?.Instructions ?? '';
    const line: OrderDetail = {
        ID: lineId,
        ProductID: product.id,
        ProductName: input.ProductName ?? product.name,
        ProductDescription: input.ProductDescription ?? product.description,
        ProductType: product.type,
        SKU: { ID: sku.id, Name: sku.name },
        SKUDescription: input.SKUDescription ?? sku.description,
        Quantity: quantity,
        QuantityShipped: 0,
        PageCount: input.PageCount ?? sku.pageCount,
        Price: {
            Cost: {
                Unit: unit,
                Customer: customerPrice,
                Shipping: input.Price?.Cost?.Shipping ?? sku.shipping,
                CustomerDiscount: discount
            },
            Tax: {
                CustomerSales: input.Price?.Tax?.CustomerSales ?? applyRate(subtractMoney(customerPrice, discount), customer.taxRate),
                TotalFreight: input.Price?.Tax?.TotalFreight ?? '0.00'
            }
        },
        Shipping: {
            Method: input.Shipping?.Method ?? context.catalog.shippingMethods[0],
            Date: (readDate(input.Shipping?.Date, `${field}.Shipping.Date`, context.timeZone)
                ?? new Date(createDate.getTime() + DEFAULT_SHIP_AFTER_DAYS * DAY_MS)).toISOString(),
            Instructions: instructions,
            Address: input.Shipping?.Address ?? orderShipTo
        },
        ClientStatus: { Value: 'OrderAccepted', Date: order.CreateDate },
        FinishingOptions: input.FinishingOptions ?? sku.finishingOptions.map(option => ({ ...option })),
        FileReady: printable && (input.FileReady ?? false)
    };
    if (printable) {
        line.JobTicket = {
            ID: context.store.nextId('jobTicket'),
            JobTicketNumber: `JT-${lineId}`,
            PaperDescription: input.JobTicketInstructions?.PaperDescription ?? sku.paperDescription,
            PressInstructions: input.JobTicketInstructions?.PressInstructions ?? sku.pressInstructions,
            BinderyInstructions: input.JobTicketInstructions?.BinderyInstructions ?? sku.binderyInstructions
        };
    }
    return line;
}

function resolveSku(input: ParsedOrderDetailInput, field: string, catalog: Catalog): CatalogSkuEntry {
    const key = typeof input.SKU === 'string' ? input.SKU : (input.SKU?.ID ?? input.SKU?.Name);
    if (key !== undefined) {
        const entry = findSku(key, catalog);
        if (!entry) {
            throw new OrderInputError(`${field}.SKU`, `unknown SKU ${key}`);
        }
        if (input.ProductID !== undefined && input.ProductID !== entry.product.id) {
            throw new OrderInputError(`${field}.ProductID`, `SKU ${key} belongs to product ${entry.product.id}`);
        }
        return entry;
    }
    if (input.ProductID !== undefined) {
        const product = findProduct(input.ProductID, catalog);
        if (!product) {
            throw new OrderInputError(`${field}.ProductID`, `unknown product ${input.ProductID}`);
        }
        return { product, sku: product.skus[0] };
    }
    const product = catalog.products[0];
    return { product, sku: product.skus[0] };
}

function readDate(value: string | Date | undefined, field: string, timeZone: StoreTimeZone): Date | undefined {
    if (value === undefined) {
        return undefined;
    }
    const date = value instanceof Date ? value : timeZone.parseDateTime(value);
    if (!date || Number.isNaN(date.getTime())) {
        throw new OrderInputError(field, 'expected an xs:dateTime such as 2026-11-26T08:01:12-08:00');
    }
    return date;
}

