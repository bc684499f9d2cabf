import { z } from 'zod';
import { MONEY_PATTERN } from './money';

/**
 * What the store keeps, named after the contract's XML elements so the admin JSON, the state file
 * and the SOAP answers speak the same words. Instants are ISO-8601 UTC strings; the SOAP layer
 * renders them in the store's time zone.
 */

const instant = z.string().refine(value => !Number.isNaN(Date.parse(value)) && /Z$|[+-]\d{2}:\d{2}$/.test(value), 'an ISO-8601 instant');
const money = z.string().regex(MONEY_PATTERN, 'a decimal amount');
const id = z.string().regex(/^\d+$/, 'a numeric id');

export const PRINTABLE_PRODUCT_TYPES = ['Versioned', 'Variable', 'JobDirect'] as const;
export const PAYMENT_METHODS = ['CreditCard', 'PurchaseOrder', 'CostCenter', 'Invoice'] as const;
export const CLIENT_STATUSES = ['OrderAccepted', 'WorkInProgress', 'Shipped', 'Invoiced', 'Closed'] as const;

export const AddressSchema = z.object({
    Address1: z.string(),
    Address2: z.string().optional(),
    Address3: z.string().optional(),
    Address4: z.string().optional(),
    City: z.string(),
    State: z.string(),
    Zip: z.string(),
    Country: z.string(),
    CompanyName: z.string().optional(),
    Attn: z.string().optional(),
    PhoneNumber: z.string().optional(),
    Email: z.string().optional()
});
export type Address = z.infer<typeof AddressSchema>;

export const NamedEntitySchema = z.object({ ID: id, Name: z.string() });

export const UserSchema = z.object({
    ID: id,
    FirstName: z.string(),
    LastName: z.string(),
    LoginID: z.string(),
    Email: z.string()
});

export const CreditCardSchema = z.object({
    AuthorizationNumber: z.string(),
    AuthorizationExpirationDate: instant,
    ConfirmationNumber: z.string(),
    CCType: z.string()
});

export const ClientStatusSchema = z.object({ Value: z.enum(CLIENT_STATUSES), Date: instant });
export type ClientStatusValue = (typeof CLIENT_STATUSES)[number];

export const JobTicketSchema = z.object({
    ID: id,
    JobTicketNumber: z.string(),
    PaperDescription: z.string(),
    PressInstructions: z.string(),
    BinderyInstructions: z.string()
});

export const OrderDetailSchema = z.object({
    ID: id,
    ProductID: id,
    ProductName: z.string(),
    ProductDescription: z.string(),
    ProductType: z.string(),
    SKU: NamedEntitySchema,
    SKUDescription: z.string(),
    Quantity: z.number().int().positive(),
    QuantityShipped: z.number().int().nonnegative(),
    PageCount: z.number().int().nonnegative(),
    Price: z.object({
        Cost: z.object({ Unit: money, Customer: money, Shipping: money, CustomerDiscount: money }),
        Tax: z.object({ CustomerSales: money, TotalFreight: money })
    }),
    Shipping: z.object({
        Method: z.string(),
        Date: instant,
        Instructions: z.string(),
        TrackingNumber: z.string().optional(),
        DateShipped: instant.optional(),
        Address: AddressSchema
    }),
    ClientStatus: ClientStatusSchema,
    FinishingOptions: z.array(z.object({ Name: z.string(), Value: z.string() })),
    /** Printable lines only: one job ticket per line. */
    JobTicket: JobTicketSchema.optional(),
    /** Simulator-only: the print file has been "rendered" and can be downloaded. */
    FileReady: z.boolean()
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;

export const OrderSchema = z.object({
    ID: id,
    OrderNumber: z.string().min(1),
    Description: z.string(),
    CreateDate: instant,
    Currency: z.string().regex(/^[A-Z]{3}$/),
    User: UserSchema,
    Company: NamedEntitySchema,
    Seller: NamedEntitySchema,
    BillingAddress: AddressSchema,
    ShippingAddress: AddressSchema,
    PaymentMethod: z.enum(PAYMENT_METHODS),
    CreditCard: CreditCardSchema.optional(),
    OrderDetails: z.array(OrderDetailSchema).min(1)
});
export type Order = z.infer<typeof OrderSchema>;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PackingSlipSchema = z.object({
    ID: id,
    PackingSlipNumber: z.string(),
    ShipDate: instant,
    CarrierName: z.string(),
    TrackingNumber: z.string(),
    SkipAdjustInventory: z.boolean(),
    ShipToAddress: z.record(z.string(), z.string()).optional(),
    LineItems: z.array(z.object({ LineItemID: id, OrderID: id, Quantity: z.number().int().positive() })),
    CreatedAt: instant
});
export type PackingSlip = z.infer<typeof PackingSlipSchema>;

export const InvoiceSchema = z.object({
    ID: id,
    InvoiceNumber: z.string(),
    InvoiceDate: instant,
    Currency: z.string(),
    LineItems: z.array(z.object({ LineItemID: id, OrderID: id, Amount: money })),
    Total: money,
    CreatedAt: instant
});
export type Invoice = z.infer<typeof InvoiceSchema>;

export const SettlementSchema = z.object({
    ID: id,
    OrderID: id,
    SettleOnline: z.boolean(),
    /** True when the card was charged (online settlement); an order is captured at most once. */
    Captured: z.boolean(),
    Amount: money,
    Currency: z.string(),
    AuthorizationNumber: z.string(),
    CreatedAt: instant
});
export type Settlement = z.infer<typeof SettlementSchema>;

export const ID_KINDS = ['order', 'orderNumber', 'lineItem', 'jobTicket', 'packingSlip', 'invoice', 'settlement', 'user'] as const;
export type IdKind = (typeof ID_KINDS)[number];

export const StoreStateSchema = z.object({
    version: z.literal(1),
    nextIds: z.object({
        order: z.number().int(),
        orderNumber: z.number().int(),
        lineItem: z.number().int(),
        jobTicket: z.number().int(),
        packingSlip: z.number().int(),
        invoice: z.number().int(),
        settlement: z.number().int(),
        user: z.number().int()
    }),
    orders: z.array(OrderSchema),
    packingSlips: z.array(PackingSlipSchema),
    invoices: z.array(InvoiceSchema),
    settlements: z.array(SettlementSchema),
    /** Units on hand per stocked SKU id. */
    stock: z.record(z.string(), z.number().int().nonnegative())
});
export type StoreState = z.infer<typeof StoreStateSchema>;

export function isPrintable(productType: string): boolean {
    return (PRINTABLE_PRODUCT_TYPES as readonly string[]).includes(productType);
}
