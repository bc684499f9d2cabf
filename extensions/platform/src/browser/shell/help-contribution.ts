import { inject, injectable } from '@theia/core/shared/inversify';
import { Command, CommandContribution, CommandRegistry } from '@theia/core/lib/common/command';
import { MenuContribution, MenuModelRegistry } from '@theia/core/lib/common/menu';
import { CommonMenus } from '@theia/core/lib/browser/common-frontend-contribution';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { QuickViewService } from '@theia/core/lib/browser/quick-input/quick-view-service';
import { WindowService } from '@theia/core/lib/browser/window/window-service';
import { GUIDES_ROUTE, type GuideName } from '../../common/guides';

export const HelpCommands = {
    OPERATOR_GUIDE: Command.toLocalizedCommand({ id: 'presswork.help.operatorGuide', label: 'Operator Guide', category: 'Help' }, 'presswork/help/operatorGuide'),
    ADMINISTRATOR_GUIDE: Command.toLocalizedCommand({ id: 'presswork.help.administratorGuide', label: 'Administrator Guide', category: 'Help' }, 'presswork/help/administratorGuide')
};

/** Views of code editing that View → Open View… would offer. */
const IDE_VIEW_LABELS = ['Outline', 'Problems', 'Explorer', 'Output', 'Debug Console', 'Terminal'];

/**
 * Help → Operator guide and Administrator guide, opening the guides Presswork serves in a tab of
 * their own; and View → Open View… without the views of a code editor.
 */
@injectable()
export class HelpContribution implements CommandContribution, MenuContribution, FrontendApplicationContribution {
    @inject(WindowService) protected readonly windows: WindowService;
    @inject(QuickViewService) protected readonly quickViews: QuickViewService;

    registerCommands(commands: CommandRegistry): void {
        commands.registerCommand(HelpCommands.OPERATOR_GUIDE, { execute: () => this.open('operator') });
        commands.registerCommand(HelpCommands.ADMINISTRATOR_GUIDE, { execute: () => this.open('administrator') });
    }

    registerMenus(menus: MenuModelRegistry): void {
        menus.registerMenuAction(CommonMenus.HELP, { commandId: HelpCommands.OPERATOR_GUIDE.id, label: HelpCommands.OPERATOR_GUIDE.label, order: '0' });
        menus.registerMenuAction(CommonMenus.HELP, { commandId: HelpCommands.ADMINISTRATOR_GUIDE.id, label: HelpCommands.ADMINISTRATOR_GUIDE.label, order: '1' });
    }

    onStart(): void {
        for (const label of IDE_VIEW_LABELS) {
            this.quickViews.hideItem(label);
        }
    }

    protected open(name: GuideName): void {
        this.windows.openNewWindow(new URL(`${GUIDES_ROUTE}/${name}`, window.location.href).href, { external: true });
    }
}
