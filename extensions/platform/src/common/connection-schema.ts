import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema, shortText } from './identifiers';

/**
 * A secret as stored: encrypted at rest (AES-256-GCM with a key kept in the data folder).
 * It never leaves the backend; the browser only ever learns whether it is set.
 */
export const EncryptedSecretSchema = z.object({
    iv: z.string().regex(/^[A-Za-z0-9+/=]{16,32}$/),
    tag: z.string().regex(/^[A-Za-z0-9+/=]{16,32}$/),
    data: z.string().regex(/^[A-Za-z0-9+/=]*$/).max(8192)
});
export type EncryptedSecret = z.infer<typeof EncryptedSecretSchema>;

export const CONNECTION_TYPES = ['MarcomCentral'] as const;
export const ConnectionTypeSchema = z.enum(CONNECTION_TYPES);

export const ConnectionSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    name: shortText(100).min(1),
    description: shortText(2000).default(''),
    type: ConnectionTypeSchema,
    endpointUrl: z.url({ protocol: /^https?$/ }).max(2000),
    orderToken: EncryptedSecretSchema.optional(),
    /** Absent means the order token serves closeout too. */
    closeoutToken: EncryptedSecretSchema.optional(),
    timeZone: shortText(64).default('America/Los_Angeles'),
    pollingIntervalSeconds: z.number().int().min(1).max(86_400).default(300),
    firstLookBackHours: z.number().int().min(0).max(24 * 31).default(24),
    enabled: z.boolean(),
    /** End of the last window whose orders are all stored. */
    watermark: TimestampSchema.optional()
});
export type Connection = z.infer<typeof ConnectionSchema>;

/** Maps a MarcomCentral product (SKU, product type) to a workflow and job defaults. */
export const ProductionTemplateSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    name: shortText(100).min(1),
    connectionId: DocumentIdSchema.optional(),
    sku: shortText(64).optional(),
    productType: shortText(64).optional(),
    workflowId: DocumentIdSchema,
    jobDefaults: z.record(z.string().max(100), z.union([z.string().max(4000), z.number(), z.boolean()])).default({}),
    enabled: z.boolean().default(true)
});
export type ProductionTemplate = z.infer<typeof ProductionTemplateSchema>;
