import { ContainerModule } from '@theia/core/shared/inversify';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { ConnectionContainerModule } from '@theia/core/lib/node/messaging/connection-container-module';
import { ActivityContribution } from '@presswork/platform/lib/common/activity-contribution';
import { EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { ChangeFeedProjection } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import { bindGuardedService } from '@presswork/platform/lib/node/rpc/bind-guarded-service';
import { bindRootSingleton } from '@presswork/platform/lib/node/rpc/bind-root-singleton';
import { DocumentCollectionContribution } from '@presswork/platform/lib/node/store/document-store';
import { CLOSEOUT_SERVICE_PATH, CloseoutService, CloseoutServiceContract } from '../common/closeout-protocol';
import { CLOSEOUT_COLLECTIONS } from './closeout-collections';
import { CloseoutDocumentRoute } from './closeout-document-route';
import { CloseoutDocuments } from './closeout-documents';
import { CloseoutOrderActivityContribution } from './closeout-order-activity';
import { CloseoutProgressProjection } from './closeout-progress-projection';
import { CloseoutRunner, CloseoutRunnerOptions } from './closeout-runner';
import { CloseoutServiceImpl } from './closeout-service-impl';
import { CloseoutEventSource } from './events/closeout-event-source';
import { OrderRefresher } from './order-refresher';
import { WaitingJobReleaser } from './waiting-job-releaser';

const closeoutConnectionModule = ConnectionContainerModule.create(({ bind }) => {
    bind(CloseoutServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<CloseoutService>(bind, { path: CLOSEOUT_SERVICE_PATH, service: CloseoutServiceImpl, contract: CloseoutServiceContract });
});

export default new ContainerModule(bind => {
    bind(DocumentCollectionContribution).toConstantValue({ collections: CLOSEOUT_COLLECTIONS });
    bind(ChangeFeedProjection).toConstantValue(CloseoutProgressProjection);

    bind(CloseoutOrderActivityContribution).toSelf().inSingletonScope();
    bind(ActivityContribution).toService(CloseoutOrderActivityContribution);

    bind(EventSourceContribution).to(CloseoutEventSource).inSingletonScope();

    bind(CloseoutRunnerOptions).toConstantValue({});
    // WaitingJobReleaser is a BackendApplicationContribution too: it releases jobs of closed orders at start.
    bindRootSingleton(bind, CloseoutDocuments, WaitingJobReleaser, CloseoutRunner, OrderRefresher);
    bind(CloseoutDocumentRoute).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(CloseoutDocumentRoute);

    bind(ConnectionContainerModule).toConstantValue(closeoutConnectionModule);
});
