import '../../src/browser/style/closeout.css';
import { ContainerModule } from '@theia/core/shared/inversify';
import { RemoteConnectionProvider, ServiceConnectionProvider } from '@theia/core/lib/browser/messaging/service-connection-provider';
import { ActivityUiContribution } from '@presswork/platform/lib/common/activity-ui-contribution';
import { JobActionContribution } from '@presswork/platform/lib/common/job-action-contribution';
import { CloseoutOrderActivity } from '../common/closeout-activity';
import { CLOSEOUT_SERVICE_PATH, CloseoutService } from '../common/closeout-protocol';
import { CloseoutDocumentOpener } from './closeout-document-opener';
import { CloseoutOrderAction, OrderDetailsAction } from './closeout-job-actions';

export default new ContainerModule(bind => {
    bind(CloseoutService).toDynamicValue(({ container }) =>
        container.get<ServiceConnectionProvider>(RemoteConnectionProvider).createProxy<CloseoutService>(CLOSEOUT_SERVICE_PATH)).inSingletonScope();

    // The designer's palette offers Closeout Order from the same definition the engine runs.
    bind(ActivityUiContribution).toConstantValue(CloseoutOrderActivity);

    bind(CloseoutDocumentOpener).toSelf().inSingletonScope();
    bind(JobActionContribution).to(OrderDetailsAction).inSingletonScope();
    bind(JobActionContribution).to(CloseoutOrderAction).inSingletonScope();
});
