import { inject, injectable } from '@theia/core/shared/inversify';
import { MessageService } from '@theia/core/lib/common/message-service';
import { nls } from '@theia/core/lib/common/nls';
import { ChangeFeedService } from '@presswork/platform/lib/browser/change-feed-service';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { isolatedIdentifier } from '@presswork/platform/lib/common/hidden-characters';
import type { Permission } from '@presswork/platform/lib/common/authority';
import { JobActionContext, JobActionContribution, JobActionGroups } from '@presswork/platform/lib/common/job-action-contribution';
import { CloseoutService } from '../common/closeout-protocol';
import { CloseoutDialog } from './closeout-dialog';
import { CloseoutDocumentOpener } from './closeout-document-opener';
import { CloseoutBlockedDialog, confirmCloseoutWarnings } from './closeout-prompts';
import { CloseoutRecordDialog } from './closeout-record-dialog';
import { orderActionEnablement, orderOfSelection } from './job-selection';
import { OrderDetailsDialog } from './order-details-dialog';

export namespace CloseoutCommands {
    export const ORDER_DETAILS = 'presswork.closeout.orderDetails';
    export const CLOSEOUT_ORDER = 'presswork.closeout.closeoutOrder';
}

/** What both order actions share: the order of the selected jobs, the service, and errors told to the operator. */
@injectable()
abstract class OrderAction implements JobActionContribution {
    abstract readonly id: string;
    abstract readonly label: string;
    abstract readonly order: string;
    abstract readonly permission: Permission;
    readonly group = JobActionGroups.order;

    @inject(CloseoutService) protected readonly service: CloseoutService;
    @inject(CloseoutDocumentOpener) protected readonly opener: CloseoutDocumentOpener;
    @inject(MessageService) protected readonly messages: MessageService;

    enablement(context: JobActionContext): true | string {
        return orderActionEnablement(context, this.permission);
    }

    async run(context: JobActionContext): Promise<void> {
        const order = orderOfSelection(context);
        try {
            await this.runOnOrder(order.orderId);
        } catch (error) {
            this.messages.error(nls.localize('presswork/closeout/actionFailed', '{0} (order {1}): {2}', this.label.replace('…', ''), isolatedIdentifier(order.orderNumber), messageOf(error)));
        }
    }

    protected abstract runOnOrder(orderId: string): Promise<void>;
}

/** More → Order details…: the read-only Order Details dialog. */
@injectable()
export class OrderDetailsAction extends OrderAction {
    readonly id = CloseoutCommands.ORDER_DETAILS;
    readonly label = nls.localize('presswork/closeout/orderDetailsAction', 'Order details…');
    readonly order = '1';
    readonly permission: Permission = 'jobs.inspect';

    protected async runOnOrder(orderId: string): Promise<void> {
        const details = await this.service.orderDetails(orderId);
        await new OrderDetailsDialog(details, this.service, this.opener).open();
    }
}

/**
 * More → Closeout order…: on a closed order, its closeout record read-only (with its documents);
 * refused with a warning when the order cannot be closed out here (the backend refuses it too);
 * asks first when some line items are not ready or the order has no ship-to address; then the
 * Closeout Order dialog.
 */
@injectable()
export class CloseoutOrderAction extends OrderAction {
    readonly id = CloseoutCommands.CLOSEOUT_ORDER;
    readonly label = nls.localize('presswork/closeout/closeoutOrderAction', 'Closeout order…');
    readonly order = '2';
    readonly permission: Permission = 'orders.closeout';

    @inject(ChangeFeedService) protected readonly feed: ChangeFeedService;

    protected async runOnOrder(orderId: string): Promise<void> {
        const preparation = await this.service.prepareCloseout(orderId);
        if (preparation.progress.closed || preparation.details.closed) {
            await new CloseoutRecordDialog(preparation, this.opener).open();
            return;
        }
        if (preparation.blocked) {
            await new CloseoutBlockedDialog(preparation).open();
            return;
        }
        if (!await confirmCloseoutWarnings(preparation)) {
            return;
        }
        await new CloseoutDialog(preparation, { service: this.service, feed: this.feed, opener: this.opener }).open();
    }
}
