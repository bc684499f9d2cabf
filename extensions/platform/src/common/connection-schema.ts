import { z } from 'zod';
import { DocumentIdSchema, shortText } from './identifiers';

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

export const MAX_PRINT_FILE_HOSTS = 20;
/** A host name or IP address, without scheme, port or path, lower-cased. */
export const PrintFileHostSchema = z.string().trim().toLowerCase().max(253)
    .pipe(z.union([z.hostname(), z.ipv4(), z.ipv6()], { error: 'must be a host name or IP address, without scheme, port or path' }));

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
    /** Hosts besides the endpoint's own that print files may be downloaded from (a store's file CDN, say). */
    printFileHosts: z.array(PrintFileHostSchema).max(MAX_PRINT_FILE_HOSTS).optional(),
    enabled: z.boolean(),
    /** The built-in demo store, started with Presswork; its URL follows the store's port. */
    demo: z.boolean().default(false)
});
export type Connection = z.infer<typeof ConnectionSchema>;

/**
 * The product types MarcomCentral defines for a line item (contracts/marcomcentral-trans-api.md):
 * the printable ones (Versioned, Variable, JobDirect) and Static, a stocked item.
 */
export const MARCOMCENTRAL_PRODUCT_TYPES = ['Versioned', 'Variable', 'JobDirect', 'Static'] as const;
export type MarcomCentralProductType = typeof MARCOMCENTRAL_PRODUCT_TYPES[number];

export const PRODUCT_TYPE_LABELS: Readonly<Record<MarcomCentralProductType, string>> = {
    Versioned: 'Versioned (printed)',
    Variable: 'Variable (printed)',
    JobDirect: 'JobDirect (printed)',
    Static: 'Static (stocked item, not printed)'
};

export function isMarcomCentralProductType(value: string): value is MarcomCentralProductType {
    return (MARCOMCENTRAL_PRODUCT_TYPES as readonly string[]).includes(value);
}

/** Which line items a production template applies to; the most specific match wins (SKU, then product, then type). */
export const TemplateMatchSchema = z.object({
    skuId: shortText(64).min(1).optional(),
    productId: shortText(64).min(1).optional(),
    productType: shortText(64).min(1).optional()
}).refine(match => match.skuId || match.productId || match.productType, 'a template must match a SKU, a product or a product type');
export type TemplateMatch = z.infer<typeof TemplateMatchSchema>;

const propertyValue = z.union([z.string().max(4000), z.number(), z.boolean()]);

const AT_RISK_HOURS_RANGE = 'At risk is a whole number of hours from 1 to 720 (30 days)';

/** Job properties a template gives the jobs it matches. */
export const TemplateDefaultsSchema = z.object({
    media: shortText(100).optional(),
    duplex: z.boolean().optional(),
    /** 1 is taken first, 10 last; a job without one counts as DEFAULT_PRIORITY (job-priority.ts). */
    priority: z.number().int().min(1).max(10).optional(),
    /** A job not printed this many hours before it is due is at risk (marked, counted, notified). */
    atRiskHours: z.number().int().min(1, AT_RISK_HOURS_RANGE).max(24 * 30, AT_RISK_HOURS_RANGE).optional(),
    /** Due this many hours after the order arrives, unless the line item has its own ship date. */
    dueInHours: z.number().int().min(1).max(24 * 90).optional(),
    properties: z.record(z.string().min(1).max(100), propertyValue).default({})
});
export type TemplateDefaults = z.infer<typeof TemplateDefaultsSchema>;

/** Maps MarcomCentral products (SKU, product, product type) to a workflow and job property defaults. */
export const ProductionTemplateSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    name: shortText(100).min(1),
    description: shortText(2000).default(''),
    /** Absent: the template applies to every connection. */
    connectionId: DocumentIdSchema.optional(),
    match: TemplateMatchSchema,
    workflowId: DocumentIdSchema,
    defaults: TemplateDefaultsSchema.default({ properties: {} }),
    enabled: z.boolean().default(true)
});
export type ProductionTemplate = z.infer<typeof ProductionTemplateSchema>;
