import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { openTempStore, type TempStore } from '@presswork/platform/lib/node/test/temp-store';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { NOTIFICATION_COLLECTIONS } from '../notifications-collections';
import { EmailChannel } from '../email/email-channel';
import { EmailSettingsStore } from '../email/email-settings-store';
import { SmtpMailer, type SmtpTimeouts } from '../email/smtp-mailer';
import { WebhookChannel } from '../webhook/webhook-channel';
import { WebhookEndpoints } from '../webhook/webhook-endpoints';

/** Short timeouts, so a hung server fails a test in a moment rather than 15 s. */
export const TEST_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 2_000, greetingMs: 500, socketMs: 2_000 };

/** The channels and their stores over a real file store and a real SecretBox in a temporary folder. */
export class ChannelsFixture {
    protected constructor(
        readonly temp: TempStore,
        readonly secrets: SecretBox,
        readonly mailer: SmtpMailer,
        readonly emailSettings: EmailSettingsStore,
        readonly emailChannel: EmailChannel,
        readonly endpoints: WebhookEndpoints,
        readonly webhookChannel: WebhookChannel
    ) { }

    static async create(): Promise<ChannelsFixture> {
        const temp = await openTempStore(NOTIFICATION_COLLECTIONS, 'presswork-channels-');
        const store = temp.store;
        const secrets = new SecretBox(temp.join('keys', 'secrets.key'));
        const mailer = inject(new SmtpMailer(), { store, secrets });
        mailer.timeouts = TEST_SMTP_TIMEOUTS;
        const emailSettings = inject(new EmailSettingsStore(), { store, secrets, mailer });
        const emailChannel = inject(new EmailChannel(), { mailer });
        const endpoints = inject(new WebhookEndpoints(), { store, secrets });
        const webhookChannel = inject(new WebhookChannel(), { endpoints });
        return new ChannelsFixture(temp, secrets, mailer, emailSettings, emailChannel, endpoints, webhookChannel);
    }

    get store(): TempStore['store'] {
        return this.temp.store;
    }

    async dispose(): Promise<void> {
        this.mailer.dispose();
        await this.temp.dispose();
    }
}
