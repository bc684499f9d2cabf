import { randomUUID } from 'node:crypto';
import { inject, injectable } from '@theia/core/shared/inversify';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import {
    WebhookEndpointInputSchema, type WebhookEndpoint, type WebhookEndpointInput, type WebhookEndpointView, type WebhookEndpointWithSecret
} from '../../common/notifications-protocol';
import { EndpointsCollection, RulesCollection } from '../notifications-collections';
import { openText, sealText } from '../sealed-text';
import { newWebhookSecret } from './webhook-signature';

/**
 * Webhook endpoints as administrators manage them. The signing secret is made here, sealed with
 * the SecretBox, and shown once: when the endpoint is made and when the secret is rolled.
 * NotificationsService's endpoint methods delegate here.
 */
@injectable()
export class WebhookEndpoints {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(SecretBox) protected readonly secrets: SecretBox;

    list(): WebhookEndpointView[] {
        return [...this.store.all(EndpointsCollection)].map(viewOf).sort((a, b) => a.name.localeCompare(b.name));
    }

    find(id: string): WebhookEndpoint | undefined {
        return this.store.get(EndpointsCollection, id);
    }

    /** The endpoints that want an event of this name (the dispatcher's subscriptions). */
    subscribedTo(eventName: string): WebhookEndpoint[] {
        return [...this.store.all(EndpointsCollection)].filter(endpoint => endpoint.enabled && endpoint.events.includes(eventName as never));
    }

    /** The signing secret, opened for signing (never for a browser or a log). */
    secretOf(endpoint: WebhookEndpoint): string {
        return openText(this.secrets, endpoint.sealedSecret);
    }

    async create(input: WebhookEndpointInput): Promise<WebhookEndpointWithSecret> {
        const fields = this.checked(input);
        const secret = newWebhookSecret();
        const now = new Date().toISOString();
        const endpoint = await this.store.create(EndpointsCollection, {
            id: randomUUID(), ...fields, sealedSecret: sealText(this.secrets, secret), createdAt: now, updatedAt: now
        });
        return { endpoint: viewOf(endpoint), secret };
    }

    /** Refused as a conflict (by the store) when `version` is no longer the current one. */
    async update(id: string, version: number, input: WebhookEndpointInput): Promise<WebhookEndpointView> {
        const current = this.existing(id);
        const fields = this.checked(input, id);
        const updated = await this.store.update(EndpointsCollection, { ...current, ...fields, version, updatedAt: new Date().toISOString() });
        return viewOf(updated);
    }

    /** A new secret; the old one signs nothing from now on. */
    async rollSecret(id: string, version: number): Promise<WebhookEndpointWithSecret> {
        const current = this.existing(id);
        const secret = newWebhookSecret();
        const updated = await this.store.update(EndpointsCollection, {
            ...current, version, sealedSecret: sealText(this.secrets, secret), updatedAt: new Date().toISOString()
        });
        return { endpoint: viewOf(updated), secret };
    }

    /** Refused while a rule sends to it: the rule would fail. */
    async delete(id: string, version: number): Promise<void> {
        const endpoint = this.existing(id);
        const rules = [...this.store.all(RulesCollection)].filter(rule => rule.channel.kind === 'webhook' && rule.channel.endpointId === id);
        if (rules.length) {
            throw PressworkError.Refused(`${endpoint.name} is used by the rule${rules.length > 1 ? 's' : ''} ${rules.map(rule => rule.name).join(', ')}; change or delete ${rules.length > 1 ? 'them' : 'it'} first`);
        }
        await this.store.delete(EndpointsCollection, id, version);
    }

    protected existing(id: string): WebhookEndpoint {
        const endpoint = this.find(id);
        if (!endpoint) {
            throw PressworkError.NotFound('That webhook endpoint no longer exists');
        }
        return endpoint;
    }

    /** Valid input with a unique name; the URL http or https only (the schema says so). */
    protected checked(input: WebhookEndpointInput, ownId?: string): Pick<WebhookEndpoint, 'name' | 'url' | 'enabled' | 'events'> {
        const parsed = WebhookEndpointInputSchema.safeParse(input);
        if (!parsed.success) {
            throw PressworkError.InvalidInput(describeZodError(parsed.error));
        }
        const { name, url, enabled, events } = parsed.data;
        const taken = [...this.store.all(EndpointsCollection)].find(other => other.id !== ownId && other.name.toLowerCase() === name.toLowerCase());
        if (taken) {
            throw PressworkError.InvalidInput(`name: There is an endpoint named ${taken.name} already`);
        }
        if (new URL(url).username || new URL(url).password) {
            throw PressworkError.InvalidInput('url: Put no user name or password in the URL; the receiver checks the signature instead');
        }
        return { name, url, enabled, events: [...new Set(events)] };
    }
}

function viewOf(endpoint: WebhookEndpoint): WebhookEndpointView {
    const { sealedSecret: _sealed, ...view } = endpoint;
    return view;
}
