import '../../src/browser/style/printers.css';
import { ContainerModule } from '@theia/core/shared/inversify';
import { bindPressworkView } from '@presswork/platform/lib/browser/bind-presswork-view';
import { bindServiceProxy } from '@presswork/platform/lib/browser/bind-service-proxy';
import { JobActionContribution } from '@presswork/platform/lib/common/job-action-contribution';
import { ActivityUiContribution } from '@presswork/platform/lib/common/activity-ui-contribution';
import { OUTPUT_SERVICE_PATH, OutputService } from '../common/output-protocol';
import { PrintActivity } from '../common/print-activity';
import { MarkPrintedAction, PrintAgainAction } from './output-job-actions';
import { PrintersViewContribution } from './output-view-contributions';
import { PrintersWidget } from './printers-widget';

/** Output's frontend: the Printers view (printers, printer pools, the media catalog) and Print in the designer's palette. */
export default new ContainerModule(bind => {
    bindServiceProxy(bind, OutputService, OUTPUT_SERVICE_PATH);

    // The designer's palette offers Print from the same definition the engine runs.
    bind(ActivityUiContribution).toConstantValue(PrintActivity);

    bindPressworkView(bind, PrintersWidget, PrintersViewContribution);

    // More → Print again… and Mark printed, for a job whose print is uncertain or failed.
    bind(JobActionContribution).to(PrintAgainAction).inSingletonScope();
    bind(JobActionContribution).to(MarkPrintedAction).inSingletonScope();
});
