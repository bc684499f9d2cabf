import { z } from 'zod';
import { AddressSchema, PAYMENT_METHODS } from './model';
import { MONEY_PATTERN, normalizeMoney } from './money';

/**
 * An order to place, in the contract's element names. Everything is optional: what is missing comes
 * from the catalog (customer by `User.LoginID`, product by `SKU` or `ProductID`). Dates are
 * xs:dateTime strings; one without an offset is read in the store's time zone.
 */

const MoneyInput = z.union([z.string().trim().regex(MONEY_PATTERN, 'a decimal amount'), z.number().finite()])
    .transform(normalizeMoney);
const DateInput = z.union([z.string(), z.date()]);
const AddressInput = AddressSchema.extend({ Country: z.string().default('US') }).strict();

export const OrderDetailInputSchema = z.object({
    /** SKU id or name, or `{ ID }` / `{ Name }`. */
    SKU: z.union([z.string(), z.object({ ID: z.string().optional(), Name: z.string().optional() }).strict()]).optional(),
    ProductID: z.string().optional(),
    ProductName: z.string().optional(),
    ProductDescription: z.string().optional(),
    SKUDescription: z.string().optional(),
    Quantity: z.number().int().positive().max(1_000_000).optional(),
    PageCount: z.number().int().nonnegative().optional(),
    Price: z.object({
        Cost: z.object({
            Unit: MoneyInput.optional(),
            Customer: MoneyInput.optional(),
            Shipping: MoneyInput.optional(),
            CustomerDiscount: MoneyInput.optional()
        }).strict().optional(),
        Tax: z.object({
            CustomerSales: MoneyInput.optional(),
            TotalFreight: MoneyInput.optional()
        }).strict().optional()
    }).strict().optional(),
    Shipping: z.object({
        Method: z.string().optional(),
        Date: DateInput.optional(),
        Instructions: z.string().optional(),
        Address: AddressInput.optional()
    }).strict().optional(),
    FinishingOptions: z.array(z.object({ Name: z.string(), Value: z.string() }).strict()).optional(),
    JobTicketInstructions: z.object({
        PaperDescription: z.string().optional(),
        PressInstructions: z.string().optional(),
        BinderyInstructions: z.string().optional()
    }).strict().optional(),
    /** Printable lines only: the print file is downloadable from the start. */
    FileReady: z.boolean().optional()
}).strict();

export const OrderInputSchema = z.object({
    OrderNumber: z.string().trim().min(1).max(50).optional(),
    Description: z.string().optional(),
    CreateDate: DateInput.optional(),
    Currency: z.string().regex(/^[A-Z]{3}$/, 'a 3-letter currency code').optional(),
    User: z.object({
        LoginID: z.string().min(1).optional(),
        FirstName: z.string().optional(),
        LastName: z.string().optional(),
        Email: z.string().optional()
    }).strict().optional(),
    Company: z.object({ Name: z.string().min(1) }).strict().optional(),
    BillingAddress: AddressInput.optional(),
    ShippingAddress: AddressInput.optional(),
    PaymentMethod: z.enum(PAYMENT_METHODS).optional(),
    CreditCard: z.object({
        AuthorizationNumber: z.string().optional(),
        AuthorizationExpirationDate: DateInput.optional(),
        ConfirmationNumber: z.string().optional(),
        CCType: z.string().optional()
    }).strict().optional(),
    OrderDetails: z.array(OrderDetailInputSchema).min(1).max(100).optional()
}).strict();

/** What callers pass (money may be numbers, dates may be Date objects). */
export type OrderInput = z.input<typeof OrderInputSchema>;
export type OrderDetailInput = z.input<typeof OrderDetailInputSchema>;
/** After validation. */
export type ParsedOrderInput = z.output<typeof OrderInputSchema>;
export type ParsedOrderDetailInput = z.output<typeof OrderDetailInputSchema>;
