import { injectable } from '@theia/core/shared/inversify';
import type { Permission } from '@presswork/platform/lib/common/authority';
import { PermittedViewContribution } from '@presswork/platform/lib/browser/permitted-view-contribution';
import { NotificationsCommands } from './notifications-commands';
import { NotificationsWidget } from './notifications-widget';

@injectable()
export class NotificationsViewContribution extends PermittedViewContribution<NotificationsWidget> {
    protected readonly command = NotificationsCommands.OPEN_NOTIFICATIONS;
    /** Administrators only (authorities.md); the service refuses everyone else anyway. */
    protected readonly permissions: readonly Permission[] = ['notifications.manage'];

    constructor() {
        super({ widgetId: NotificationsWidget.ID, widgetName: NotificationsWidget.LABEL, defaultWidgetOptions: { area: 'main' }, toggleCommandId: NotificationsCommands.OPEN_NOTIFICATIONS.id });
    }
}
