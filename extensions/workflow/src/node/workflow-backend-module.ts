import { ContainerModule } from '@theia/core/shared/inversify';
import { WorkflowCollectionNames } from '../common/workflow-collections';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { ConnectionContainerModule } from '@theia/core/lib/node/messaging/connection-container-module';
import { CollectionNames, JobFlow, PrintingFlow } from '@presswork/platform/lib/common';
import { StepReferenceContribution } from '@presswork/platform/lib/common/step-reference-contribution';
import { ChangeFeedProjection, announceChanges } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import { bindGuardedService } from '@presswork/platform/lib/node/rpc/bind-guarded-service';
import { bindRootSingleton } from '@presswork/platform/lib/node/rpc/bind-root-singleton';
import { DocumentCollectionContribution } from '@presswork/platform/lib/node/store/document-store';
import { WORKFLOW_SERVICE_PATH, WorkflowService, WorkflowServiceContract } from '../common/workflow-protocol';
import { bindSuppliedActivities } from './activities';
import { WorkflowEngine } from './engine/workflow-engine';
import { WORKFLOW_COLLECTIONS } from './workflow-collections';
import { WorkflowServiceImpl } from './workflow-service-impl';
import { WorkflowStartup } from './workflow-startup';
import { CustomActivities } from './workflows/custom-activities';
import { WorkflowChecker } from './workflows/workflow-checker';
import { WorkflowRepository } from './workflows/workflow-repository';

const workflowConnectionModule = ConnectionContainerModule.create(({ bind }) => {
    bind(WorkflowServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<WorkflowService>(bind, { path: WORKFLOW_SERVICE_PATH, service: WorkflowServiceImpl, contract: WorkflowServiceContract });
});

export default new ContainerModule(bind => {
    bind(DocumentCollectionContribution).toConstantValue({ collections: WORKFLOW_COLLECTIONS });
    for (const projection of [
        announceChanges(CollectionNames.workflows, 'workflows.view'),
        announceChanges(WorkflowCollectionNames.versions, 'workflows.view'),
        announceChanges(WorkflowCollectionNames.customActivities, 'workflows.view')
    ]) {
        bind(ChangeFeedProjection).toConstantValue(projection);
    }

    bindSuppliedActivities(bind);
    bindRootSingleton(bind, WorkflowChecker, WorkflowRepository, CustomActivities);
    // Output asks before deleting a printer (pool, medium) that custom activities' defaults name.
    bind(StepReferenceContribution).toService(CustomActivities);
    bind(WorkflowStartup).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(WorkflowStartup);

    bind(WorkflowEngine).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(WorkflowEngine);
    bind(JobFlow).toService(WorkflowEngine);
    bind(PrintingFlow).toService(WorkflowEngine);

    bind(ConnectionContainerModule).toConstantValue(workflowConnectionModule);
});
