import { injectable, inject } from '@theia/core/shared/inversify';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { MessageService } from '@theia/core/lib/common/message-service';
import { nls } from '@theia/core/lib/common/nls';
import type { Permission } from '../../common/authority';
import { StoreProblemsService } from '../../common/store-problems-protocol';
import { PermittedViewContribution } from '../permitted-view-contribution';
import { StoreProblemsWidget } from './store-problems-widget';

export const OPEN_STORE_PROBLEMS_COMMAND = { id: 'presswork.storeProblems.open', label: 'Data Problems', category: 'Presswork' };

/** The Data Problems view, for administrators, who are told at sign-in when it lists anything. */
@injectable()
export class StoreProblemsViewContribution extends PermittedViewContribution<StoreProblemsWidget> implements FrontendApplicationContribution {
    @inject(StoreProblemsService) protected readonly service: StoreProblemsService;
    @inject(MessageService) protected readonly messages: MessageService;

    protected readonly command = OPEN_STORE_PROBLEMS_COMMAND;
    protected readonly permissions: readonly Permission[] = ['system.inspect'];

    constructor() {
        super({
            widgetId: StoreProblemsWidget.ID, widgetName: StoreProblemsWidget.LABEL, defaultWidgetOptions: { area: 'main' },
            toggleCommandId: OPEN_STORE_PROBLEMS_COMMAND.id
        });
    }

    /** Not awaited by the shell: the notice waits for the user, and the shell must not wait for it. */
    onStart(): void {
        this.noticeProblems().catch(() => undefined);
    }

    protected async noticeProblems(): Promise<void> {
        await this.currentUser.load();
        if (!this.permitted()) {
            return;
        }
        const problems = await this.service.list();
        if (!problems.length) {
            return;
        }
        const open = nls.localize('presswork/storeProblems/open', 'Show them');
        const choice = await this.messages.warn(problems.length === 1
            ? nls.localize('presswork/storeProblems/one', '1 document in the data folder could not be loaded; everything else runs.')
            : nls.localize('presswork/storeProblems/many', '{0} documents in the data folder could not be loaded; everything else runs.', problems.length), open);
        if (choice === open) {
            await this.openView({ activate: true, reveal: true });
        }
    }
}
