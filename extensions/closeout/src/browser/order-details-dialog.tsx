import * as React from '@theia/core/shared/react';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import { nls } from '@theia/core/lib/common/nls';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { isolatedIdentifier } from '@presswork/platform/lib/common/hidden-characters';
import type { CloseoutService, OrderDetailsView } from '../common/closeout-protocol';
import { OrderDetailsContent } from './order-details-content';
import type { DocumentOpener } from './order-parts';

/** Order Details: the order as the store has it, read-only; Refresh asks MarcomCentral again. */
export class OrderDetailsDialog extends ReactDialog<void> {
    protected changes: string[] | undefined;
    protected status: string | undefined;
    protected refreshing = false;
    protected readonly refreshButton: HTMLButtonElement;

    constructor(protected details: OrderDetailsView, protected readonly service: CloseoutService, protected readonly opener: DocumentOpener) {
        super({ title: nls.localize('presswork/closeout/orderDetailsTitle', 'Order Details: {0}', isolatedIdentifier(details.orderNumber)), maxWidth: 1000 } as DialogProps);
        this.addClass('presswork-order-details-dialog');
        this.refreshButton = this.appendButton(nls.localize('presswork/closeout/refresh', 'Refresh'), false);
        this.refreshButton.title = nls.localize('presswork/closeout/refreshTitle', 'Ask MarcomCentral for the order again and show what changed');
        this.refreshButton.addEventListener('click', () => this.refresh());
        this.appendCloseButton(nls.localize('presswork/closeout/close', 'Close'));
    }

    get value(): void {
        return undefined;
    }

    protected async refresh(): Promise<void> {
        if (this.refreshing) {
            return;
        }
        this.refreshing = true;
        this.refreshButton.disabled = true;
        this.status = nls.localize('presswork/closeout/refreshing', 'Asking MarcomCentral for the order…');
        this.update();
        try {
            const result = await this.service.refreshOrder(this.details.orderId);
            this.details = result.details;
            this.changes = result.changes;
            this.status = undefined;
        } catch (error) {
            this.status = nls.localize('presswork/closeout/refreshFailed', 'Refresh failed: {0}', messageOf(error));
        } finally {
            this.refreshing = false;
            this.refreshButton.disabled = false;
            this.update();
        }
    }

    protected render(): React.ReactNode {
        return <OrderDetailsContent details={this.details} changes={this.changes} status={this.status} opener={this.opener} />;
    }
}
