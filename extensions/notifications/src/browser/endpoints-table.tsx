import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { EVENT_CATALOG } from '../common/event-catalog';
import type { WebhookEndpointView } from '../common/notifications-protocol';

export interface EndpointsTableProps {
    readonly endpoints: readonly WebhookEndpointView[];
    readonly onToggle: (endpoint: WebhookEndpointView, enabled: boolean) => void;
    readonly onEdit: (endpoint: WebhookEndpointView) => void;
    readonly onRollSecret: (endpoint: WebhookEndpointView) => void;
    readonly onLog: (endpoint: WebhookEndpointView) => void;
    readonly onDelete: (endpoint: WebhookEndpointView) => void;
}

export function EndpointsTable(props: EndpointsTableProps): React.ReactElement {
    if (!props.endpoints.length) {
        return <p>{nls.localize('presswork/notifications/noEndpoints', 'No webhook endpoints yet. Add one for a shop system to receive events as they happen.')}</p>;
    }
    return <table className='presswork-table' aria-label={nls.localize('presswork/notifications/endpoints', 'Webhook endpoints')}>
        <thead><tr>
            <th>{nls.localize('presswork/notifications/endpointName', 'Name')}</th>
            <th>{nls.localize('presswork/notifications/endpointUrl', 'URL')}</th>
            <th>{nls.localize('presswork/notifications/endpointEvents', 'Events')}</th>
            <th>{nls.localize('presswork/notifications/endpointEnabled', 'Enabled')}</th>
            <th></th>
        </tr></thead>
        <tbody>{props.endpoints.map(endpoint => <tr key={endpoint.id} data-endpoint={endpoint.name}>
            <td>{endpoint.name}</td>
            <td><code>{endpoint.url}</code></td>
            <td>{endpoint.events.length
                ? endpoint.events.map(name => EVENT_CATALOG[name].label).join(', ')
                : nls.localize('presswork/notifications/rulesOnly', 'none of its own: only what rules send it')}</td>
            <td><input type='checkbox' checked={endpoint.enabled} aria-label={nls.localize('presswork/notifications/endpointEnabledOf', 'Enabled: {0}', endpoint.name)}
                onChange={event => props.onToggle(endpoint, event.target.checked)} /></td>
            <td className='presswork-row-actions'>
                <button type='button' className='theia-button secondary' onClick={() => props.onEdit(endpoint)}>{nls.localize('presswork/notifications/edit', 'Edit…')}</button>
                <button type='button' className='theia-button secondary' onClick={() => props.onRollSecret(endpoint)}>{nls.localize('presswork/notifications/rollSecret', 'Roll secret…')}</button>
                <button type='button' className='theia-button secondary' onClick={() => props.onLog(endpoint)}>{nls.localize('presswork/notifications/deliveryLog', 'Delivery log…')}</button>
                <button type='button' className='theia-button secondary' onClick={() => props.onDelete(endpoint)}>{nls.localize('presswork/notifications/delete', 'Delete…')}</button>
            </td>
        </tr>)}</tbody>
    </table>;
}
