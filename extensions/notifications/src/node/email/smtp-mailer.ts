import { inject, injectable } from '@theia/core/shared/inversify';
import * as nodemailer from 'nodemailer';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import type { ChannelOutcome } from '@presswork/platform/lib/common/notification-channel-contribution';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import type { EmailSettings } from '../../common/notifications-protocol';
import { EmailSettingsCollection } from '../notifications-collections';
import { openText } from '../sealed-text';
import { masked, smtpFailure } from './smtp-outcome';

/** The id of the one e-mail settings document. */
export const EMAIL_SETTINGS_ID = 'email';

/** How long the SMTP server may take: to connect, to greet, and to answer any command. */
export interface SmtpTimeouts {
    readonly connectionMs: number;
    readonly greetingMs: number;
    readonly socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 15_000, greetingMs: 15_000, socketMs: 30_000 };

export interface OutgoingMail {
    readonly to: readonly string[];
    readonly subject: string;
    readonly text: string;
    readonly html: string;
    /** `<delivery-id@presswork>`: the same on every attempt, so a repeat can be recognised. */
    readonly messageId: string;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;

/**
 * Sends e-mail with the saved SMTP settings. The transport (a small connection pool) is made once
 * and made again when the settings change. Sending never throws: it says how it went as a
 * ChannelOutcome, in words, without the password.
 */
@injectable()
export class SmtpMailer implements BackendApplicationContribution {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(SecretBox) protected readonly secrets: SecretBox;

    /** Tests shorten them. */
    timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS;

    protected cached: { readonly key: string; readonly transport: Transport; readonly password?: string } | undefined;

    settings(): EmailSettings | undefined {
        return this.store.get(EmailSettingsCollection, EMAIL_SETTINGS_ID);
    }

    async send(mail: OutgoingMail, signal?: AbortSignal): Promise<ChannelOutcome> {
        const settings = this.settings();
        if (!settings) {
            return { ok: false, retryable: true, reason: 'e-mail is not set up: enter the SMTP server in Notifications → E-mail settings' };
        }
        let current: NonNullable<SmtpMailer['cached']>;
        try {
            current = this.transportFor(settings);
        } catch (error) {
            return { ok: false, retryable: false, reason: error instanceof Error ? error.message : String(error) };
        }
        if (signal?.aborted) {
            return { ok: false, retryable: true, reason: 'not sent: Presswork is stopping' };
        }
        const started = Date.now();
        try {
            const info = await current.transport.sendMail({
                from: settings.from,
                to: [...mail.to],
                subject: mail.subject,
                text: mail.text,
                html: mail.html,
                messageId: mail.messageId
            });
            const response = masked(String(info.response ?? '250').split(/\r?\n/)[0], current.password);
            const rejected = (info.rejected ?? []).map(String);
            const refusedSome = rejected.length ? `; refused ${rejected.join(', ')}` : '';
            return { ok: true, detail: `the SMTP server took the message for ${mail.to.length - rejected.length} of ${mail.to.length} recipients (${response}) in ${Date.now() - started} ms${refusedSome}` };
        } catch (error) {
            return smtpFailure(error, current.password);
        }
    }

    /** The transport of these settings: the cached one, or a new one when they changed. */
    protected transportFor(settings: EmailSettings): NonNullable<SmtpMailer['cached']> {
        const key = `${settings.version}|${settings.updatedAt}|${JSON.stringify(this.timeouts)}`;
        if (this.cached?.key === key) {
            return this.cached;
        }
        this.dispose();
        const password = settings.sealedPassword ? openText(this.secrets, settings.sealedPassword) : undefined;
        const transport = nodemailer.createTransport({
            pool: true,
            maxConnections: 3,
            host: settings.host,
            port: settings.port,
            secure: settings.security === 'smtps',
            requireTLS: settings.security === 'starttls',
            ignoreTLS: settings.security === 'none',
            tls: { rejectUnauthorized: settings.verifyCertificate },
            ...(settings.user ? { auth: { user: settings.user, pass: password ?? '' } } : {}),
            connectionTimeout: this.timeouts.connectionMs,
            greetingTimeout: this.timeouts.greetingMs,
            socketTimeout: this.timeouts.socketMs,
            // nodemailer's own logger stays off: it would write the SMTP dialogue, AUTH included.
            logger: false,
            debug: false
        });
        this.cached = { key, transport, ...(password ? { password } : {}) };
        return this.cached;
    }

    /** Closes the pool's connections when Presswork stops. */
    onStop(): void {
        this.dispose();
    }

    dispose(): void {
        this.cached?.transport.close();
        this.cached = undefined;
    }
}

/** A plain-text body as HTML: escaped, line breaks kept. */
export function textAsHtml(text: string): string {
    const escaped = text.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`);
    return `<div style="font-family: sans-serif; white-space: pre-wrap">${escaped}</div>`;
}
