import { inject, injectable } from '@theia/core/shared/inversify';
import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';
import type { ChannelDelivery, ChannelOutcome, NotificationChannelContribution } from '@presswork/platform/lib/common/notification-channel-contribution';
import type { PressworkEvent } from '@presswork/platform/lib/common/presswork-events';
import { WebhookEndpoints } from './webhook-endpoints';
import { postWebhook, type WebhookResponse } from './webhook-post';
import { webhookSignature } from './webhook-signature';

const WebhookDestinationSchema = z.object({ endpointId: DocumentIdSchema });

export const WEBHOOK_USER_AGENT = 'Presswork-Webhooks/1';

export interface WebhookLimits {
    readonly timeoutMs: number;
    readonly maxResponseBytes: number;
}

export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = { timeoutMs: 10_000, maxResponseBytes: 64 * 1024 };

/**
 * The JSON a webhook receives (documented in the administrator guide): the delivery id (also the
 * `Idempotency-Key`) and the events it carries, one or a digest's, each with its journal position.
 */
export function webhookBody(deliveryId: string, events: readonly PressworkEvent[]): string {
    return JSON.stringify({
        id: deliveryId,
        events: events.map(({ seq, id, name, at, subject, payload }) => ({ seq, id, name, at, subject, payload }))
    });
}

/**
 * Signed webhooks: a JSON POST per delivery, signed with the endpoint's secret. 2xx is delivered;
 * 408, 429, 5xx, no answer and network errors may pass (retryable); a redirect (never followed) and
 * any other 4xx will not.
 */
@injectable()
export class WebhookChannel implements NotificationChannelContribution {
    readonly kind = 'webhook';

    @inject(WebhookEndpoints) protected readonly endpoints: WebhookEndpoints;

    /** Tests shorten them. */
    limits: WebhookLimits = DEFAULT_WEBHOOK_LIMITS;

    async deliver(delivery: ChannelDelivery): Promise<ChannelOutcome> {
        const destination = WebhookDestinationSchema.safeParse(delivery.destination);
        const endpoint = destination.success ? this.endpoints.find(destination.data.endpointId) : undefined;
        if (!endpoint) {
            return { ok: false, retryable: false, reason: 'the webhook endpoint no longer exists' };
        }
        if (!endpoint.enabled) {
            return { ok: false, retryable: false, reason: `the endpoint ${endpoint.name} is switched off` };
        }
        const body = webhookBody(delivery.id, delivery.message.events);
        const timestamp = Math.floor(Date.now() / 1000);
        const headers = {
            'Content-Type': 'application/json',
            'User-Agent': WEBHOOK_USER_AGENT,
            'Idempotency-Key': delivery.id,
            'Presswork-Timestamp': String(timestamp),
            'Presswork-Signature': webhookSignature(this.endpoints.secretOf(endpoint), timestamp, body)
        };
        const started = Date.now();
        try {
            const response = await postWebhook(new URL(endpoint.url), body, headers, { ...this.limits, signal: delivery.signal });
            return outcomeOf(response, Date.now() - started);
        } catch (error) {
            return networkFailure(error, this.limits.timeoutMs, delivery.signal);
        }
    }
}

function outcomeOf(response: WebhookResponse, durationMs: number): ChannelOutcome {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    if (response.status >= 200 && response.status < 300) {
        return { ok: true, detail: `${status} in ${durationMs} ms` };
    }
    if (response.status >= 300 && response.status < 400) {
        const to = response.location ? ` to ${response.location.slice(0, 300)}` : '';
        return { ok: false, retryable: false, reason: `the endpoint answered ${status}${to}: redirects are not followed; give the final URL` };
    }
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    const said = response.bodyStart.trim() ? `: ${response.bodyStart.trim().slice(0, 200)}` : '';
    return { ok: false, retryable, reason: `the endpoint answered ${status} in ${durationMs} ms${said}` };
}

/** Node's network error codes, in words. */
const NETWORK_ERRORS: Readonly<Record<string, string>> = {
    ECONNREFUSED: 'the connection was refused (is the receiver running?)',
    ECONNRESET: 'the receiver closed the connection',
    ENOTFOUND: 'the host name is not known (DNS)',
    EAI_AGAIN: 'the host name could not be looked up now (DNS)',
    EHOSTUNREACH: 'the host cannot be reached',
    ENETUNREACH: 'the network cannot be reached',
    ETIMEDOUT: 'the connection timed out'
};

function networkFailure(error: unknown, timeoutMs: number, signal: AbortSignal): ChannelOutcome {
    const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
    if (signal.aborted) {
        return { ok: false, retryable: true, reason: 'not sent: Presswork is stopping' };
    }
    if (name === 'TimeoutError') {
        return { ok: false, retryable: true, reason: `no answer within ${timeoutMs / 1000} s` };
    }
    const known = code ? NETWORK_ERRORS[code] : undefined;
    return { ok: false, retryable: true, reason: known ?? `the request failed: ${message ?? String(error)}` };
}
