import { z } from 'zod';
import { DocumentIdSchema, shortText } from './identifiers';

export const MAX_POOL_PRINTERS = 50;

/**
 * A printer pool: printers in the order a job tries them. A Print step may name a pool instead of
 * a printer (its `printerId`): the job goes to an enabled printer of the pool that can honour its
 * ticket and has the shortest queue. Platform's, beside printers, so that the workflow designer
 * can offer pools; output keeps them (create, edit, delete). A job waiting longer than
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
