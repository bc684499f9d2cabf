import { z } from 'zod';
import { DocumentIdSchema, shortText } from './identifiers';

/** A printer is a DFE's hot folder or a raw TCP socket (JetDirect, port 9100). */
export const PrinterSchema = z.discriminatedUnion('kind', [
    z.object({
        id: DocumentIdSchema,
        version: z.number().int().positive(),
        name: shortText(100).min(1),
        description: shortText(2000).default(''),
        enabled: z.boolean(),
        kind: z.literal('hot-folder'),
        folder: z.string().min(1).max(1000)
    }),
    z.object({
        id: DocumentIdSchema,
        version: z.number().int().positive(),
        name: shortText(100).min(1),
        description: shortText(2000).default(''),
        enabled: z.boolean(),
        kind: z.literal('raw-socket'),
        host: z.string().min(1).max(253),
        port: z.number().int().min(1).max(65_535).default(9100)
    })
]);
export type Printer = z.infer<typeof PrinterSchema>;
