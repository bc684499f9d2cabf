import * as React from '@theia/core/shared/react';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import type { Disposable } from '@theia/core/lib/common/disposable';
import { nls } from '@theia/core/lib/common/nls';
import { messageOf } from '@presswork/platform/lib/common/errors';
import type { Delivery } from '../common/notifications-protocol';
import { DeliveryLog } from './delivery-log';

export interface DeliveryLogDialogOptions {
    /** Whose log: a rule's or an endpoint's name. */
    readonly of: string;
    readonly load: () => Promise<Delivery[]>;
    readonly redeliver: (id: string) => Promise<Delivery>;
    /** Calls back when deliveries change, so the log follows live. */
    readonly watch: (changed: () => void) => Disposable;
}

/** The delivery log of one rule or endpoint, following live, with Redeliver. */
export class DeliveryLogDialog extends ReactDialog<void> {
    protected deliveries: Delivery[] = [];
    protected loaded = false;
    protected loadProblem: string | undefined;
    protected redeliverProblem: string | undefined;
    protected redelivering: string | undefined;

    constructor(protected readonly options: DeliveryLogDialogOptions) {
        super({ title: nls.localize('presswork/notifications/deliveryLogTitle', 'Delivery log of {0}', options.of), maxWidth: 960 } as DialogProps);
        this.addClass('presswork-notifications-delivery-dialog');
        this.appendAcceptButton(nls.localize('presswork/notifications/close', 'Close'));
        this.toDispose.push(options.watch(() => this.reload()));
        this.reload();
    }

    get value(): void {
        return undefined;
    }

    protected async reload(): Promise<void> {
        try {
            this.deliveries = await this.options.load();
            this.loadProblem = undefined;
        } catch (error) {
            this.loadProblem = messageOf(error);
        }
        this.loaded = true;
        this.update();
    }

    protected redeliver = async (delivery: Delivery): Promise<void> => {
        this.redelivering = delivery.id;
        this.update();
        try {
            await this.options.redeliver(delivery.id);
            this.redeliverProblem = undefined;
        } catch (error) {
            this.redeliverProblem = nls.localize('presswork/notifications/redeliverFailed', 'Redeliver: {0}', messageOf(error));
        }
        this.redelivering = undefined;
        await this.reload();
    };

    protected render(): React.ReactNode {
        return <div className='presswork-notifications-delivery-log'>
            {this.loadProblem && <p className='presswork-error' role='alert'>{this.loadProblem}</p>}
            {this.redeliverProblem && <p className='presswork-error' role='alert'>{this.redeliverProblem}</p>}
            {this.loaded
                ? <DeliveryLog deliveries={this.deliveries} redelivering={this.redelivering} onRedeliver={this.redeliver} />
                : <p>{nls.localize('presswork/notifications/loadingDeliveries', 'Loading…')}</p>}
        </div>;
    }
}
