import { inject, injectable } from '@theia/core/shared/inversify';
import { AbstractViewContribution } from '@theia/core/lib/browser/shell/view-contribution';
import { CommandRegistry } from '@theia/core/lib/common/command';
import { CurrentUserService } from '../account/current-user-service';
import { UsersWidget } from './users-widget';

export const OPEN_USERS_COMMAND_ID = 'presswork.users.open';

/** The Users view for administrators; its command is hidden from everyone else. */
@injectable()
export class UsersViewContribution extends AbstractViewContribution<UsersWidget> {
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;

    constructor() {
        super({
            widgetId: UsersWidget.ID,
            widgetName: UsersWidget.LABEL,
            defaultWidgetOptions: { area: 'main' },
            toggleCommandId: OPEN_USERS_COMMAND_ID
        });
    }

    override registerCommands(registry: CommandRegistry): void {
        registry.registerCommand({ id: OPEN_USERS_COMMAND_ID, label: 'Users', category: 'Presswork' }, {
            execute: () => this.openView({ activate: true, reveal: true }),
            isEnabled: () => this.currentUser.can('users.manage'),
            isVisible: () => this.currentUser.can('users.manage')
        });
    }
}
