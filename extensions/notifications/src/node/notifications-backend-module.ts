import { ContainerModule } from '@theia/core/shared/inversify';
import { DocumentCollectionContribution } from '@presswork/platform/lib/node/store/document-store';
import { NOTIFICATION_COLLECTIONS } from './notifications-collections';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { NotificationChannelContribution } from '@presswork/platform/lib/common/notification-channel-contribution';
import { EmailChannel } from './email/email-channel';
import { EmailProvisioning } from './email/email-provisioning';
import { EmailSettingsStore } from './email/email-settings-store';
import { SmtpMailer } from './email/smtp-mailer';
import { WebhookChannel } from './webhook/webhook-channel';
import { WebhookEndpoints } from './webhook/webhook-endpoints';

/** Notifications' backend: the event journal, the rules and their dispatcher, e-mail and webhook channels, the events read API. */
export default new ContainerModule(bind => {
    bind(DocumentCollectionContribution).toConstantValue({ collections: NOTIFICATION_COLLECTIONS });

    // ---- e-mail and webhook channels ----
    bind(SmtpMailer).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(SmtpMailer);
    bind(EmailSettingsStore).toSelf().inSingletonScope();
    bind(EmailChannel).toSelf().inSingletonScope();
    bind(NotificationChannelContribution).toService(EmailChannel);
    bind(EmailProvisioning).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(EmailProvisioning);
    bind(WebhookEndpoints).toSelf().inSingletonScope();
    bind(WebhookChannel).toSelf().inSingletonScope();
    bind(NotificationChannelContribution).toService(WebhookChannel);
    // ---- end of e-mail and webhook channels ----
});
