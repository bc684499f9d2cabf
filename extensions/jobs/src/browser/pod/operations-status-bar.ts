import { inject, injectable } from '@theia/core/shared/inversify';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { StatusBar, StatusBarAlignment } from '@theia/core/lib/browser/status-bar/status-bar';
import { nls } from '@theia/core/lib/common/nls';
import debounce = require('@theia/core/shared/lodash.debounce');
import { ChangeFeedService } from '@presswork/platform/lib/browser/change-feed-service';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import type { JobCounts } from '../../common/job-query';
import { JOB_ROWS_FEED, JobQueryService } from '../../common/jobs-protocol';
import { COUNTED_STATES, OperationsCommands } from './operations-commands';

/** How often at most the counts are asked for while the feed is busy. */
const COUNTS_DELAY_MS = 500;

/** The status bar's counts of jobs in Error and jobs waiting for order closeout; a click filters the pod. */
@injectable()
export class OperationsStatusBar implements FrontendApplicationContribution {
    @inject(StatusBar) protected readonly statusBar: StatusBar;
    @inject(JobQueryService) protected readonly queries: JobQueryService;
    @inject(ChangeFeedService) protected readonly changeFeed: ChangeFeedService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;

    protected readonly refreshSoon = debounce(() => this.refresh(), COUNTS_DELAY_MS, { maxWait: COUNTS_DELAY_MS * 4 });

    /** Never holds up the start of the shell: the counts appear when they arrive. */
    onStart(): void {
        this.start().catch(error => console.warn('job counts', error));
    }

    protected async start(): Promise<void> {
        await this.currentUser.load();
        if (!this.currentUser.can('operations.view')) {
            return;
        }
        this.changeFeed.watch(JOB_ROWS_FEED, () => this.refreshSoon());
        this.changeFeed.onDidReconnect(() => this.refreshSoon());
        await this.refresh();
    }

    protected async refresh(): Promise<void> {
        try {
            this.show(await this.queries.counts());
        } catch (error) {
            console.warn('job counts', error);
        }
    }

    protected show(counts: JobCounts): void {
        this.statusBar.setElement('presswork-jobs-error', {
            text: `$(error) ${nls.localize('presswork/jobs/inError', '{0} in Error', counts.error)}`,
            tooltip: nls.localize('presswork/jobs/inErrorTooltip', 'Jobs in Error: click to show them'),
            alignment: StatusBarAlignment.LEFT,
            priority: 50,
            command: OperationsCommands.SHOW_STATE.id,
            arguments: [COUNTED_STATES.error]
        });
        this.statusBar.setElement('presswork-jobs-waiting-for-closeout', {
            text: `$(package) ${nls.localize('presswork/jobs/waitingForCloseout', '{0} waiting for closeout', counts.waitingForCloseout)}`,
            tooltip: nls.localize('presswork/jobs/waitingForCloseoutTooltip', 'Jobs waiting for order closeout: click to show them'),
            alignment: StatusBarAlignment.LEFT,
            priority: 49,
            command: OperationsCommands.SHOW_STATE.id,
            arguments: [COUNTED_STATES.waitingForCloseout]
        });
    }
}
