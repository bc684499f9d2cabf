import '../../../src/browser/style/operations.css';
import type { interfaces } from '@theia/core/shared/inversify';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { CommandContribution } from '@theia/core/lib/common/command';
import { MenuContribution } from '@theia/core/lib/common/menu';
import { bindWidgetFactory } from '@presswork/platform/lib/browser/bind-presswork-view';
import { bindServiceProxy } from '@presswork/platform/lib/browser/bind-service-proxy';
import { JobColumnContribution } from '@presswork/platform/lib/common/job-column-contribution';
import { JOB_QUERY_SERVICE_PATH, JobQueryService, SAVED_VIEW_SERVICE_PATH, SavedViewService } from '../../common/jobs-protocol';
import { AllJobsWidget } from './all-jobs-widget';
import { JobActionCommands } from './job-action-commands';
import { ALL_JOBS_COLUMNS } from './job-columns';
import { JobSelectionService } from './job-selection-service';
import { LiveJobWindowWatcher } from './live-job-window-watcher';
import { OperationsContribution } from './operations-contribution';
import { OperationsStatusBar } from './operations-status-bar';
import { OrderPanelWidget } from './order-panel-widget';
import { OrderPanelLayout } from './order-panel-layout';
import { TouchLayout } from './touch-layout';

/**
 * The Operations workspace: All Jobs pod, Order side panel, status bar counts, job action menus.
 * Actions and columns come from the platform's JobActionRegistry and JobColumnRegistry.
 */
export function bindOperations(bind: interfaces.Bind): void {
    bindServiceProxy(bind, JobQueryService, JOB_QUERY_SERVICE_PATH);
    bindServiceProxy(bind, SavedViewService, SAVED_VIEW_SERVICE_PATH);

    bind(LiveJobWindowWatcher).toSelf().inSingletonScope();
    bind(JobSelectionService).toSelf().inSingletonScope();
    bind(TouchLayout).toSelf().inSingletonScope();
    bind(OrderPanelLayout).toSelf().inSingletonScope();
    bind(JobActionCommands).toSelf().inSingletonScope();
    bind(CommandContribution).toService(JobActionCommands);

    // The pod's own columns go through the point like any other extension's, in their default order.
    for (const column of ALL_JOBS_COLUMNS) {
        bind(JobColumnContribution).toConstantValue(column);
    }
    bindWidgetFactory(bind, AllJobsWidget);
    bindWidgetFactory(bind, OrderPanelWidget);

    bind(OperationsContribution).toSelf().inSingletonScope();
    bind(CommandContribution).toService(OperationsContribution);
    bind(MenuContribution).toService(OperationsContribution);
    bind(FrontendApplicationContribution).toService(OperationsContribution);
    bind(FrontendApplicationContribution).to(OperationsStatusBar).inSingletonScope();
}
