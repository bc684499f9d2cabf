import * as React from '@theia/core/shared/react';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { ReactWidget } from '@theia/core/lib/browser/widgets/react-widget';
import { codicon } from '@theia/core/lib/browser/widgets/widget';
import { nls } from '@theia/core/lib/common/nls';
import debounce = require('@theia/core/shared/lodash.debounce');
import { JobActionGroups } from '@presswork/platform/lib/common/job-action-contribution';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { ChangeFeedService } from '@presswork/platform/lib/browser/change-feed-service';
import type { OrderSummary } from '../../common/job-query';
import { JOB_ROWS_FEED, JobQueryService } from '../../common/jobs-protocol';
import { JobActionCommands } from './job-action-commands';
import { formatDateTime } from './job-columns';
import { JobSelectionService } from './job-selection-service';
import { paymentMethodLabel } from '@presswork/platform/lib/common/order-schema';
import { balancedBidi } from '@presswork/platform/lib/common/hidden-characters';
import { Identifier, StoreText } from '@presswork/platform/lib/browser/store-text';
import { describePrintFile } from '../actions/print-file-facts';

/**
 * The selected job's order at a glance: its jobs and their states, how far it is from closeout,
 * and the order actions (Order details…, Closeout order…) the user may run.
 */
@injectable()
export class OrderPanelWidget extends ReactWidget {
    static readonly ID = 'presswork-order-panel';
    static readonly LABEL = nls.localize('presswork/jobs/order', 'Order');

    @inject(JobQueryService) protected readonly queries: JobQueryService;
    @inject(ChangeFeedService) protected readonly changeFeed: ChangeFeedService;
    @inject(JobSelectionService) protected readonly selection: JobSelectionService;
    @inject(JobActionCommands) protected readonly actions: JobActionCommands;

    protected orderId: string | undefined;
    protected summary: OrderSummary | undefined;
    protected error: string | undefined;
    protected readonly reloadSoon = debounce(() => this.load(), 100);

    @postConstruct()
    protected init(): void {
        this.id = OrderPanelWidget.ID;
        this.title.label = OrderPanelWidget.LABEL;
        this.title.caption = OrderPanelWidget.LABEL;
        this.title.iconClass = codicon('package');
        this.title.closable = true;
        this.addClass('presswork-order-panel');
        this.toDispose.push(this.selection.onDidChange(rows => this.showOrder(rows[0]?.orderId)));
        this.toDispose.push(this.changeFeed.watch(JOB_ROWS_FEED, deltas => {
            if (deltas.some(delta => delta.id === this.orderId)) {
                this.reloadSoon();
            } else {
                // The enablement of the order actions follows the selected rows.
                this.update();
            }
        }, { documents: false }));
        this.toDispose.push(this.changeFeed.onDidReconnect(() => this.load()));
        this.toDispose.push({ dispose: () => this.reloadSoon.cancel() });
        this.showOrder(this.selection.selectedRows[0]?.orderId);
    }

    protected showOrder(orderId: string | undefined): void {
        if (orderId !== this.orderId) {
            this.orderId = orderId;
            this.summary = undefined;
            this.load();
        } else {
            this.update();
        }
    }

    protected async load(): Promise<void> {
        const orderId = this.orderId;
        try {
            const summary = orderId ? await this.queries.orderSummary(orderId) : undefined;
            if (orderId === this.orderId) {
                this.summary = summary;
                this.error = undefined;
            }
        } catch (error) {
            this.error = messageOf(error);
        }
        this.update();
    }

    protected render(): React.ReactNode {
        if (this.error) {
            return <p className='presswork-error' role='alert'>{this.error}</p>;
        }
        const summary = this.summary;
        if (!this.orderId || !summary) {
            return <p className='presswork-order-panel-empty'>{this.orderId
                ? nls.localize('presswork/jobs/orderLoading', 'Loading the order…')
                : nls.localize('presswork/jobs/selectJobForOrder', 'Select a job to see its order.')}</p>;
        }
        const actions = this.actions.permittedActions(JobActionGroups.order);
        return <div className='presswork-order-summary' data-order-id={summary.id}>
            <h3 className='presswork-order-number'><Identifier text={summary.orderNumber} /></h3>
            <dl>
                <dt>{nls.localize('presswork/jobs/customer', 'Customer')}</dt><dd><StoreText text={summary.customer} /></dd>
                <dt>{nls.localize('presswork/jobs/ordered', 'Ordered')}</dt><dd>{formatDateTime(summary.createDate)}</dd>
                <dt>{nls.localize('presswork/jobs/payment', 'Payment')}</dt><dd>{paymentMethodLabel(summary.paymentMethod)}</dd>
            </dl>
            <p className='presswork-order-closeout' data-closed={summary.closed}>{summary.closed
                ? nls.localize('presswork/jobs/orderClosed', 'Closed out by {0} at {1}', summary.closedBy ?? '?', formatDateTime(summary.closedAt))
                : nls.localize('presswork/jobs/readyForCloseout', '{0} of {1} jobs ready for closeout', summary.readyForCloseout, summary.jobs.length)}</p>
            {summary.closeOutInMarcomCentral && <p className='presswork-order-close-out-elsewhere' role='note'>
                {nls.localize('presswork/jobs/orderClosesOutInMarcomCentral',
                    'Ships to {0} addresses: close out in MarcomCentral. Presswork closes out an order to one address only; its jobs go on to Retain when they reach Closeout Order.',
                    summary.shipToAddresses)}</p>}
            <table className='presswork-order-jobs'>
                <thead><tr>
                    <th>{nls.localize('presswork/jobs/column/name', 'Name')}</th>
                    <th>{nls.localize('presswork/jobs/column/state', 'State')}</th>
                    <th>{nls.localize('presswork/jobs/printFile/pagesColumn', 'Print file')}</th>
                </tr></thead>
                <tbody>{summary.jobs.map(job => <tr key={job.id} data-job-id={job.id}>
                    <td title={balancedBidi(job.name)}><StoreText text={job.name} /></td><td>{job.state}</td>
                    <td className='presswork-order-job-pages'>{job.printFile ? describePrintFile(job.printFile) : ''}</td>
                </tr>)}</tbody>
            </table>
            {actions.length > 0 && <div className='presswork-order-actions'>
                {actions.map(action => {
                    const enablement = this.actions.enablement(action);
                    return <button key={action.id} type='button' className='theia-button' disabled={enablement !== true}
                        title={enablement === true ? undefined : enablement} onClick={() => this.actions.run(action)}>{action.label}</button>;
                })}
            </div>}
        </div>;
    }
}
