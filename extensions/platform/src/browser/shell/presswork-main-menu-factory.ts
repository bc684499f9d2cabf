import { injectable } from '@theia/core/shared/inversify';
import { BrowserMainMenuFactory, MenuBarWidget } from '@theia/core/lib/browser/menu/browser-menu-plugin';
import { MenuModelRegistry, MAIN_MENU_BAR } from '@theia/core/lib/common/menu';

/** Main menus of the IDE that mean nothing in a print shop (files, text editing, code navigation). */
const IDE_MENUS = new Set(['1_file', '2_edit', '3_selection', '5_go']);

/**
 * The main menu bar without the IDE's menus that the bundled Theia packages bring along. Their
 * commands stay registered (other parts of Theia call them); only the menus are left out.
 */
@injectable()
export class PressworkMainMenuFactory extends BrowserMainMenuFactory {
    protected override fillMenuBar(menuBar: MenuBarWidget): void {
        const registry: MenuModelRegistry = this.menuProvider;
        const root = registry.getMenuNode(MAIN_MENU_BAR);
        const hidden = root && 'children' in root ? (root.children as { id: string }[]).filter(menu => IDE_MENUS.has(menu.id)) : [];
        for (const menu of hidden) {
            registry.unregisterMenuAction(menu.id, MAIN_MENU_BAR);
        }
        super.fillMenuBar(menuBar);
    }
}
