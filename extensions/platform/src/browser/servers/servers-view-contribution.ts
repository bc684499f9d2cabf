import { injectable } from '@theia/core/shared/inversify';
import type { Permission } from '../../common/authority';
import { PermittedViewContribution } from '../permitted-view-contribution';
import { ServersWidget } from './servers-widget';

export const OPEN_SERVERS_COMMAND = { id: 'presswork.servers.open', label: 'Servers', category: 'Presswork' };

/** The Servers view (View → Servers), for administrators. */
@injectable()
export class ServersViewContribution extends PermittedViewContribution<ServersWidget> {
    protected readonly command = OPEN_SERVERS_COMMAND;
    protected readonly permissions: readonly Permission[] = ['system.inspect'];

    constructor() {
        super({ widgetId: ServersWidget.ID, widgetName: ServersWidget.LABEL, defaultWidgetOptions: { area: 'main' }, toggleCommandId: OPEN_SERVERS_COMMAND.id });
    }
}
