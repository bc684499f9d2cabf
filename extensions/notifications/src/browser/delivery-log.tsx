import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { formatDateTime } from '@presswork/platform/lib/common/presswork-format';
import { EVENT_CATALOG } from '../common/event-catalog';
import type { Delivery, DeliveryAttempt, DeliveryState } from '../common/notifications-protocol';

export const DELIVERY_STATE_LABELS: Readonly<Record<DeliveryState, string>> = {
    pending: nls.localize('presswork/notifications/statePending', 'Pending'),
    delivered: nls.localize('presswork/notifications/stateDelivered', 'Delivered'),
    failed: nls.localize('presswork/notifications/stateFailed', 'Failed'),
    expired: nls.localize('presswork/notifications/stateExpired', 'Expired: gave up after 24 hours')
};

const STATE_CLASSES: Readonly<Record<DeliveryState, string>> = {
    pending: 'presswork-status-retrying', delivered: 'presswork-status-ok', failed: 'presswork-status-error', expired: 'presswork-status-error'
};

export function formatTime(iso: string): string {
    return formatDateTime(iso, { seconds: true });
}

/** Pending deliveries are being tried; the others can be sent again (same id, so the receiver can tell). */
export function canRedeliver(delivery: Delivery): boolean {
    return delivery.state !== 'pending';
}

export interface DeliveryLogProps {
    readonly deliveries: readonly Delivery[];
    /** The delivery being sent again, if any. */
    readonly redelivering?: string;
    readonly onRedeliver: (delivery: Delivery) => void;
}

/** Deliveries, newest first: when, which event, what it said, its state and every attempt in words. */
export function DeliveryLog(props: DeliveryLogProps): React.ReactElement {
    if (!props.deliveries.length) {
        return <p data-field='noDeliveries'>{nls.localize('presswork/notifications/noDeliveries', 'Nothing sent yet.')}</p>;
    }
    return <table className='presswork-table presswork-notifications-deliveries' aria-label={nls.localize('presswork/notifications/deliveries', 'Deliveries')}>
        <thead><tr>
            <th>{nls.localize('presswork/notifications/deliveryTime', 'Time')}</th>
            <th>{nls.localize('presswork/notifications/deliveryEvent', 'Event')}</th>
            <th>{nls.localize('presswork/notifications/deliverySubject', 'Message')}</th>
            <th>{nls.localize('presswork/notifications/deliveryState', 'State')}</th>
            <th>{nls.localize('presswork/notifications/deliveryAttempts', 'Attempts')}</th>
            <th></th>
        </tr></thead>
        <tbody>{props.deliveries.map(delivery => <tr key={delivery.id} data-delivery={delivery.id} data-state={delivery.state}>
            <td>{formatTime(delivery.createdAt)}</td>
            <td>{EVENT_CATALOG[delivery.eventName]?.label ?? delivery.eventName}
                {delivery.eventSeqs.length + delivery.moreEvents > 1 && <div className='presswork-form-help'>
                    {nls.localize('presswork/notifications/digestOf', 'digest of {0} events', delivery.eventSeqs.length + delivery.moreEvents)}
                </div>}
            </td>
            <td data-field='deliverySubject'>{delivery.message.subject}</td>
            <td className={STATE_CLASSES[delivery.state]} data-field='deliveryState'>{DELIVERY_STATE_LABELS[delivery.state]}
                {delivery.state === 'pending' && delivery.nextAttemptAt && <div className='presswork-form-help'>
                    {nls.localize('presswork/notifications/nextAttempt', 'next attempt {0}', formatTime(delivery.nextAttemptAt))}
                </div>}
            </td>
            <td><Attempts attempts={delivery.attempts} />
                {delivery.notes?.map((note, index) => <div key={index} className='presswork-form-help' data-field='deliveryNote'>{note}</div>)}
            </td>
            <td className='presswork-row-actions'>
                {canRedeliver(delivery) && <button type='button' className='theia-button secondary' disabled={props.redelivering !== undefined}
                    onClick={() => props.onRedeliver(delivery)}>
                    {props.redelivering === delivery.id ? nls.localize('presswork/notifications/redelivering', 'Sending…') : nls.localize('presswork/notifications/redeliver', 'Redeliver')}
                </button>}
            </td>
        </tr>)}</tbody>
    </table>;
}

/** The count, and each attempt's time, outcome and detail on demand. */
function Attempts(props: { attempts: readonly DeliveryAttempt[] }): React.ReactElement {
    if (!props.attempts.length) {
        return <span>{nls.localize('presswork/notifications/noAttempts', 'not tried yet')}</span>;
    }
    return <details>
        <summary>{props.attempts.length}</summary>
        <ol className='presswork-notifications-attempts'>{props.attempts.map((attempt, index) => <li key={index} className={attempt.ok ? 'presswork-status-ok' : 'presswork-status-error'}>
            {nls.localize('presswork/notifications/attemptAt', '{0}: {1}', formatTime(attempt.at), attempt.detail)}
        </li>)}</ol>
    </details>;
}
