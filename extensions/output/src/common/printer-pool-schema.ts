import { z } from 'zod';
import { DocumentIdSchema, shortText } from '@presswork/platform/lib/common/identifiers';

export const MAX_POOL_PRINTERS = 50;

/**
 * A printer pool: printers in the order a job tries them. A job waiting longer than
 * `handOverAfterMinutes` on one printer (disabled, out of paper, unreachable) is handed to the next.
 */
export const PrinterPoolSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    name: shortText(100).min(1),
    printerIds: z.array(DocumentIdSchema).max(MAX_POOL_PRINTERS),
    handOverAfterMinutes: z.number().int().min(1).max(24 * 60).default(5)
});
export type PrinterPool = z.infer<typeof PrinterPoolSchema>;
