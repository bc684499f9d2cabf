import { injectable } from '@theia/core/shared/inversify';
import { MenuModelRegistry } from '@theia/core/lib/common/menu';
import { OPERATIONS_MENU } from '@presswork/platform/lib/browser/shell/operations-menu';
import type { Permission } from '@presswork/platform/lib/common/authority';
import { PermittedViewContribution } from '@presswork/platform/lib/browser/permitted-view-contribution';
import { OutputCommands } from './output-commands';
import { PrintersWidget } from './printers-widget';

@injectable()
export class PrintersViewContribution extends PermittedViewContribution<PrintersWidget> {
    protected readonly command = OutputCommands.OPEN_PRINTERS;
    /** Operators see the printers to switch them on and off; administrators manage them, pools and media. */
    protected readonly permissions: readonly Permission[] = ['printers.manage', 'printers.toggle'];

    constructor() {
        super({ widgetId: PrintersWidget.ID, widgetName: PrintersWidget.LABEL, defaultWidgetOptions: { area: 'main' }, toggleCommandId: OutputCommands.OPEN_PRINTERS.id });
    }

    override registerMenus(menus: MenuModelRegistry): void {
        super.registerMenus(menus);
        menus.registerMenuAction(OPERATIONS_MENU, { commandId: OutputCommands.OPEN_PRINTERS.id, label: OutputCommands.OPEN_PRINTERS.label, order: '2' });
    }
}
