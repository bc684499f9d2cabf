import { ContainerModule } from '@theia/core/shared/inversify';
import { DocumentCollectionContribution } from '@presswork/platform/lib/node/store/document-store';
import { NOTIFICATION_COLLECTIONS } from './notifications-collections';

/** Notifications' backend: the event journal, the rules and their dispatcher, e-mail and webhook channels, the events read API. */
export default new ContainerModule(bind => {
    bind(DocumentCollectionContribution).toConstantValue({ collections: NOTIFICATION_COLLECTIONS });
});
