import type { PressworkEvent } from './presswork-events';

/** A message ready for a channel: the rule's template filled in with the event(s). */
export interface NotificationMessage {
    readonly subject: string;
    readonly text: string;
    readonly html?: string;
    /** The events it is about (one, or several in a digest), for channels that send data (webhooks). */
    readonly events: readonly PressworkEvent[];
}

/** One attempt at one delivery. */
export interface ChannelDelivery {
    /**
     * The delivery's id, the same on every attempt and on Redeliver: a webhook's
     * `Idempotency-Key`, an e-mail's Message-ID, so a receiver can tell a repeat.
     */
    readonly id: string;
    /** 1 for the first attempt. */
    readonly attempt: number;
    /** Where to (the channel's own shape: e-mail addresses, a webhook endpoint id), as the rule resolved it. */
    readonly destination: unknown;
    readonly message: NotificationMessage;
    readonly signal: AbortSignal;
}

/** How an attempt went; `retryable` false means trying again cannot help (a bad address, a 4xx but 408/429). */
export type ChannelOutcome =
    | { readonly ok: true; readonly detail: string }
    | { readonly ok: false; readonly retryable: boolean; readonly reason: string };

/**
 * A way to deliver notifications (backend): e-mail through SMTP, signed webhooks. The rule engine
 * asks the `NotificationChannelRegistry` for the channel of a rule and records every attempt.
 */
export const NotificationChannelContribution = Symbol('NotificationChannelContribution');
export interface NotificationChannelContribution {
    /** `email`, `webhook`. */
    readonly kind: string;
    deliver(delivery: ChannelDelivery): Promise<ChannelOutcome>;
}
