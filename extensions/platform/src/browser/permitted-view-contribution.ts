import { inject, injectable } from '@theia/core/shared/inversify';
import { AbstractViewContribution } from '@theia/core/lib/browser/shell/view-contribution';
import { Widget } from '@theia/core/lib/browser/widgets/widget';
import { Command, CommandRegistry } from '@theia/core/lib/common/command';
import type { Permission } from '../common/authority';
import { CurrentUserService } from './account/current-user-service';

/**
 * A view whose open command only users with the permission see and can run. This only hides what
 * the backend would refuse anyway: every call the view makes is checked there again.
 */
@injectable()
export abstract class PermittedViewContribution<W extends Widget> extends AbstractViewContribution<W> {
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;

    protected abstract readonly command: Command;
    /** Any one of these permissions opens the view. */
    protected abstract readonly permissions: readonly Permission[];

    override registerCommands(registry: CommandRegistry): void {
        registry.registerCommand(this.command, {
            execute: () => this.openView({ activate: true, reveal: true }),
            isEnabled: () => this.permitted(),
            isVisible: () => this.permitted()
        });
    }

    protected permitted(): boolean {
        return this.permissions.some(permission => this.currentUser.can(permission));
    }
}
