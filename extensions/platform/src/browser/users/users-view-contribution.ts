import { injectable } from '@theia/core/shared/inversify';
import type { Permission } from '../../common/authority';
import { PermittedViewContribution } from '../permitted-view-contribution';
import { UsersWidget } from './users-widget';

export const OPEN_USERS_COMMAND = { id: 'presswork.users.open', label: 'Users', category: 'Presswork' };

/** The Users view, for administrators. */
@injectable()
export class UsersViewContribution extends PermittedViewContribution<UsersWidget> {
    protected readonly command = OPEN_USERS_COMMAND;
    protected readonly permissions: readonly Permission[] = ['users.manage'];

    constructor() {
        super({ widgetId: UsersWidget.ID, widgetName: UsersWidget.LABEL, defaultWidgetOptions: { area: 'main' }, toggleCommandId: OPEN_USERS_COMMAND.id });
    }
}
