import type { interfaces } from '@theia/core/shared/inversify';
import { CommandService } from '@theia/core/lib/common/command';
import { SelectionService } from '@theia/core/lib/common/selection-service';
import { CorePreferences } from '@theia/core/lib/common/core-preferences';
import { DialogOverlayService } from '@theia/core/lib/browser/dialogs';
import { ContextMenuRenderer } from '@theia/core/lib/browser/context-menu-renderer';
import { ContextKeyService } from '@theia/core/lib/browser/context-key-service';
import { HoverService } from '@theia/core/lib/browser/hover-service';
import { IconThemeService } from '@theia/core/lib/browser/icon-theme-service';
import { TabBarDecoratorService } from '@theia/core/lib/browser/shell/tab-bar-decorator';
import { TabBarRendererFactory } from '@theia/core/lib/browser/shell/tab-bars';
import { StatusBarImpl } from '@theia/core/lib/browser/status-bar/status-bar';
import { AccessibleDialogOverlayService } from './accessible-dialog-overlay-service';
import { AccessibleStatusBar } from './accessible-status-bar';
import { AccessibleTabBarRenderer } from './accessible-tab-bar-renderer';

/**
 * The shell's parts that assistive technology meets on every screen, with the semantics Theia 1.74
 * leaves out: dialogs, view tabs, status bar entries. Replaced in one place for every view.
 */
export function bindAccessibleShell(rebind: interfaces.Rebind): void {
    rebind(DialogOverlayService).to(AccessibleDialogOverlayService).inSingletonScope();
    rebind(StatusBarImpl).to(AccessibleStatusBar).inSingletonScope();
    // The same services, in the same order, as Theia's own factory (frontend-application-module).
    rebind(TabBarRendererFactory).toFactory(({ container }) => () => new AccessibleTabBarRenderer(
        container.get(ContextMenuRenderer), container.get(TabBarDecoratorService), container.get(IconThemeService),
        container.get(SelectionService), container.get(CommandService), container.get(CorePreferences),
        container.get(HoverService), container.get(ContextKeyService)));
}
