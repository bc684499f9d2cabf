import '../../../src/browser/style/operations.css';
import type { interfaces } from '@theia/core/shared/inversify';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { RemoteConnectionProvider, ServiceConnectionProvider } from '@theia/core/lib/browser/messaging/service-connection-provider';
import { WidgetFactory } from '@theia/core/lib/browser/widget-manager';
import { CommandContribution } from '@theia/core/lib/common/command';
import { MenuContribution } from '@theia/core/lib/common/menu';
import { JOB_QUERY_SERVICE_PATH, JobQueryService, SAVED_VIEW_SERVICE_PATH, SavedViewService } from '../../common/jobs-protocol';
import { AllJobsWidget } from './all-jobs-widget';
import { JobActionCommands } from './job-action-commands';
import { JobSelectionService } from './job-selection-service';
import { OperationsContribution } from './operations-contribution';
import { OperationsStatusBar } from './operations-status-bar';
import { OrderPanelWidget } from './order-panel-widget';

/**
 * The Operations workspace: All Jobs pod, Order side panel, status bar counts, job action menus.
 * The JobActionContribution and JobColumnContribution providers are the platform's (root) ones.
 */
export function bindOperations(bind: interfaces.Bind): void {
    bind(JobQueryService).toDynamicValue(({ container }) =>
        container.get<ServiceConnectionProvider>(RemoteConnectionProvider).createProxy<JobQueryService>(JOB_QUERY_SERVICE_PATH)).inSingletonScope();
    bind(SavedViewService).toDynamicValue(({ container }) =>
        container.get<ServiceConnectionProvider>(RemoteConnectionProvider).createProxy<SavedViewService>(SAVED_VIEW_SERVICE_PATH)).inSingletonScope();

    bind(JobSelectionService).toSelf().inSingletonScope();
    bind(JobActionCommands).toSelf().inSingletonScope();
    bind(CommandContribution).toService(JobActionCommands);

    bind(AllJobsWidget).toSelf();
    bind(WidgetFactory).toDynamicValue(({ container }) => ({ id: AllJobsWidget.ID, createWidget: () => container.get(AllJobsWidget) })).inSingletonScope();
    bind(OrderPanelWidget).toSelf();
    bind(WidgetFactory).toDynamicValue(({ container }) => ({ id: OrderPanelWidget.ID, createWidget: () => container.get(OrderPanelWidget) })).inSingletonScope();

    bind(OperationsContribution).toSelf().inSingletonScope();
    bind(CommandContribution).toService(OperationsContribution);
    bind(MenuContribution).toService(OperationsContribution);
    bind(FrontendApplicationContribution).toService(OperationsContribution);
    bind(FrontendApplicationContribution).to(OperationsStatusBar).inSingletonScope();
}
