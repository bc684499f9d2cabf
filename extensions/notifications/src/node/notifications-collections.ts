import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { NotificationCollectionNames } from '../common/notifications-collections';
import {
    DeliverySchema, EmailSettingsSchema, NotificationRuleSchema, WebhookEndpointSchema,
    type Delivery, type EmailSettings, type NotificationRule, type WebhookEndpoint
} from '../common/notifications-protocol';

export const RulesCollection: DocumentCollection<NotificationRule> = {
    name: NotificationCollectionNames.rules,
    schema: NotificationRuleSchema,
    indexes: { event: rule => rule.event }
};

export const EndpointsCollection: DocumentCollection<WebhookEndpoint> = { name: NotificationCollectionNames.endpoints, schema: WebhookEndpointSchema };

/** Deliveries, found by what sent them (a rule's or an endpoint's log) and by their state (the retry queue). */
export const DeliveriesCollection: DocumentCollection<Delivery> = {
    name: NotificationCollectionNames.deliveries,
    schema: DeliverySchema,
    indexes: {
        source: delivery => delivery.source.kind === 'rule' ? `rule:${delivery.source.ruleId}` : `endpoint:${delivery.source.endpointId}`,
        state: delivery => delivery.state
    }
};

export const EmailSettingsCollection: DocumentCollection<EmailSettings> = { name: NotificationCollectionNames.settings, schema: EmailSettingsSchema };

export const NOTIFICATION_COLLECTIONS: readonly DocumentCollection[] =
    [RulesCollection, EndpointsCollection, DeliveriesCollection, EmailSettingsCollection] as readonly DocumentCollection[];
