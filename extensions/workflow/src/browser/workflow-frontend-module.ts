import '../../src/browser/style/workflow.css';
import { ContainerModule } from '@theia/core/shared/inversify';
import { KeybindingContribution } from '@theia/core/lib/browser/keybinding';
import { UndoRedoHandler } from '@theia/core/lib/browser/undo-redo-handler';
import { WidgetFactory } from '@theia/core/lib/browser/widget-manager';
import { CommandContribution } from '@theia/core/lib/common/command';
import { ActivityUiContribution } from '@presswork/platform/lib/common/activity-ui-contribution';
import { bindPressworkView } from '@presswork/platform/lib/browser/bind-presswork-view';
import { bindServiceProxy } from '@presswork/platform/lib/browser/bind-service-proxy';
import { SUPPLIED_ACTIVITIES } from '../common/supplied-activities';
import { WORKFLOW_SERVICE_PATH, WorkflowService } from '../common/workflow-protocol';
import { WorkflowEditorContribution, WorkflowEditorOpener } from './workflow-editor-contribution';
import { WorkflowEditorOptions, WorkflowEditorWidget } from './workflow-editor-widget';
import { WorkflowsViewContribution } from './workflow-view-contributions';
import { WorkflowsWidget } from './workflows-widget';

export default new ContainerModule(bind => {
    bindServiceProxy(bind, WorkflowService, WORKFLOW_SERVICE_PATH);

    // The supplied activities' palette entries and forms; other extensions bind theirs the same way.
    for (const activity of SUPPLIED_ACTIVITIES) {
        bind(ActivityUiContribution).toConstantValue(activity);
    }

    bindPressworkView(bind, WorkflowsWidget, WorkflowsViewContribution);

    bind(WorkflowEditorOpener).toSelf().inSingletonScope();
    bind(WidgetFactory).toDynamicValue(({ container }) => ({
        id: WorkflowEditorWidget.FACTORY_ID,
        createWidget: (options: WorkflowEditorOptions) => {
            const child = container.createChild();
            child.bind(WorkflowEditorOptions).toConstantValue({ workflowId: options.workflowId });
            child.bind(WorkflowEditorWidget).toSelf();
            return child.get(WorkflowEditorWidget);
        }
    })).inSingletonScope();

    bind(WorkflowEditorContribution).toSelf().inSingletonScope();
    bind(CommandContribution).toService(WorkflowEditorContribution);
    bind(KeybindingContribution).toService(WorkflowEditorContribution);
    bind(UndoRedoHandler).toService(WorkflowEditorContribution);
});
