import * as React from '@theia/core/shared/react';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import { isolatedIdentifier, isolatedText } from '@presswork/platform/lib/common/hidden-characters';
import { Identifier, StoreText } from '@presswork/platform/lib/browser/store-text';
import type { RejectedOrderView } from '../common/connection-runtime';
import { formatDateTime } from '@presswork/platform/lib/common/presswork-format';

/** Orders in quarantine: why each was refused, and a retry once the cause is fixed. */
export class RejectedOrdersDialog extends ReactDialog<void> {
    protected message = '';

    constructor(name: string, protected orders: RejectedOrderView[], protected readonly retry: (id: string) => Promise<RejectedOrderView | undefined>) {
        super({ title: `Rejected orders of ${isolatedText(name)}`, maxWidth: 1100 } as DialogProps);
        this.appendCloseButton('Close');
    }

    get value(): void {
        return undefined;
    }

    protected render(): React.ReactNode {
        return <div className='presswork-dialog-table'>
            {this.message && <p role='status'>{this.message}</p>}
            {!this.orders.length ? <p>No rejected orders.</p> :
                <table className='presswork-table' aria-label='Rejected orders'>
                    <thead><tr><th>Order number</th><th>MarcomCentral ID</th><th>Field</th><th>Reason</th><th>Attempts</th><th>Last seen</th><th></th></tr></thead>
                    <tbody>{this.orders.map(order => <tr key={order.id}>
                        <td>{order.orderNumber === undefined ? '—' : <Identifier text={order.orderNumber} />}</td>
                        <td>{order.marcomOrderId === undefined ? '—' : <Identifier text={order.marcomOrderId} />}</td>
                        <td><code><StoreText text={order.path} /></code></td>
                        <td><StoreText text={order.reason} /></td>
                        <td>{order.attempts}</td>
                        <td>{formatDateTime(order.lastSeenAt)}</td>
                        <td><button className='theia-button secondary' onClick={() => this.retryOrder(order)}>Retry</button></td>
                    </tr>)}</tbody>
                </table>}
        </div>;
    }

    protected async retryOrder(order: RejectedOrderView): Promise<void> {
        try {
            const remaining = await this.retry(order.id);
            this.orders = remaining ? this.orders.map(candidate => candidate.id === order.id ? remaining : candidate) : this.orders.filter(candidate => candidate.id !== order.id);
            const number = isolatedIdentifier(order.orderNumber ?? order.marcomOrderId ?? '');
            this.message = remaining ? `Order ${number} is still refused: ${isolatedText(remaining.reason)}` : `Order ${number} was taken in.`;
        } catch (error) {
            this.message = error instanceof Error ? error.message : String(error);
        }
        this.update();
    }
}
