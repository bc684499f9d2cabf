import { inject, injectable } from '@theia/core/shared/inversify';
import { Command, CommandContribution, CommandRegistry } from '@theia/core/lib/common/command';
import { MenuContribution, MenuModelRegistry } from '@theia/core/lib/common/menu';
import { MessageService } from '@theia/core/lib/common/message-service';
import { nls } from '@theia/core/lib/common/nls';
import { messageOf } from '../../common/errors';
import { ShopIdentityService } from '../../common/shop-identity';
import { CurrentUserService } from '../account/current-user-service';
import { OPERATIONS_MENU } from '../shell/operations-menu';
import { ShopIdentityDialog } from './shop-identity-dialog';

export const ShopIdentityCommands = {
    EDIT: Command.toLocalizedCommand({ id: 'presswork.platform.shopIdentity', label: 'Shop Identity…', category: 'Presswork' }, 'presswork/shop/edit')
};

/** Operations → Shop identity…, for those who change the settings every user shares (administrators). */
@injectable()
export class ShopIdentityContribution implements CommandContribution, MenuContribution {
    @inject(ShopIdentityService) protected readonly identities: ShopIdentityService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;
    @inject(MessageService) protected readonly messages: MessageService;

    registerCommands(commands: CommandRegistry): void {
        commands.registerCommand(ShopIdentityCommands.EDIT, {
            isVisible: () => this.currentUser.can('settings.manage'),
            isEnabled: () => this.currentUser.can('settings.manage'),
            execute: () => this.edit()
        });
    }

    registerMenus(menus: MenuModelRegistry): void {
        menus.registerMenuAction(OPERATIONS_MENU, { commandId: ShopIdentityCommands.EDIT.id, label: ShopIdentityCommands.EDIT.label, order: '9' });
    }

    protected async edit(): Promise<void> {
        try {
            const identity = await this.identities.get();
            if (await new ShopIdentityDialog(identity, (version, input) => this.identities.save(version, input)).open()) {
                this.messages.info(nls.localize('presswork/shop/saved', 'Shop identity saved: packing slips and invoices made from now on carry it.'));
            }
        } catch (error) {
            this.messages.error(messageOf(error));
        }
    }
}
