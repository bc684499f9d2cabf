import { ContainerModule } from '@theia/core/shared/inversify';
import { bindPressworkView } from '@presswork/platform/lib/browser/bind-presswork-view';
import { bindServiceProxy } from '@presswork/platform/lib/browser/bind-service-proxy';
import { CONNECTIONS_SERVICE_PATH, ConnectionsService } from '../common/connections-protocol';
import { ConnectionsViewContribution, TemplatesViewContribution } from './connections-view-contributions';
import { ConnectionsWidget } from './connections-widget';
import { TemplatesWidget } from './templates-widget';

export default new ContainerModule(bind => {
    bindServiceProxy(bind, ConnectionsService, CONNECTIONS_SERVICE_PATH);
    bindPressworkView(bind, ConnectionsWidget, ConnectionsViewContribution);
    bindPressworkView(bind, TemplatesWidget, TemplatesViewContribution);
});
