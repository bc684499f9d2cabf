import { ContainerModule } from '@theia/core/shared/inversify';
import { ChangeFeedProjection, announceChanges } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import { DocumentCollectionContribution } from '@presswork/platform/lib/node/store/document-store';
import { NotificationCollectionNames } from '../common/notifications-collections';
import { NOTIFICATION_COLLECTIONS } from './notifications-collections';

/** Notifications' backend: the event journal, the rules and their dispatcher, e-mail and webhook channels, the events read API. */
export default new ContainerModule(bind => {
    bind(DocumentCollectionContribution).toConstantValue({ collections: NOTIFICATION_COLLECTIONS });

    // ui: the Notifications view follows its collections live. Browsers are only told that a
    // document changed (never its content: sealed secrets, addresses) and reload through the service.
    for (const collection of Object.values(NotificationCollectionNames)) {
        bind(ChangeFeedProjection).toConstantValue(announceChanges(collection, 'notifications.manage'));
    }
});
