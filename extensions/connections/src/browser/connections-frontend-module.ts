import { ContainerModule, interfaces } from '@theia/core/shared/inversify';
import { RemoteConnectionProvider, ServiceConnectionProvider } from '@theia/core/lib/browser/messaging/service-connection-provider';
import { bindViewContribution } from '@theia/core/lib/browser/shell/view-contribution';
import { WidgetFactory } from '@theia/core/lib/browser/widget-manager';
import { CONNECTIONS_SERVICE_PATH, ConnectionsService } from '../common/connections-protocol';
import { ConnectionsViewContribution, TemplatesViewContribution } from './connections-view-contributions';
import { ConnectionsWidget } from './connections-widget';
import { TemplatesWidget } from './templates-widget';

export default new ContainerModule(bind => {
    bind(ConnectionsService).toDynamicValue(({ container }) =>
        container.get<ServiceConnectionProvider>(RemoteConnectionProvider).createProxy<ConnectionsService>(CONNECTIONS_SERVICE_PATH)).inSingletonScope();
    bindView(bind, ConnectionsWidget, ConnectionsViewContribution);
    bindView(bind, TemplatesWidget, TemplatesViewContribution);
});

function bindView(bind: interfaces.Bind, widget: interfaces.Newable<ConnectionsWidget | TemplatesWidget> & { ID: string },
    contribution: interfaces.Newable<ConnectionsViewContribution | TemplatesViewContribution>): void {
    bindViewContribution(bind, contribution);
    bind(widget).toSelf();
    bind(WidgetFactory).toDynamicValue(({ container }) => ({ id: widget.ID, createWidget: () => container.get(widget) })).inSingletonScope();
}
