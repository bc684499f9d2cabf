import { randomUUID } from 'node:crypto';
import { inject, injectable } from '@theia/core/shared/inversify';
import type { z } from 'zod';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { UsersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { EVENT_CATALOG } from '../../common/event-catalog';
import {
    DeliveryQuerySchema, NotificationRuleInputSchema,
    type Delivery, type DeliveryQuery, type MessagePreview, type NotificationRule, type NotificationRuleInput
} from '../../common/notifications-protocol';
import { ruleProblems, unknownPlaceholders } from '../../common/rule-validation';
import { DeliveriesCollection, EndpointsCollection, RulesCollection } from '../notifications-collections';
import { DeliverySender } from './delivery-sender';
import { renderMessage } from './message-renderer';
import { ShopTimeZone } from './shop-time-zone';

type RuleFields = z.output<typeof NotificationRuleInputSchema>;

/**
 * The notifications service's rules and delivery log: what NotificationsServiceImpl delegates to.
 * A rule is checked against its event before it is stored (properties, placeholders, endpoint,
 * users), refused in words; edits and deletes carry the version they were based on, and a stale
 * one is refused as a conflict by the store.
 */
@injectable()
export class RuleBook {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(DeliverySender) protected readonly sender: DeliverySender;
    @inject(ShopTimeZone) protected readonly timeZone: ShopTimeZone;

    async listRules(): Promise<NotificationRule[]> {
        return [...this.store.all(RulesCollection)].sort((a, b) => a.name.localeCompare(b.name));
    }

    async createRule(input: NotificationRuleInput): Promise<NotificationRule> {
        const fields = this.checked(input);
        const now = new Date().toISOString();
        return this.store.create(RulesCollection, { ...fields, id: randomUUID(), builtIn: false, createdAt: now, updatedAt: now });
    }

    async updateRule(id: string, version: number, input: NotificationRuleInput): Promise<NotificationRule> {
        const current = this.rule(id);
        const fields = this.checked(input);
        return this.store.update(RulesCollection, { ...current, ...fields, id, version, updatedAt: new Date().toISOString() });
    }

    async deleteRule(id: string, version: number): Promise<void> {
        this.rule(id);
        await this.store.delete(RulesCollection, id, version);
    }

    /** The message as the catalog's sample event of the rule's kind fills it in; unknown placeholders named, not refused. */
    async previewRule(input: NotificationRuleInput): Promise<MessagePreview> {
        const { event, template } = parsed(NotificationRuleInputSchema, input);
        const sample = { name: event, at: new Date().toISOString(), payload: EVENT_CATALOG[event].sample };
        const html = renderMessage(template, sample, this.timeZone.of(sample.payload));
        return { ...html, html: html.html ?? '', unknownPlaceholders: unknownPlaceholders(event, template.subject, template.text, template.html) };
    }

    /** Newest first. */
    async listDeliveries(query: DeliveryQuery): Promise<Delivery[]> {
        const { ruleId, endpointId, state, limit } = parsed(DeliveryQuerySchema, query);
        const sources = [ruleId && `rule:${ruleId}`, endpointId && `endpoint:${endpointId}`].filter((key): key is string => !!key);
        const candidates = sources.length ? sources.flatMap(key => this.store.findBy(DeliveriesCollection, 'source', key))
            : state ? this.store.findBy(DeliveriesCollection, 'state', state)
                : [...this.store.all(DeliveriesCollection)];
        return candidates
            .filter(delivery => !state || delivery.state === state)
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
            .slice(0, limit);
    }

    redeliver(id: string): Promise<Delivery> {
        return this.sender.redeliver(id);
    }

    protected rule(id: string): NotificationRule {
        const rule = this.store.get(RulesCollection, id);
        if (!rule) {
            throw PressworkError.NotFound('That rule no longer exists');
        }
        return rule;
    }

    protected checked(input: NotificationRuleInput): RuleFields {
        const fields = parsed(NotificationRuleInputSchema, input);
        const problems = ruleProblems(fields);
        if (fields.channel.kind === 'webhook' && !this.store.get(EndpointsCollection, fields.channel.endpointId)) {
            problems.push('The webhook endpoint chosen no longer exists');
        }
        if (fields.channel.kind === 'email') {
            const { userIds, addresses, customer } = fields.channel.recipients;
            const gone = userIds.filter(userId => !this.store.get(UsersCollection, userId));
            if (gone.length) {
                problems.push(`${gone.length === 1 ? 'A user chosen no longer exists' : `${gone.length} users chosen no longer exist`}`);
            }
            if (!userIds.length && !addresses.length && !customer) {
                problems.push('Choose at least one recipient: a user, an e-mail address or the order\'s customer');
            }
        }
        if (problems.length) {
            throw PressworkError.InvalidInput(problems.join('; '));
        }
        return fields;
    }
}

function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
    const result = schema.safeParse(input);
    if (!result.success) {
        throw PressworkError.InvalidInput(describeZodError(result.error));
    }
    return result.data;
}
