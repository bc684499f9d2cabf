import { injectable } from '@theia/core/shared/inversify';
import type { Permission } from '@presswork/platform/lib/common/authority';
import { PermittedViewContribution } from '@presswork/platform/lib/browser/permitted-view-contribution';
import { WorkflowCommands } from './workflow-commands';
import { WorkflowsWidget } from './workflows-widget';

@injectable()
export class WorkflowsViewContribution extends PermittedViewContribution<WorkflowsWidget> {
    protected readonly command = WorkflowCommands.OPEN_WORKFLOWS;
    protected readonly permissions: readonly Permission[] = ['workflows.view'];

    constructor() {
        super({ widgetId: WorkflowsWidget.ID, widgetName: WorkflowsWidget.LABEL, defaultWidgetOptions: { area: 'main' }, toggleCommandId: WorkflowCommands.OPEN_WORKFLOWS.id });
    }
}
