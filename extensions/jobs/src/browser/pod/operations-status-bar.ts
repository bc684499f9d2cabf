import { inject, injectable, named } from '@theia/core/shared/inversify';
import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { StatusBar, StatusBarAlignment } from '@theia/core/lib/browser/status-bar/status-bar';
import { ILogger } from '@theia/core/lib/common/logger';
import { nls } from '@theia/core/lib/common/nls';
import debounce = require('@theia/core/shared/lodash.debounce');
import { ChangeFeedService } from '@presswork/platform/lib/browser/change-feed-service';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import type { JobState } from '@presswork/platform/lib/common/job-status';
import type { JobCounts } from '../../common/job-query';
import { JOB_ROWS_FEED, JobQueryService } from '../../common/jobs-protocol';
import { COUNTED_STATES, OperationsCommands } from './operations-commands';

/** A count's click: show only the jobs in that state. */
function showState(state: JobState): { command: string; arguments: unknown[] } {
    return { command: OperationsCommands.SHOW_STATE.id, arguments: [state] };
}

/** How often at most the counts are asked for while the feed is busy. */
const COUNTS_DELAY_MS = 500;
/** Jobs turn at risk as time passes, with no change to any order: the counts are read again this often. */
const AT_RISK_REFRESH_MS = 60_000;

/** The status bar's counts of jobs in Error, waiting for order closeout, waiting for batch and at risk; a click filters the pod. */
@injectable()
export class OperationsStatusBar implements FrontendApplicationContribution {
    @inject(StatusBar) protected readonly statusBar: StatusBar;
    @inject(JobQueryService) protected readonly queries: JobQueryService;
    @inject(ChangeFeedService) protected readonly changeFeed: ChangeFeedService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;
    @inject(ILogger) @named('jobs:OperationsStatusBar') protected readonly logger: ILogger;

    protected readonly refreshSoon = debounce(() => this.refresh(), COUNTS_DELAY_MS, { maxWait: COUNTS_DELAY_MS * 4 });

    /** Never holds up the start of the shell: the counts appear when they arrive. */
    onStart(): void {
        this.start().catch(error => this.logger.warn('job counts', error));
    }

    protected async start(): Promise<void> {
        await this.currentUser.load();
        if (!this.currentUser.can('operations.view')) {
            return;
        }
        this.changeFeed.watch(JOB_ROWS_FEED, () => this.refreshSoon(), { documents: false });
        this.changeFeed.onDidReconnect(() => this.refreshSoon());
        setInterval(() => this.refreshSoon(), AT_RISK_REFRESH_MS);
        await this.refresh();
    }

    protected async refresh(): Promise<void> {
        try {
            this.show(await this.queries.counts());
        } catch (error) {
            this.logger.warn('job counts', error);
        }
    }

    protected show(counts: JobCounts): void {
        const items: { id: string; icon: string; priority: number; text: string; tooltip: string; command: string; arguments: unknown[] }[] = [
            { id: 'presswork-jobs-error', icon: 'error', ...showState(COUNTED_STATES.error), priority: 50,
                text: nls.localize('presswork/jobs/inError', '{0} in Error', counts.error),
                tooltip: nls.localize('presswork/jobs/inErrorTooltip', 'Jobs in Error: click to show them') },
            { id: 'presswork-jobs-waiting-for-closeout', icon: 'package', ...showState(COUNTED_STATES.waitingForCloseout), priority: 49,
                text: nls.localize('presswork/jobs/waitingForCloseout', '{0} waiting for closeout', counts.waitingForCloseout),
                tooltip: nls.localize('presswork/jobs/waitingForCloseoutTooltip', 'Jobs waiting for order closeout: click to show them') },
            { id: 'presswork-jobs-waiting-for-batch', icon: 'layers', ...showState(COUNTED_STATES.waitingForBatch), priority: 47,
                text: nls.localize('presswork/jobs/waitingForBatch', '{0} waiting for batch', counts.waitingForBatch),
                tooltip: nls.localize('presswork/jobs/waitingForBatchTooltip', 'Jobs waiting in a batch for its release: click to show them') },
            { id: 'presswork-jobs-at-risk', icon: 'watch', command: OperationsCommands.SHOW_AT_RISK.id, arguments: [], priority: 46,
                text: nls.localize('presswork/jobs/atRiskCount', '{0} at risk', counts.atRisk),
                tooltip: nls.localize('presswork/jobs/atRiskTooltip', 'Jobs not printed that are at risk of missing their due date, or past it: click to show them') }
        ];
        for (const item of items) {
            this.statusBar.setElement(item.id, {
                text: `$(${item.icon}) ${item.text}`, tooltip: item.tooltip, alignment: StatusBarAlignment.LEFT, priority: item.priority,
                command: item.command, arguments: item.arguments
            });
        }
        this.showClosedOutElsewhere(counts.closeOutInMarcomCentral);
    }

    /** Orders to be closed out in MarcomCentral (they ship to several addresses): shown only while there are some. */
    protected showClosedOutElsewhere(orders: number): void {
        const id = 'presswork-orders-close-out-in-marcomcentral';
        if (!orders) {
            this.statusBar.removeElement(id);
            return;
        }
        this.statusBar.setElement(id, {
            text: `$(warning) ${nls.localize('presswork/jobs/closeOutInMarcomCentral', '{0} to close out in MarcomCentral', orders)}`,
            tooltip: nls.localize('presswork/jobs/closeOutInMarcomCentralTooltip',
                'Open orders shipping to several addresses: Presswork cannot close them out. Close them out in MarcomCentral; their jobs go on to Retain.'),
            alignment: StatusBarAlignment.LEFT, priority: 48
        });
    }
}
