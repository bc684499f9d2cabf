import * as path from 'node:path';
import { ContainerModule } from '@theia/core/shared/inversify';
import type { interfaces } from '@theia/core/shared/inversify';
import { ConnectionContainerModule } from '@theia/core/lib/node/messaging/connection-container-module';
import { bindGuardedService } from '@presswork/platform/lib/node/rpc/bind-guarded-service';
import { NOTIFICATIONS_SERVICE_PATH, NotificationsService, NotificationsServiceContract } from '../common/notifications-protocol';
import { NotificationsServiceImpl } from './notifications-service-impl';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { EventPublisher, EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
import { DocumentCollectionContribution } from '@presswork/platform/lib/node/store/document-store';
import { WriteGate } from '@presswork/platform/lib/node/store/write-gate';
import { ChangeFeedProjection, announceChanges } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import { NotificationCollectionNames } from '../common/notifications-collections';
import { NOTIFICATION_COLLECTIONS } from './notifications-collections';
import { NotificationChannelContribution } from '@presswork/platform/lib/common/notification-channel-contribution';
import { EmailChannel } from './email/email-channel';
import { EmailProvisioning } from './email/email-provisioning';
import { EmailSettingsStore } from './email/email-settings-store';
import { SmtpMailer } from './email/smtp-mailer';
import { WebhookChannel } from './webhook/webhook-channel';
import { WebhookEndpoints } from './webhook/webhook-endpoints';
import { EventsReadApi } from './api/events-read-api';
import { EventDerivation } from './events/event-derivation';
import { EventsConfig, readEventsConfig } from './events/events-config';
import { JobEventSource } from './events/job-event-source';
import { JournalEventPublisher } from './events/journal-event-publisher';
import { NotificationsEventsStartup } from './events/notifications-events-startup';
import { TimeEventScanner } from './events/time-event-scanner';
import { EventJournal, JournalRetention } from './journal/event-journal';
import { FileEventJournal } from './journal/file-event-journal';
import { JournalReader } from './journal/journal-reader';
import { DeliveryRetention } from './rules/delivery-retention';
import { DeliverySender } from './rules/delivery-sender';
import { RecipientResolver } from './rules/recipients';
import { RuleBook } from './rules/rule-book';
import { RuleDispatcher } from './rules/rule-dispatcher';
import { RulesLifecycle } from './rules/rules-lifecycle';
import { ShopTimeZone } from './rules/shop-time-zone';

const notificationsConnectionModule = ConnectionContainerModule.create(({ bind }) => {
    bind(NotificationsServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<NotificationsService>(bind, { path: NOTIFICATIONS_SERVICE_PATH, service: NotificationsServiceImpl, contract: NotificationsServiceContract });
});

/** Notifications' backend: the event journal, the rules and their dispatcher, e-mail and webhook channels, the events read API. */
export default new ContainerModule(bind => {
    bind(DocumentCollectionContribution).toConstantValue({ collections: NOTIFICATION_COLLECTIONS });
    bind(ConnectionContainerModule).toConstantValue(notificationsConnectionModule);

    // ---- ui: the Notifications view follows its collections live. Browsers are only told that a
    // document changed (never its content: sealed secrets, addresses) and reload through the service.
    for (const collection of Object.values(NotificationCollectionNames)) {
        bind(ChangeFeedProjection).toConstantValue(announceChanges(collection, 'notifications.manage'));
    }
    // ---- end of ui ----

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

    // --- event journal, sources, read API (journal helper) ---
    bind(EventsConfig).toConstantValue(readEventsConfig(process.env));
    const journalFolder = (container: interfaces.Container): string => path.join(container.get<PressworkConfig>(PressworkConfig).dataFolder, 'notifications', 'journal');
    bind(FileEventJournal).toDynamicValue(({ container }) => new FileEventJournal({
        folder: journalFolder(container),
        logger: container.getNamed<ILogger>(ILogger, 'notifications:EventJournal'),
        gate: container.get(WriteGate),
        retentionMs: container.get<EventsConfig>(EventsConfig).retentionDays * 24 * 60 * 60 * 1000
    })).inSingletonScope();
    bind(EventJournal).toService(FileEventJournal);
    bind(JournalRetention).toService(FileEventJournal);
    // What a server that does not lead pages from (the leader's files, read only).
    bind(JournalReader).toDynamicValue(({ container }) => new JournalReader({
        folder: journalFolder(container),
        logger: container.getNamed<ILogger>(ILogger, 'notifications:JournalReader')
    })).inSingletonScope();
    bind(JournalEventPublisher).toSelf().inSingletonScope();
    bind(EventPublisher).toService(JournalEventPublisher);
    bind(JobEventSource).toSelf().inSingletonScope();
    bind(EventSourceContribution).toService(JobEventSource);
    bind(EventDerivation).toSelf().inSingletonScope();
    bind(TimeEventScanner).toSelf().inSingletonScope();
    bind(NotificationsEventsStartup).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(NotificationsEventsStartup);
    bind(EventsReadApi).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(EventsReadApi);
    // --- end of event journal, sources, read API ---

    // ---- rules and dispatcher (the rules helper): needs EventJournal (journal) and the channels' NotificationChannelContributions ----
    bind(ShopTimeZone).toSelf().inSingletonScope();
    bind(RecipientResolver).toSelf().inSingletonScope();
    bind(DeliverySender).toSelf().inSingletonScope();
    bind(RuleDispatcher).toSelf().inSingletonScope();
    bind(DeliveryRetention).toSelf().inSingletonScope();
    bind(RuleBook).toSelf().inSingletonScope();
    bind(RulesLifecycle).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(RulesLifecycle);
    // ---- end of rules and dispatcher ----
});
