import { z } from 'zod';
import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { NotificationCollectionNames } from '../common/notifications-collections';
import {
    DeliverySchema, EmailSettingsSchema, NotificationRuleSchema, WebhookEndpointSchema,
    type Delivery, type EmailSettings, type NotificationRule, type WebhookEndpoint
} from '../common/notifications-protocol';
import { DispatcherStateSchema, type DispatcherState } from './rules/dispatcher-state';

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

/** The settings collection holds two documents, told apart by id: `email` (SMTP) and `dispatcher` (the rule dispatcher's position). */
export const SettingsCollection: DocumentCollection<EmailSettings | DispatcherState> = {
    name: NotificationCollectionNames.settings,
    schema: z.discriminatedUnion('id', [EmailSettingsSchema, DispatcherStateSchema])
};
/** The settings collection seen through its `email` document (read it by that id). */
export const EmailSettingsCollection = SettingsCollection as DocumentCollection as DocumentCollection<EmailSettings>;
/** The settings collection seen through its `dispatcher` document (read it by that id). */
export const DispatcherStateCollection = SettingsCollection as DocumentCollection as DocumentCollection<DispatcherState>;

export const NOTIFICATION_COLLECTIONS: readonly DocumentCollection[] =
    [RulesCollection, EndpointsCollection, DeliveriesCollection, SettingsCollection] as readonly DocumentCollection[];
