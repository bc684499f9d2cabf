import { injectable } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { MenuContribution, MenuModelRegistry, MAIN_MENU_BAR } from '@theia/core/lib/common/menu';

/**
 * The Operations menu of the menu bar, where a shop's daily views open (Operations workspace,
 * All Jobs, Printers…). Platform makes the menu; each extension puts its own views in it.
 */
export const OPERATIONS_MENU = [...MAIN_MENU_BAR, '2_operations'];

@injectable()
export class OperationsMenuContribution implements MenuContribution {
    registerMenus(menus: MenuModelRegistry): void {
        menus.registerSubmenu(OPERATIONS_MENU, nls.localize('presswork/shell/operationsMenu', 'Operations'));
    }
}
