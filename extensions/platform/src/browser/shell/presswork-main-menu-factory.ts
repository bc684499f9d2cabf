import { inject, injectable } from '@theia/core/shared/inversify';
import { BrowserMainMenuFactory, DynamicMenuBarWidget, MenuBarWidget } from '@theia/core/lib/browser/menu/browser-menu-plugin';
import { MenuModelRegistry, MAIN_MENU_BAR } from '@theia/core/lib/common/menu';
import { CurrentUserService } from '../account/current-user-service';

/** Main menus of the IDE that mean nothing in a print shop (files, text editing, code navigation). */
const IDE_MENUS = ['1_file', '2_edit', '3_selection', '5_go'];

/** Entries of the View menu that only concern code editors and their side views. */
const IDE_VIEW_ENTRIES = [
    '2_editor_submenu', 'outlineView:toggle', 'problemsView:toggle', 'breadcrumbs.toggle',
    'editor.action.toggleMinimap', 'editor.action.toggleRenderWhitespace', 'editor.action.toggleWordWrap', 'editor.action.toggleStickyScroll'
];

/**
 * The main menu bar without the IDE's menus that the bundled Theia packages bring along. Their
 * commands stay registered (other parts of Theia call them); only the menu entries are left out.
 */
@injectable()
export class PressworkMainMenuFactory extends BrowserMainMenuFactory {
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;

    /**
     * Menus whose entries depend on the user's permissions (Operations) are built again once the
     * user is known: the bar is first drawn before, and a menu with no visible entry stays disabled.
     */
    override createMenuBar(): MenuBarWidget {
        // Theia's factory makes a DynamicMenuBarWidget and only declares the base class.
        const menuBar = super.createMenuBar() as DynamicMenuBarWidget;
        this.currentUser.load().then(() => this.showMenuBar(menuBar), () => undefined);
        return menuBar;
    }

    protected override fillMenuBar(menuBar: MenuBarWidget): void {
        const registry: MenuModelRegistry = this.menuProvider;
        for (const id of IDE_MENUS) {
            registry.unregisterMenuAction(id, MAIN_MENU_BAR);
        }
        for (const id of IDE_VIEW_ENTRIES) {
            registry.unregisterMenuAction(id, [...MAIN_MENU_BAR, '4_view']);
        }
        super.fillMenuBar(menuBar);
    }
}
