import { ContainerModule } from '@theia/core/shared/inversify';
import { DocumentCollectionContribution } from '@presswork/platform/lib/node/store/document-store';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { NOTIFICATION_COLLECTIONS } from './notifications-collections';
import { DeliveryRetention } from './rules/delivery-retention';
import { DeliverySender } from './rules/delivery-sender';
import { RecipientResolver } from './rules/recipients';
import { RuleBook } from './rules/rule-book';
import { RuleDispatcher } from './rules/rule-dispatcher';
import { RulesLifecycle } from './rules/rules-lifecycle';
import { ShopTimeZone } from './rules/shop-time-zone';

/** Notifications' backend: the event journal, the rules and their dispatcher, e-mail and webhook channels, the events read API. */
export default new ContainerModule(bind => {
    bind(DocumentCollectionContribution).toConstantValue({ collections: NOTIFICATION_COLLECTIONS });

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
