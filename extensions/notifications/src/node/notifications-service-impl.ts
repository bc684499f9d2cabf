import { inject, injectable } from '@theia/core/shared/inversify';
import type {
    Delivery, DeliveryQuery, EmailSettingsInput, EmailSettingsView, MessagePreview, NotificationRule, NotificationRuleInput,
    NotificationsService, RecipientUser, TestEmailResult, WebhookEndpointInput, WebhookEndpointView, WebhookEndpointWithSecret
} from '../common/notifications-protocol';
import { EmailSettingsStore } from './email/email-settings-store';
import { RuleBook } from './rules/rule-book';
import { WebhookEndpoints } from './webhook/webhook-endpoints';

/**
 * The notifications RPC service: the guard (NotificationsServiceContract) has checked the caller's
 * authority and the arguments before any method runs; each method hands over to the part that
 * owns it (rules and deliveries, e-mail settings, webhook endpoints).
 */
@injectable()
export class NotificationsServiceImpl implements NotificationsService {
    @inject(RuleBook) protected readonly rules: RuleBook;
    @inject(EmailSettingsStore) protected readonly email: EmailSettingsStore;
    @inject(WebhookEndpoints) protected readonly endpoints: WebhookEndpoints;

    listRules(): Promise<NotificationRule[]> {
        return this.rules.listRules();
    }

    createRule(input: NotificationRuleInput): Promise<NotificationRule> {
        return this.rules.createRule(input);
    }

    updateRule(id: string, version: number, input: NotificationRuleInput): Promise<NotificationRule> {
        return this.rules.updateRule(id, version, input);
    }

    deleteRule(id: string, version: number): Promise<void> {
        return this.rules.deleteRule(id, version);
    }

    previewRule(input: NotificationRuleInput): Promise<MessagePreview> {
        return this.rules.previewRule(input);
    }

    async getEmailSettings(): Promise<EmailSettingsView | undefined> {
        return this.email.get();
    }

    saveEmailSettings(version: number | undefined, input: EmailSettingsInput): Promise<EmailSettingsView> {
        return this.email.save(version, input);
    }

    sendTestEmail(to: string): Promise<TestEmailResult> {
        return this.email.sendTest(to);
    }

    async listRecipientUsers(): Promise<RecipientUser[]> {
        return this.email.listRecipientUsers();
    }

    async listEndpoints(): Promise<WebhookEndpointView[]> {
        return this.endpoints.list();
    }

    createEndpoint(input: WebhookEndpointInput): Promise<WebhookEndpointWithSecret> {
        return this.endpoints.create(input);
    }

    updateEndpoint(id: string, version: number, input: WebhookEndpointInput): Promise<WebhookEndpointView> {
        return this.endpoints.update(id, version, input);
    }

    rollEndpointSecret(id: string, version: number): Promise<WebhookEndpointWithSecret> {
        return this.endpoints.rollSecret(id, version);
    }

    deleteEndpoint(id: string, version: number): Promise<void> {
        return this.endpoints.delete(id, version);
    }

    listDeliveries(query: DeliveryQuery): Promise<Delivery[]> {
        return this.rules.listDeliveries(query);
    }

    redeliver(id: string): Promise<Delivery> {
        return this.rules.redeliver(id);
    }
}
