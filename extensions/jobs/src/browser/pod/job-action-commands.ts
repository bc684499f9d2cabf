import { inject, injectable } from '@theia/core/shared/inversify';
import { CommandContribution, CommandRegistry } from '@theia/core/lib/common/command';
import { MessageService } from '@theia/core/lib/common/message-service';
import { nls } from '@theia/core/lib/common/nls';
import { JobActionContribution, JobActionContext, JobActionGroups } from '@presswork/platform/lib/common/job-action-contribution';
import { JobActionRegistry } from '@presswork/platform/lib/common/job-action-registry';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import { JobSelectionService } from './job-selection-service';
import type { PopupMenuItem } from './popup-menu';

/**
 * Every job action of every extension, as a command on the selected jobs: shown in the pod's More
 * menu, the row context menu, the Order panel (order actions) and the command palette. An action
 * is offered only to users whose authority holds its permission; the backend checks again.
 */
@injectable()
export class JobActionCommands implements CommandContribution {
    @inject(JobActionRegistry) protected readonly registry: JobActionRegistry;
    @inject(JobSelectionService) protected readonly selection: JobSelectionService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;
    @inject(MessageService) protected readonly messages: MessageService;

    /** The actions in menu order (group, then order, then label), one per id. */
    actions(): readonly JobActionContribution[] {
        return this.registry.all();
    }

    /** The actions this user may run at all (none for a Monitor). */
    permittedActions(group?: string): JobActionContribution[] {
        return this.actions().filter(action => this.currentUser.can(action.permission) && (group === undefined || action.group === group));
    }

    context(): JobActionContext | undefined {
        const user = this.currentUser.user;
        return user && { jobs: this.selection.selectedRows, user };
    }

    /** True when the action can run on the selected jobs, else why not. */
    enablement(action: JobActionContribution): true | string {
        const context = this.context();
        if (!context || !this.currentUser.can(action.permission)) {
            return nls.localize('presswork/jobs/notPermitted', 'Your authority does not allow this');
        }
        if (!context.jobs.length) {
            return nls.localize('presswork/jobs/selectJobs', 'Select one or more jobs first');
        }
        try {
            return action.enablement(context);
        } catch (error) {
            return messageOf(error);
        }
    }

    async run(action: JobActionContribution): Promise<void> {
        const context = this.context();
        if (!context || this.enablement(action) !== true) {
            return;
        }
        try {
            await action.run(context);
        } catch (error) {
            this.messages.error(nls.localize('presswork/jobs/actionFailed', '{0}: {1}', action.label, messageOf(error)));
        }
    }

    /** Menu entries for the permitted actions, a separator between groups, disabled ones saying why. */
    menuItems(): PopupMenuItem[] {
        let group: string | undefined;
        return this.permittedActions().map(action => {
            const enablement = this.enablement(action);
            const separatorBefore = group !== undefined && group !== action.group;
            group = action.group;
            return {
                id: action.id, label: action.label, separatorBefore,
                disabled: enablement !== true, title: enablement === true ? undefined : enablement,
                run: () => this.run(action)
            };
        });
    }

    registerCommands(registry: CommandRegistry): void {
        for (const action of this.actions()) {
            registry.registerCommand({ id: action.id, label: action.label, category: action.group === JobActionGroups.order ? 'Order' : 'Job' }, {
                execute: () => this.run(action),
                isEnabled: () => this.enablement(action) === true,
                isVisible: () => this.currentUser.can(action.permission)
            });
        }
    }
}
