import { ContainerModule } from '@theia/core/shared/inversify';
import { ConnectionContainerModule } from '@theia/core/lib/node/messaging/connection-container-module';
import { ActivityContribution } from '@presswork/platform/lib/common/activity-contribution';
import { EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { OutputDeviceContribution } from '@presswork/platform/lib/common/output-device-contribution';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import { ChangeFeedProjection, announceChanges } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import { bindGuardedService } from '@presswork/platform/lib/node/rpc/bind-guarded-service';
import { bindRootSingleton } from '@presswork/platform/lib/node/rpc/bind-root-singleton';
import { DocumentCollectionContribution } from '@presswork/platform/lib/node/store/document-store';
import { OutputCollectionNames } from '../common/output-collections';
import { OUTPUT_SERVICE_PATH, OutputService, OutputServiceContract } from '../common/output-protocol';
import { BatchPrinter } from './batch/batch-printer';
import { MediaCatalog } from './catalog/media-catalog';
import { PrinterPools } from './catalog/printer-pools';
import { OUTPUT_COLLECTIONS } from './output-collections';
import { OutputServiceImpl } from './output-service-impl';
import { PoolHandOver } from './follow/pool-hand-over';
import { BatchCompletions } from './follow/batch-completions';
import { PrintFollower } from './follow/print-follower';
import { PrintingJobs } from './follow/printing-jobs';
import { PrinterEventSource } from './events/printer-event-source';
import { PrinterMonitor } from './monitor/printer-monitor';
import { PrinterTester } from './monitor/printer-tester';
import { HotFolderOutputDevice } from './devices/hot-folder-output-device';
import { IppOutputDevice } from './devices/ipp-output-device';
import { RawSocketOutputDevice } from './devices/raw-socket-output-device';
import { PrintActivityContribution } from './print/print-activity';
import { PrintTargets } from './print/print-targets';
import { HotFolderSender } from './printers/hot-folder-sender';
import { PrinterRegistry } from './printers/printer-registry';
import { RawSocketSender } from './printers/raw-socket-sender';
import { StepReferences } from './step-references';
import { BatchActivityContribution } from './batch/batch-activity-contribution';
import { BatchesApiRoute } from './batch/batch-api-route';
import { BatchBook } from './batch/batch-book';
import { BatchBookImpl } from './batch/batch-book-impl';
import { BatchMembership } from './batch/batch-membership';
import { BatchReleaser } from './batch/batch-releaser';
import { BatchServiceImpl } from './batch/batch-service-impl';
import { ShopClock } from './batch/shop-clock';
import { BATCH_SERVICE_PATH, BatchService, BatchServiceContract } from '../common/batch/batch-protocol';

const outputConnectionModule = ConnectionContainerModule.create(({ bind }) => {
    bind(OutputServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<OutputService>(bind, { path: OUTPUT_SERVICE_PATH, service: OutputServiceImpl, contract: OutputServiceContract });
    bind(BatchServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<BatchService>(bind, { path: BATCH_SERVICE_PATH, service: BatchServiceImpl, contract: BatchServiceContract });
});

/** Output's backend: printers and their devices, printer pools, the media catalog, the Print activity. */
export default new ContainerModule(bind => {
    bind(DocumentCollectionContribution).toConstantValue({ collections: OUTPUT_COLLECTIONS });
    for (const projection of [
        // authorities.md: everyone signed in sees printers' state.
        announceChanges(CollectionNames.printers, 'operations.view'),
        announceChanges(OutputCollectionNames.printerPools, 'operations.view'),
        announceChanges(OutputCollectionNames.media, 'operations.view'),
        announceChanges(OutputCollectionNames.printerStates, 'operations.view'),
        // The Batches view: everyone signed in sees batches (BatchServiceContract.listBatches).
        announceChanges(OutputCollectionNames.batches, 'operations.view')
    ]) {
        bind(ChangeFeedProjection).toConstantValue(projection);
    }

    bindRootSingleton(bind, StepReferences, PrinterPools, MediaCatalog, PrinterRegistry);
    bind(HotFolderSender).toSelf().inSingletonScope();
    bind(RawSocketSender).toSelf().inSingletonScope();
    bind(PrinterTester).toSelf().inSingletonScope();
    // The printer monitor and the print follower start with the backend (after PlatformReady) and stop with it.
    bind(PrintingJobs).toSelf().inSingletonScope();
    bind(PoolHandOver).toSelf().inSingletonScope();
    bind(BatchCompletions).toSelf().inSingletonScope();
    bindRootSingleton(bind, PrinterMonitor, PrintFollower);
    for (const Device of [IppOutputDevice, HotFolderOutputDevice, RawSocketOutputDevice]) {
        bind(Device).toSelf().inSingletonScope();
        bind(OutputDeviceContribution).toService(Device);
    }
    bind(EventSourceContribution).to(PrinterEventSource).inSingletonScope();
    bind(PrintTargets).toSelf().inSingletonScope();
    // Print of a released batch: one output for all its jobs.
    bind(BatchPrinter).toSelf().inSingletonScope();
    bind(PrintActivityContribution).toSelf().inSingletonScope();
    bind(ActivityContribution).toService(PrintActivityContribution);

    // --- batches (issue 12): the book (the one writer of batch documents), the Batch activity, its releaser and membership reconciler, the read API ---
    bind(ShopClock).toSelf().inSingletonScope();
    bind(BatchBookImpl).toSelf().inSingletonScope();
    bind(BatchBook).toService(BatchBookImpl);
    bind(BatchActivityContribution).toSelf().inSingletonScope();
    bind(ActivityContribution).toService(BatchActivityContribution);
    bindRootSingleton(bind, BatchReleaser, BatchMembership, BatchesApiRoute);
    // --- end of batches ---

    bind(ConnectionContainerModule).toConstantValue(outputConnectionModule);
});
