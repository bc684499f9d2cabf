import { inject, injectable } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { ApplicationShell } from '@theia/core/lib/browser/shell/application-shell';
import { CommonMenus } from '@theia/core/lib/browser/common-frontend-contribution';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { WidgetManager } from '@theia/core/lib/browser/widget-manager';
import { CommandContribution, CommandRegistry } from '@theia/core/lib/common/command';
import { MenuContribution, MenuModelRegistry } from '@theia/core/lib/common/menu';
import { JobStateSchema } from '@presswork/platform/lib/common/job-status';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import { OPERATIONS_MENU } from '@presswork/platform/lib/browser/shell/operations-menu';
import { AllJobsWidget } from './all-jobs-widget';
import { OperationsCommands } from './operations-commands';
import { OrderPanelWidget } from './order-panel-widget';
import { OrderPanelLayout } from './order-panel-layout';
import { TouchLayout } from './touch-layout';

/**
 * The Operations workspace: the All Jobs pod in the main area and the Order panel on the right.
 * It is every user's home: it opens after sign-in, whatever the authority.
 */
@injectable()
export class OperationsContribution implements CommandContribution, MenuContribution, FrontendApplicationContribution {
    @inject(ApplicationShell) protected readonly shell: ApplicationShell;
    @inject(WidgetManager) protected readonly widgets: WidgetManager;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;
    @inject(OrderPanelLayout) protected readonly orderPanelLayout: OrderPanelLayout;
    /** Made at start, so the touch layout applies before the pod draws. */
    @inject(TouchLayout) protected readonly touchLayout: TouchLayout;

    async onDidInitializeLayout(): Promise<void> {
        await this.openOperations({ activate: !this.shell.currentWidget });
    }

    registerCommands(registry: CommandRegistry): void {
        registry.registerCommand(OperationsCommands.OPEN, {
            execute: () => this.openOperations({ activate: true }),
            isVisible: () => this.currentUser.can('operations.view')
        });
        registry.registerCommand(OperationsCommands.TOGGLE_ORDER_PANEL, {
            execute: async () => {
                await this.openOperations({ activate: false });
                await this.orderPanelLayout.toggle();
            },
            isVisible: () => this.currentUser.can('operations.view')
        });
        registry.registerCommand(OperationsCommands.SHOW_STATE, {
            execute: async (state: unknown) => {
                const pod = await this.openOperations({ activate: true });
                const parsed = JobStateSchema.safeParse(state);
                if (parsed.success) {
                    pod.showOnlyState(parsed.data);
                }
            }
        });
        registry.registerCommand(OperationsCommands.SHOW_AT_RISK, {
            execute: async () => (await this.openOperations({ activate: true })).showOnlyAtRisk(),
            isVisible: () => this.currentUser.can('operations.view')
        });
    }

    registerMenus(menus: MenuModelRegistry): void {
        menus.registerMenuAction(CommonMenus.VIEW_VIEWS, { commandId: OperationsCommands.OPEN.id, label: OperationsCommands.OPEN.label, order: '0' });
        menus.registerMenuAction(OPERATIONS_MENU, { commandId: OperationsCommands.OPEN.id, label: nls.localize('presswork/jobs/operationsWorkspace', 'Operations Workspace'), order: '0' });
    }

    /** Lays out the workspace (adding what is missing) and returns the pod. */
    async openOperations(options: { activate: boolean }): Promise<AllJobsWidget> {
        const pod = await this.widgets.getOrCreateWidget<AllJobsWidget>(AllJobsWidget.ID);
        if (!pod.isAttached) {
            await this.shell.addWidget(pod, { area: 'main' });
        }
        const panel = await this.widgets.getOrCreateWidget<OrderPanelWidget>(OrderPanelWidget.ID);
        if (!panel.isAttached) {
            await this.shell.addWidget(panel, { area: 'right', rank: 100 });
        }
        const laidOut = this.orderPanelLayout.follows(panel);
        if (options.activate) {
            if (!laidOut) {
                await this.shell.revealWidget(panel.id);
            }
            await this.shell.activateWidget(pod.id);
        }
        // The first time, the panel takes the width (or the collapsed state) the user left it with;
        // not awaited: the shell's start must never wait for a panel animation.
        this.orderPanelLayout.follow(panel);
        return pod;
    }
}
