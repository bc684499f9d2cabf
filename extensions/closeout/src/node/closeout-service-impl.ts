import { inject, injectable } from '@theia/core/shared/inversify';
import { RpcCaller } from '@presswork/platform/lib/node/rpc/rpc-caller';
import type {
    CloseoutInput, CloseoutPreparation, CloseoutProgress, CloseoutService, OrderDetailsView, OrderRefreshResult
} from '../common/closeout-protocol';
import { CloseoutDocuments } from './closeout-documents';
import { CloseoutRunner } from './closeout-runner';
import { orderDetailsView } from './order-details';
import { OrderRefresher } from './order-refresher';

/** The closeout service of one browser connection; the guard has checked authority and input. */
@injectable()
export class CloseoutServiceImpl implements CloseoutService {
    @inject(RpcCaller) protected readonly caller: RpcCaller;
    @inject(CloseoutRunner) protected readonly runner: CloseoutRunner;
    @inject(OrderRefresher) protected readonly refresher: OrderRefresher;
    @inject(CloseoutDocuments) protected readonly documents: CloseoutDocuments;

    async orderDetails(orderId: string): Promise<OrderDetailsView> {
        const order = this.runner.order(orderId);
        return orderDetailsView(order, this.documents.availability(order.id), new Date());
    }

    async refreshOrder(orderId: string): Promise<OrderRefreshResult> {
        const { order, changes } = await this.refresher.refresh(orderId, this.caller.user().name);
        return { details: orderDetailsView(order, this.documents.availability(order.id), new Date()), changes };
    }

    prepareCloseout(orderId: string): Promise<CloseoutPreparation> {
        return this.runner.prepare(orderId);
    }

    closeOut(orderId: string, input: CloseoutInput): Promise<CloseoutProgress> {
        return this.runner.closeOut(orderId, input, this.caller.user().name);
    }

    async progress(orderId: string): Promise<CloseoutProgress> {
        return this.runner.progress(orderId);
    }
}
