import { randomUUID } from 'node:crypto';
import { inject, injectable } from '@theia/core/shared/inversify';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { EmailAddressSchema } from '@presswork/platform/lib/common/user-schema';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { UsersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import {
    EmailSettingsInputSchema, type EmailSettings, type EmailSettingsInput, type EmailSettingsView, type RecipientUser, type TestEmailResult
} from '../../common/notifications-protocol';
import { EmailSettingsCollection } from '../notifications-collections';
import { sealText } from '../sealed-text';
import { EMAIL_SETTINGS_ID, SmtpMailer, textAsHtml } from './smtp-mailer';

/**
 * The SMTP settings as administrators manage them (Notifications → E-mail settings): the password
 * sealed on the way in and never returned, a test e-mail that says how it went, and the users a
 * rule may name. NotificationsService's e-mail methods delegate here.
 */
@injectable()
export class EmailSettingsStore {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(SecretBox) protected readonly secrets: SecretBox;
    @inject(SmtpMailer) protected readonly mailer: SmtpMailer;

    /** Undefined until SMTP is set (in the view or by PRESSWORK_SMTP_URL). */
    get(): EmailSettingsView | undefined {
        const settings = this.mailer.settings();
        return settings && viewOf(settings);
    }

    /**
     * Saves the settings: `version` of those replaced, undefined for the first. A password typed
     * is sealed; none keeps the stored one; `clearPassword` removes it.
     */
    async save(version: number | undefined, input: EmailSettingsInput): Promise<EmailSettingsView> {
        const parsed = EmailSettingsInputSchema.safeParse(input);
        if (!parsed.success) {
            throw PressworkError.InvalidInput(describeZodError(parsed.error));
        }
        const { password, clearPassword, user, ...fields } = parsed.data;
        const current = this.mailer.settings();
        if (version === undefined && current) {
            throw PressworkError.Conflict('The e-mail settings were saved by someone else meanwhile; reopen them', current.version);
        }
        if (version !== undefined && !current) {
            throw PressworkError.NotFound('The e-mail settings no longer exist; reopen them');
        }
        const kept = clearPassword ? undefined : current?.sealedPassword;
        const sealedPassword = password ? sealText(this.secrets, password) : kept;
        const document: Omit<EmailSettings, 'version'> = {
            id: EMAIL_SETTINGS_ID,
            ...fields,
            ...(user?.trim() ? { user: user.trim() } : {}),
            ...(sealedPassword ? { sealedPassword } : {}),
            updatedAt: new Date().toISOString()
        };
        const saved = version === undefined
            ? await this.store.create(EmailSettingsCollection, document)
            : await this.store.update(EmailSettingsCollection, { ...document, version });
        return viewOf(saved);
    }

    /** Sends a test e-mail with the saved settings; an SMTP failure is the answer, not an error. */
    async sendTest(to: string): Promise<TestEmailResult> {
        const address = EmailAddressSchema.safeParse(to);
        if (!address.success) {
            return { ok: false, summary: `Not sent: ${to} ${describeZodError(address.error).replace(/^\(document\): /, '')}` };
        }
        const settings = this.mailer.settings();
        if (!settings) {
            return { ok: false, summary: 'Not sent: save the SMTP settings first.' };
        }
        const text = `This is a test e-mail from Presswork, sent through ${settings.host}:${settings.port}.\n` +
            'If you can read it, notifications by e-mail work.';
        const outcome = await this.mailer.send({
            to: [address.data],
            subject: 'Presswork test e-mail',
            text,
            html: textAsHtml(text),
            messageId: `<test-${randomUUID()}@presswork>`
        });
        if (outcome.ok) {
            return { ok: true, summary: `Sent: ${capitalized(outcome.detail)}.` };
        }
        const advice = outcome.retryable ? ' This may pass: try again in a moment.' : '';
        return { ok: false, summary: `Not sent: ${outcome.reason}.${advice}` };
    }

    /** Every user, with their e-mail address when they have one, by name. */
    listRecipientUsers(): RecipientUser[] {
        return [...this.store.all(UsersCollection)]
            .map(user => ({ id: user.id, name: user.name, authority: user.authority, ...(user.email ? { email: user.email } : {}) }))
            .sort((a, b) => a.name.localeCompare(b.name));
    }
}

function viewOf(settings: EmailSettings): EmailSettingsView {
    const { sealedPassword, ...view } = settings;
    return { ...view, hasPassword: !!sealedPassword };
}

function capitalized(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
