import { injectable } from '@theia/core/shared/inversify';
import type { Permission } from '@presswork/platform/lib/common';
import { PermittedViewContribution } from '@presswork/platform/lib/browser/permitted-view-contribution';
import { ConnectionsWidget } from './connections-widget';
import { TemplatesWidget } from './templates-widget';

export namespace ConnectionsCommands {
    export const OPEN_CONNECTIONS = { id: 'presswork.connections.open', label: 'Connections', category: 'Presswork' };
    export const OPEN_TEMPLATES = { id: 'presswork.connections.openTemplates', label: 'Production Templates', category: 'Presswork' };
}

@injectable()
export class ConnectionsViewContribution extends PermittedViewContribution<ConnectionsWidget> {
    protected readonly command = ConnectionsCommands.OPEN_CONNECTIONS;
    /** Operators see the connections too, to switch them on and off. */
    protected readonly permissions: readonly Permission[] = ['connections.view', 'connections.toggle'];

    constructor() {
        super({ widgetId: ConnectionsWidget.ID, widgetName: ConnectionsWidget.LABEL, defaultWidgetOptions: { area: 'main' }, toggleCommandId: ConnectionsCommands.OPEN_CONNECTIONS.id });
    }
}

@injectable()
export class TemplatesViewContribution extends PermittedViewContribution<TemplatesWidget> {
    protected readonly command = ConnectionsCommands.OPEN_TEMPLATES;
    protected readonly permissions: readonly Permission[] = ['connections.view'];

    constructor() {
        super({ widgetId: TemplatesWidget.ID, widgetName: TemplatesWidget.LABEL, defaultWidgetOptions: { area: 'main' }, toggleCommandId: ConnectionsCommands.OPEN_TEMPLATES.id });
    }
}
