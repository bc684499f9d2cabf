import { ContainerModule } from '@theia/core/shared/inversify';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { ConnectionContainerModule } from '@theia/core/lib/node/messaging/connection-container-module';
import { ConnectionTypeContribution, NewLineItemJobs, WorkflowAssignmentContribution } from '@presswork/platform/lib/common';
import { EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { ChangeFeedProjection } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import { bindGuardedService } from '@presswork/platform/lib/node/rpc/bind-guarded-service';
import { RequiredStartup } from '@presswork/platform/lib/node/required-startup';
import { bindRootSingleton } from '@presswork/platform/lib/node/rpc/bind-root-singleton';
import { DocumentCollectionContribution } from '@presswork/platform/lib/node/store/document-store';
import { CONNECTIONS_SERVICE_PATH, ConnectionsService, ConnectionsServiceContract } from '../common/connections-protocol';
import { CONNECTIONS_COLLECTIONS } from './connection-collections';
import { CONNECTION_FEED_PROJECTIONS } from './connection-feed-projections';
import { ConnectionRegistry } from './connection-registry';
import { ConnectionsServiceImpl } from './connections-service-impl';
import { ConnectionEventSource } from './events/connection-event-source';
import { DEFAULT_PRINT_FILE_OPTIONS, PrintFileFetcher, PrintFileOptions } from './files/print-file-fetcher';
import { NewLineItemJobsBuilder } from './intake/new-line-item-jobs-builder';
import { OrderIntake } from './intake/order-intake';
import { RejectedOrders } from './intake/rejected-orders';
import { TemplateReassignment } from './intake/template-reassignment';
import { MarcomCentralClient } from './marcomcentral';
import { MarcomCentralConnectionType } from './marcomcentral-connection-type';
import { OrderPoller, PollClock, PollerOptions } from './polling/order-poller';
import { MAX_WINDOW_MS } from './polling/poll-schedule';
import { StoreProvisioning } from './provisioning/store-provisioning';
import { ProductionTemplates } from './templates/production-templates';

const connectionsConnectionModule = ConnectionContainerModule.create(({ bind }) => {
    bind(ConnectionsServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<ConnectionsService>(bind, { path: CONNECTIONS_SERVICE_PATH, service: ConnectionsServiceImpl, contract: ConnectionsServiceContract });
});

export default new ContainerModule(bind => {
    bind(DocumentCollectionContribution).toConstantValue({ collections: CONNECTIONS_COLLECTIONS });
    for (const projection of CONNECTION_FEED_PROJECTIONS) {
        bind(ChangeFeedProjection).toConstantValue(projection);
    }

    bind(MarcomCentralClient).toDynamicValue(() => new MarcomCentralClient()).inSingletonScope();
    bind(MarcomCentralConnectionType).toSelf().inSingletonScope();
    bind(ConnectionTypeContribution).toService(MarcomCentralConnectionType);
    bindRootSingleton(bind, ConnectionRegistry, ProductionTemplates, RejectedOrders, OrderIntake);
    bind(TemplateReassignment).toSelf().inSingletonScope();
    bind(WorkflowAssignmentContribution).toService(TemplateReassignment);
    bind(NewLineItemJobsBuilder).toSelf().inSingletonScope();
    bind(NewLineItemJobs).toService(NewLineItemJobsBuilder);

    bind(PollClock).toConstantValue(() => new Date());
    bind(PollerOptions).toConstantValue({ maxWindowMs: MAX_WINDOW_MS });
    bind(OrderPoller).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(OrderPoller);
    bind(EventSourceContribution).to(ConnectionEventSource).inSingletonScope();

    bind(PrintFileOptions).toConstantValue(DEFAULT_PRINT_FILE_OPTIONS);
    bind(PrintFileFetcher).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(PrintFileFetcher);

    bind(StoreProvisioning).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(StoreProvisioning);
    bind(RequiredStartup).toService(StoreProvisioning);

    bind(ConnectionContainerModule).toConstantValue(connectionsConnectionModule);
});
