import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema, shortText } from '@presswork/platform/lib/common/identifiers';
import { PressworkEventNameSchema } from '@presswork/platform/lib/common/presswork-events';
import { EmailAddressSchema } from '@presswork/platform/lib/common/user-schema';
import type { RpcContract } from '@presswork/platform/lib/common/rpc-contract';

export const NOTIFICATIONS_SERVICE_PATH = '/services/notifications';

/** At most this many conditions per rule (as TFPM). */
export const MAX_RULE_CONDITIONS = 3;
export const MAX_RECIPIENTS = 50;
/** A digest lists at most this many events; the rest are counted. */
export const MAX_DIGEST_EVENTS = 50;

const name = z.string().trim().min(1, 'Name is required').max(100);

// ---- rules ----

export const COMPARISONS = ['equals', 'not-equals', 'contains', 'not-contains', 'greater-than', 'less-than'] as const;
export const ComparisonSchema = z.enum(COMPARISONS);
export type Comparison = z.infer<typeof ComparisonSchema>;

/** A condition on a property of the event's payload (`state`, `orderNumber`, `reason`…): compared as TFPM does. */
export const RuleConditionSchema = z.object({
    property: z.string().trim().min(1, 'Choose a property').max(100),
    comparison: ComparisonSchema,
    value: z.string().max(500)
});
export type RuleCondition = z.infer<typeof RuleConditionSchema>;

/** Who receives a rule's e-mail: users (by their e-mail address), fixed addresses, the order's customer. */
export const EmailRecipientsSchema = z.object({
    userIds: z.array(DocumentIdSchema).max(MAX_RECIPIENTS).default([]),
    addresses: z.array(EmailAddressSchema).max(MAX_RECIPIENTS).default([]),
    /** Only for order and job events; off by default. */
    customer: z.boolean().default(false)
});
export type EmailRecipients = z.infer<typeof EmailRecipientsSchema>;

export const RuleChannelSchema = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('email'), recipients: EmailRecipientsSchema }),
    z.object({ kind: z.literal('webhook'), endpointId: DocumentIdSchema })
]);
export type RuleChannel = z.infer<typeof RuleChannelSchema>;

/**
 * A message template: `{orderNumber}`, `{jobName}`, `{printer}`, `{reason}`, `{trackingNumber}`… name
 * properties of the event's payload (see event-catalog.ts); an unknown name is refused when saved.
 */
export const MessageTemplateSchema = z.object({
    subject: z.string().trim().min(1, 'Subject is required').max(300),
    text: z.string().min(1, 'The message is required').max(10_000),
    /** HTML body; when absent, the plain text is sent as HTML too (escaped, line breaks kept). */
    html: z.string().max(20_000).optional()
});
export type MessageTemplate = z.infer<typeof MessageTemplateSchema>;

/** Storm control: at most one message per rule per subject per `quietMinutes`; more than `digestAbove` matches within a minute make one digest. */
export const StormControlSchema = z.object({
    quietMinutes: z.number().int().min(0).max(24 * 60).default(15),
    digestAbove: z.number().int().min(1).max(1000).default(10)
});
export type StormControl = z.infer<typeof StormControlSchema>;

export const NotificationRuleSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    name,
    enabled: z.boolean(),
    event: PressworkEventNameSchema,
    conditions: z.array(RuleConditionSchema).max(MAX_RULE_CONDITIONS, `at most ${MAX_RULE_CONDITIONS} conditions`).default([]),
    channel: RuleChannelSchema,
    template: MessageTemplateSchema,
    storm: StormControlSchema.default({ quietMinutes: 15, digestAbove: 10 }),
    /** Set on the rules made at first start (job in Error, printer needs attention). */
    builtIn: z.boolean().default(false),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema
});
export type NotificationRule = z.infer<typeof NotificationRuleSchema>;

export const NotificationRuleInputSchema = NotificationRuleSchema.omit({ id: true, version: true, builtIn: true, createdAt: true, updatedAt: true });
export type NotificationRuleInput = z.input<typeof NotificationRuleInputSchema>;

/** A rule's message filled in with a sample event of its kind (Preview), or with a real one. */
export interface MessagePreview {
    readonly subject: string;
    readonly text: string;
    readonly html: string;
    /** Placeholders the template names that the event does not have. */
    readonly unknownPlaceholders: readonly string[];
}

// ---- e-mail (SMTP) ----

/** SMTP as stored: the password sealed with the SecretBox, never sent to a browser. */
export const EmailSettingsSchema = z.object({
    id: z.literal('email'),
    version: z.number().int().positive(),
    host: z.string().trim().min(1, 'Host is required').max(253),
    port: z.number().int().min(1, 'Port must be between 1 and 65535').max(65535, 'Port must be between 1 and 65535'),
    /** `smtps`: TLS from the first byte (465); `starttls`: upgrade required; `none`: plain (loopback, tests). */
    security: z.enum(['smtps', 'starttls', 'none']),
    user: z.string().max(256).optional(),
    sealedPassword: z.string().max(4096).optional(),
    from: EmailAddressSchema,
    /** Refuse servers whose certificate does not verify (off only for a shop's self-signed relay). */
    verifyCertificate: z.boolean().default(true),
    updatedAt: TimestampSchema
});
export type EmailSettings = z.infer<typeof EmailSettingsSchema>;

export const EmailSettingsInputSchema = EmailSettingsSchema.omit({ id: true, version: true, sealedPassword: true, updatedAt: true }).extend({
    /** Absent keeps the sealed one; `clearPassword` removes it. */
    password: z.string().min(1).max(256).optional(),
    clearPassword: z.boolean().default(false)
});
export type EmailSettingsInput = z.input<typeof EmailSettingsInputSchema>;

export type EmailSettingsView = Omit<EmailSettings, 'sealedPassword'> & { readonly hasPassword: boolean };

export interface TestEmailResult {
    readonly ok: boolean;
    /** In words: "The SMTP server took the message (250 OK)" or why not. */
    readonly summary: string;
}

// ---- webhooks ----

export const WebhookEndpointSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    name,
    /** http or https only; redirects are never followed. */
    url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000),
    enabled: z.boolean(),
    /** The events this endpoint wants, every one of them (rules can send it filtered events too). */
    events: z.array(PressworkEventNameSchema).max(50).default([]),
    /** The HMAC-SHA256 signing secret, sealed with the SecretBox. */
    sealedSecret: z.string().max(4096),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const WebhookEndpointInputSchema = WebhookEndpointSchema.pick({ name: true, url: true, enabled: true, events: true });
export type WebhookEndpointInput = z.input<typeof WebhookEndpointInputSchema>;

export type WebhookEndpointView = Omit<WebhookEndpoint, 'sealedSecret'>;

/** The signing secret is shown once: when the endpoint is made and when it is rolled. */
export interface WebhookEndpointWithSecret {
    readonly endpoint: WebhookEndpointView;
    readonly secret: string;
}

// ---- deliveries ----

export const DeliveryAttemptSchema = z.object({
    at: TimestampSchema,
    ok: z.boolean(),
    /** What happened in words ("200 OK in 35 ms", "connection refused"). */
    detail: shortText(1000),
    durationMs: z.number().nonnegative()
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

export const DeliveryStateSchema = z.enum(['pending', 'delivered', 'failed', 'expired']);
export type DeliveryState = z.infer<typeof DeliveryStateSchema>;

/**
 * One message to send (a rule's e-mail to its recipients, a POST to an endpoint), written before the
 * first attempt, with an id derived from what caused it (so re-deriving after a crash finds it), and
 * every attempt recorded. `pending` until delivered, or `failed` (not retryable), or `expired` (24 h).
 */
export const DeliverySchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    source: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('rule'), ruleId: DocumentIdSchema }),
        z.object({ kind: z.literal('endpoint'), endpointId: DocumentIdSchema })
    ]),
    channel: z.enum(['email', 'webhook']),
    /** The channel's destination as resolved when the delivery was made (addresses, endpoint id). */
    destination: z.union([
        z.object({ addresses: z.array(EmailAddressSchema).min(1).max(MAX_RECIPIENTS * 2) }),
        z.object({ endpointId: DocumentIdSchema })
    ]),
    eventName: PressworkEventNameSchema,
    /** Storm control's subject (`job:<id>`…); a digest's is `digest`. */
    subject: shortText(300),
    /** Journal positions of the events it carries (one, or a digest's). */
    eventSeqs: z.array(z.number().int().nonnegative()).min(1).max(MAX_DIGEST_EVENTS),
    /** Events matched beyond those carried (a digest of more than MAX_DIGEST_EVENTS). */
    moreEvents: z.number().int().nonnegative().default(0),
    /** The message as rendered when the delivery was made, so Redeliver sends the same. */
    message: z.object({ subject: shortText(300), text: z.string().max(200_000), html: z.string().max(400_000).optional() }),
    state: DeliveryStateSchema,
    attempts: z.array(DeliveryAttemptSchema).max(100).default([]),
    /** What the log should say beside the attempts: recipients skipped ("Jane Doe has no e-mail address"). */
    notes: z.array(shortText(300)).max(20).optional(),
    nextAttemptAt: TimestampSchema.optional(),
    createdAt: TimestampSchema,
    deliveredAt: TimestampSchema.optional(),
    expiresAt: TimestampSchema
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const DeliveryQuerySchema = z.object({
    ruleId: DocumentIdSchema.optional(),
    endpointId: DocumentIdSchema.optional(),
    state: DeliveryStateSchema.optional(),
    /** Newest first; at most this many. */
    limit: z.number().int().min(1).max(500).default(100)
});
export type DeliveryQuery = z.input<typeof DeliveryQuerySchema>;

/** A user a rule may name: only those with an e-mail address can receive. */
export interface RecipientUser {
    readonly id: string;
    readonly name: string;
    readonly authority: string;
    readonly email?: string;
}

/**
 * The notifications service: Administrators only (authorities.md, "notifications" row). Every call
 * is checked on the server against NotificationsServiceContract.
 */
export const NotificationsService = Symbol('NotificationsService');
export interface NotificationsService {
    listRules(): Promise<NotificationRule[]>;
    createRule(input: NotificationRuleInput): Promise<NotificationRule>;
    /** Refused as a conflict when `version` is no longer the current one. */
    updateRule(id: string, version: number, input: NotificationRuleInput): Promise<NotificationRule>;
    deleteRule(id: string, version: number): Promise<void>;
    /** The rule's message filled in with the catalog's sample event of the rule's kind. */
    previewRule(input: NotificationRuleInput): Promise<MessagePreview>;

    /** Undefined until SMTP is set (in the view or by PRESSWORK_SMTP_URL). */
    getEmailSettings(): Promise<EmailSettingsView | undefined>;
    /** `version` of the settings being replaced, undefined when there are none yet. */
    saveEmailSettings(version: number | undefined, input: EmailSettingsInput): Promise<EmailSettingsView>;
    /** Sends a test e-mail with the saved settings; never throws for an SMTP failure, says it. */
    sendTestEmail(to: string): Promise<TestEmailResult>;
    listRecipientUsers(): Promise<RecipientUser[]>;

    listEndpoints(): Promise<WebhookEndpointView[]>;
    createEndpoint(input: WebhookEndpointInput): Promise<WebhookEndpointWithSecret>;
    updateEndpoint(id: string, version: number, input: WebhookEndpointInput): Promise<WebhookEndpointView>;
    rollEndpointSecret(id: string, version: number): Promise<WebhookEndpointWithSecret>;
    deleteEndpoint(id: string, version: number): Promise<void>;

    listDeliveries(query: DeliveryQuery): Promise<Delivery[]>;
    /** Sends the delivery again as a new attempt (same id, so the same Idempotency-Key). */
    redeliver(id: string): Promise<Delivery>;
}

const manage = 'notifications.manage' as const;
const id = DocumentIdSchema;
const version = z.number().int().positive();

export const NotificationsServiceContract: RpcContract<NotificationsService> = {
    listRules: { access: manage, args: z.tuple([]) },
    createRule: { access: manage, args: z.tuple([NotificationRuleInputSchema]) },
    updateRule: { access: manage, args: z.tuple([id, version, NotificationRuleInputSchema]) },
    deleteRule: { access: manage, args: z.tuple([id, version]) },
    previewRule: { access: manage, args: z.tuple([NotificationRuleInputSchema]) },
    getEmailSettings: { access: manage, args: z.tuple([]) },
    saveEmailSettings: { access: manage, args: z.tuple([version.optional(), EmailSettingsInputSchema]) },
    sendTestEmail: { access: manage, args: z.tuple([EmailAddressSchema]) },
    listRecipientUsers: { access: manage, args: z.tuple([]) },
    listEndpoints: { access: manage, args: z.tuple([]) },
    createEndpoint: { access: manage, args: z.tuple([WebhookEndpointInputSchema]) },
    updateEndpoint: { access: manage, args: z.tuple([id, version, WebhookEndpointInputSchema]) },
    rollEndpointSecret: { access: manage, args: z.tuple([id, version]) },
    deleteEndpoint: { access: manage, args: z.tuple([id, version]) },
    listDeliveries: { access: manage, args: z.tuple([DeliveryQuerySchema]) },
    redeliver: { access: manage, args: z.tuple([id]) }
};
