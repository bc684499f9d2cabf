import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema, shortText } from './identifiers';
import { MoneySchema } from './money';
import { JobLogEntrySchema, JobSchema } from './job-schema';
import { ORDER_LOG_LIMIT } from './document-limits';

export const AddressSchema = z.object({
    address1: shortText().optional(),
    address2: shortText().optional(),
    address3: shortText().optional(),
    address4: shortText().optional(),
    city: shortText().optional(),
    state: shortText().optional(),
    zip: shortText(40).optional(),
    country: shortText(80).optional(),
    companyName: shortText().optional(),
    attn: shortText().optional(),
    phoneNumber: shortText(60).optional(),
    email: shortText(254).optional()
});
export type Address = z.infer<typeof AddressSchema>;

export const PAYMENT_METHODS = ['CreditCard', 'PurchaseOrder', 'CostCenter', 'Invoice'] as const;
export const PaymentMethodSchema = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
    CreditCard: 'Credit card',
    PurchaseOrder: 'Purchase order',
    CostCenter: 'Cost center',
    Invoice: 'Invoice'
};

/** How a payment method reads in the UI ("Credit card"); an unknown one reads as sent. */
export function paymentMethodLabel(method: string): string {
    return (PAYMENT_METHOD_LABELS as Readonly<Record<string, string>>)[method] ?? method;
}

/** Card data is limited to what closeout needs; the authorization number is kept as MarcomCentral sends it and masked on display. */
export const CreditCardSchema = z.object({
    authorizationNumber: shortText(64).optional(),
    authorizationExpirationDate: TimestampSchema.optional(),
    confirmationNumber: shortText(64).optional(),
    cardType: shortText(40).optional()
});
export type CreditCard = z.infer<typeof CreditCardSchema>;

export const LineItemPriceSchema = z.object({
    unit: MoneySchema.optional(),
    customer: MoneySchema.optional(),
    shipping: MoneySchema.optional(),
    customerDiscount: MoneySchema.optional(),
    customerSalesTax: MoneySchema.optional(),
    totalFreightTax: MoneySchema.optional()
});
export type LineItemPrice = z.infer<typeof LineItemPriceSchema>;

export const LineItemShippingSchema = z.object({
    method: shortText().optional(),
    date: TimestampSchema.optional(),
    instructions: shortText(2000).optional(),
    trackingNumber: shortText(100).optional(),
    dateShipped: TimestampSchema.optional(),
    address: AddressSchema.optional()
});
export type LineItemShipping = z.infer<typeof LineItemShippingSchema>;

/** A MarcomCentral order detail: one line item, which becomes one job. */
export const LineItemSchema = z.object({
    id: shortText(64).min(1),
    productId: shortText(64).optional(),
    productName: shortText(),
    productDescription: shortText(2000).optional(),
    productType: shortText(64),
    sku: z.object({ id: shortText(64).optional(), name: shortText().optional() }).optional(),
    skuDescription: shortText(2000).optional(),
    quantity: z.number().int().nonnegative(),
    quantityShipped: z.number().int().nonnegative().optional(),
    pageCount: z.number().int().nonnegative().optional(),
    price: LineItemPriceSchema,
    shipping: LineItemShippingSchema.optional(),
    finalOutputFileUrl: shortText(2000).optional(),
    clientStatus: z.object({ value: shortText(64), date: TimestampSchema.optional() }).optional(),
    finishingOptions: z.array(z.object({ name: shortText(), value: shortText(2000) })).max(200).default([])
});
export type LineItem = z.infer<typeof LineItemSchema>;

export const OrderCustomerSchema = z.object({
    id: shortText(64).optional(),
    firstName: shortText().optional(),
    lastName: shortText().optional(),
    loginId: shortText().optional(),
    email: shortText(254).optional()
});
export type OrderCustomer = z.infer<typeof OrderCustomerSchema>;

/** What closing an order out produced in MarcomCentral, and who did it. */
export const CloseoutRecordSchema = z.object({
    packingSlipNumber: shortText(64).optional(),
    invoiceNumber: shortText(64).optional(),
    settlementReference: shortText(64).optional(),
    closedBy: shortText(64).optional(),
    closedAt: TimestampSchema.optional()
});
export type CloseoutRecord = z.infer<typeof CloseoutRecordSchema>;

/**
 * Refuses a list in which two entries share an id, naming the second one's path (for example
 * `lineItems.3.id`): two jobs of one order with one id would hide each other.
 */
function uniqueIds<T extends { id: string }>(what: string) {
    return (items: readonly T[], context: z.core.$RefinementCtx<T[]>): void => {
        const seen = new Map<string, number>();
        items.forEach((item, index) => {
            const first = seen.get(item.id);
            if (first === undefined) {
                seen.set(item.id, index);
            } else {
                context.addIssue({ code: 'custom', path: [index, 'id'], message: `${what} ${JSON.stringify(item.id)} appears twice (also at ${first})` });
            }
        });
    };
}

/** An order with its jobs: one document in the store. */
export const OrderSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    connectionId: DocumentIdSchema,
    marcomOrderId: shortText(64).min(1),
    orderNumber: shortText(64).min(1),
    description: shortText(2000).optional(),
    createDate: TimestampSchema,
    status: shortText(64).optional(),
    customer: OrderCustomerSchema,
    company: z.object({ id: shortText(64).optional(), name: shortText().optional() }).optional(),
    seller: z.object({ id: shortText(64).optional(), name: shortText().optional() }).optional(),
    billingAddress: AddressSchema.optional(),
    shippingAddress: AddressSchema.optional(),
    paymentMethod: PaymentMethodSchema,
    creditCard: CreditCardSchema.optional(),
    // The rules of these two lists depend only on their entries' count and ids: the store checks
    // only the changed entries of a write that keeps both (OrdersCollection.entryLists).
    lineItems: z.array(LineItemSchema).min(1).max(1000).superRefine(uniqueIds('line item id')),
    jobs: z.array(JobSchema).max(1000).superRefine(uniqueIds('job id')),
    closeout: CloseoutRecordSchema.optional(),
    closed: z.boolean().default(false),
    /**
     * Derived when the order document is written (ship-to.ts `shipToFlag`): its lines ship to
     * several addresses, so it is closed out in MarcomCentral. Absent on orders stored before it.
     */
    shipsToSeveralAddresses: z.boolean().optional(),
    receivedAt: TimestampSchema,
    /**
     * sha256 (hex) of the order's content as the store sent it, in a canonical form (connections'
     * `orderDigest`): a later poll that reads the same content again recognises it without work.
     */
    receivedDigest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    /** What happened to the order as a whole (closeout attempts and their parts), newest last. */
    log: z.array(JobLogEntrySchema).max(ORDER_LOG_LIMIT).default([])
});
export type Order = z.infer<typeof OrderSchema>;
