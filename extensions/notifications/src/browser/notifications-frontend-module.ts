import '../../src/browser/style/notifications.css';
import { ContainerModule } from '@theia/core/shared/inversify';
import { bindPressworkView } from '@presswork/platform/lib/browser/bind-presswork-view';
import { bindServiceProxy } from '@presswork/platform/lib/browser/bind-service-proxy';
import { NOTIFICATIONS_SERVICE_PATH, NotificationsService } from '../common/notifications-protocol';
import { NotificationsViewContribution } from './notifications-view-contribution';
import { NotificationsWidget } from './notifications-widget';

/** Notifications' frontend: the Notifications view (rules, e-mail settings, webhooks, delivery log). */
export default new ContainerModule(bind => {
    // ui: the Notifications view (Administrators) over the guarded notifications service.
    bindServiceProxy(bind, NotificationsService, NOTIFICATIONS_SERVICE_PATH);
    bindPressworkView(bind, NotificationsWidget, NotificationsViewContribution);
});
