import { injectable } from '@theia/core/shared/inversify';
import { MenuModelRegistry } from '@theia/core/lib/common/menu';
import { OPERATIONS_MENU } from '@presswork/platform/lib/browser/shell/operations-menu';
import type { Permission } from '@presswork/platform/lib/common/authority';
import { PermittedViewContribution } from '@presswork/platform/lib/browser/permitted-view-contribution';
import { BatchCommands } from './batch-commands';
import { BatchesWidget } from './batches-widget';

/** Operations → Batches (and View → Batches): everyone who sees the operations sees the batches; staff act on them. */
@injectable()
export class BatchesViewContribution extends PermittedViewContribution<BatchesWidget> {
    protected readonly command = BatchCommands.OPEN_BATCHES;
    protected readonly permissions: readonly Permission[] = ['operations.view'];

    constructor() {
        super({ widgetId: BatchesWidget.ID, widgetName: BatchesWidget.LABEL, defaultWidgetOptions: { area: 'main' }, toggleCommandId: BatchCommands.OPEN_BATCHES.id });
    }

    override registerMenus(menus: MenuModelRegistry): void {
        super.registerMenus(menus);
        menus.registerMenuAction(OPERATIONS_MENU, { commandId: BatchCommands.OPEN_BATCHES.id, label: BatchCommands.OPEN_BATCHES.label, order: '3' });
    }
}
