import { z } from 'zod';

/** A money amount as MarcomCentral sends it: a decimal text with its currency. */
export const MoneySchema = z.object({
    value: z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/, 'must be a decimal amount such as 125.00'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code')
});
export type Money = z.infer<typeof MoneySchema>;
