import '../../src/browser/style/printers.css';
import '../../src/browser/batch/batches.css';
import { ContainerModule } from '@theia/core/shared/inversify';
import { bindPressworkView } from '@presswork/platform/lib/browser/bind-presswork-view';
import { bindServiceProxy } from '@presswork/platform/lib/browser/bind-service-proxy';
import { JobActionContribution } from '@presswork/platform/lib/common/job-action-contribution';
import { ActivityUiContribution } from '@presswork/platform/lib/common/activity-ui-contribution';
import { OUTPUT_SERVICE_PATH, OutputService } from '../common/output-protocol';
import { PrintActivity } from '../common/print-activity';
import { BatchActivity } from '../common/batch/batch-activity';
import { BATCH_SERVICE_PATH, BatchService } from '../common/batch/batch-protocol';
import { ReleaseBatchNowAction, RemoveFromBatchAction, SplitBatchAction } from './batch/batch-job-actions';
import { BatchesViewContribution } from './batch/batches-view-contribution';
import { BatchesWidget } from './batch/batches-widget';
import { OpenBatchSizes } from './batch/open-batch-sizes';
import { MarkPrintedAction, PrintAgainAction } from './output-job-actions';
import { PrintersViewContribution } from './output-view-contributions';
import { PrintersWidget } from './printers-widget';

/** Output's frontend: the Printers view (printers, printer pools, the media catalog), the Batches view, and Print and Batch in the designer's palette. */
export default new ContainerModule(bind => {
    bindServiceProxy(bind, OutputService, OUTPUT_SERVICE_PATH);

    // The designer's palette offers Print from the same definition the engine runs.
    bind(ActivityUiContribution).toConstantValue(PrintActivity);

    bindPressworkView(bind, PrintersWidget, PrintersViewContribution);

    // More → Print again… and Mark printed, for a job whose print is uncertain or failed.
    bind(JobActionContribution).to(PrintAgainAction).inSingletonScope();
    bind(JobActionContribution).to(MarkPrintedAction).inSingletonScope();

    // Batching: Batch in the palette, the Batches view, and Release batch now / Remove from batch… / Split batch on pod jobs.
    bindServiceProxy(bind, BatchService, BATCH_SERVICE_PATH);
    bind(ActivityUiContribution).toConstantValue(BatchActivity);
    bindPressworkView(bind, BatchesWidget, BatchesViewContribution);
    bind(OpenBatchSizes).toSelf().inSingletonScope();
    bind(JobActionContribution).to(ReleaseBatchNowAction).inSingletonScope();
    bind(JobActionContribution).to(RemoveFromBatchAction).inSingletonScope();
    bind(JobActionContribution).to(SplitBatchAction).inSingletonScope();
});
