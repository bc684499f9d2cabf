import '../../src/browser/style/closeout.css';
import { ContainerModule } from '@theia/core/shared/inversify';
import { bindServiceProxy } from '@presswork/platform/lib/browser/bind-service-proxy';
import { ActivityUiContribution } from '@presswork/platform/lib/common/activity-ui-contribution';
import { JobActionContribution } from '@presswork/platform/lib/common/job-action-contribution';
import { CloseoutOrderActivity } from '../common/closeout-activity';
import { CLOSEOUT_SERVICE_PATH, CloseoutService } from '../common/closeout-protocol';
import { CloseoutDocumentOpener } from './closeout-document-opener';
import { CloseoutOrderAction, OrderDetailsAction } from './closeout-job-actions';

export default new ContainerModule(bind => {
    bindServiceProxy(bind, CloseoutService, CLOSEOUT_SERVICE_PATH);

    // The designer's palette offers Closeout Order from the same definition the engine runs.
    bind(ActivityUiContribution).toConstantValue(CloseoutOrderActivity);

    bind(CloseoutDocumentOpener).toSelf().inSingletonScope();
    bind(JobActionContribution).to(OrderDetailsAction).inSingletonScope();
    bind(JobActionContribution).to(CloseoutOrderAction).inSingletonScope();
});
