import * as React from '@theia/core/shared/react';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import type { RejectedOrderView } from '../common/connection-runtime';

/** Orders in quarantine: why each was refused, and a retry once the cause is fixed. */
export class RejectedOrdersDialog extends ReactDialog<void> {
    protected message = '';

    constructor(name: string, protected orders: RejectedOrderView[], protected readonly retry: (id: string) => Promise<RejectedOrderView | undefined>) {
        super({ title: `Rejected orders of ${name}`, maxWidth: 1100 } as DialogProps);
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
                        <td>{order.orderNumber ?? '—'}</td>
                        <td>{order.marcomOrderId ?? '—'}</td>
                        <td><code>{order.path}</code></td>
                        <td>{order.reason}</td>
                        <td>{order.attempts}</td>
                        <td>{new Date(order.lastSeenAt).toLocaleString()}</td>
                        <td><button className='theia-button secondary' onClick={() => this.retryOrder(order)}>Retry</button></td>
                    </tr>)}</tbody>
                </table>}
        </div>;
    }

    protected async retryOrder(order: RejectedOrderView): Promise<void> {
        try {
            const remaining = await this.retry(order.id);
            this.orders = remaining ? this.orders.map(candidate => candidate.id === order.id ? remaining : candidate) : this.orders.filter(candidate => candidate.id !== order.id);
            this.message = remaining ? `Order ${order.orderNumber ?? order.marcomOrderId} is still refused: ${remaining.reason}` : `Order ${order.orderNumber ?? order.marcomOrderId} was taken in.`;
        } catch (error) {
            this.message = error instanceof Error ? error.message : String(error);
        }
        this.update();
    }
}
