import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { EVENT_CATALOG } from '../common/event-catalog';
import type { NotificationRule, RecipientUser, WebhookEndpointView } from '../common/notifications-protocol';

/** Who a rule's message goes to, in a few words. */
export function recipientsSummary(rule: NotificationRule, users: readonly RecipientUser[], endpoints: readonly WebhookEndpointView[]): string {
    if (rule.channel.kind === 'webhook') {
        const endpointId = rule.channel.endpointId;
        return endpoints.find(endpoint => endpoint.id === endpointId)?.name ?? nls.localize('presswork/notifications/endpointGone', 'an endpoint that no longer exists');
    }
    const { recipients } = rule.channel;
    const names = new Map(users.map(user => [user.id, user.name]));
    const parts = [
        ...recipients.userIds.map(id => names.get(id) ?? id),
        ...recipients.addresses,
        ...(recipients.customer ? [nls.localize('presswork/notifications/theCustomer', 'the order\'s customer')] : [])
    ];
    const shown = parts.slice(0, 4).join(', ');
    return parts.length > 4 ? nls.localize('presswork/notifications/andMore', '{0} and {1} more', shown, parts.length - 4) : shown;
}

export interface RulesTableProps {
    readonly rules: readonly NotificationRule[];
    readonly users: readonly RecipientUser[];
    readonly endpoints: readonly WebhookEndpointView[];
    readonly onToggle: (rule: NotificationRule, enabled: boolean) => void;
    readonly onEdit: (rule: NotificationRule) => void;
    readonly onLog: (rule: NotificationRule) => void;
    readonly onDelete: (rule: NotificationRule) => void;
}

export function RulesTable(props: RulesTableProps): React.ReactElement {
    if (!props.rules.length) {
        return <p>{nls.localize('presswork/notifications/noRules', 'No rules yet. Add one to be told when a job fails, a printer needs attention or an order is ready.')}</p>;
    }
    return <table className='presswork-table' aria-label={nls.localize('presswork/notifications/rules', 'Rules')}>
        <thead><tr>
            <th>{nls.localize('presswork/notifications/ruleName', 'Name')}</th>
            <th>{nls.localize('presswork/notifications/ruleEvent', 'Event')}</th>
            <th>{nls.localize('presswork/notifications/ruleChannel', 'Send by')}</th>
            <th>{nls.localize('presswork/notifications/recipients', 'Recipients')}</th>
            <th>{nls.localize('presswork/notifications/ruleEnabled', 'On')}</th>
            <th></th>
        </tr></thead>
        <tbody>{props.rules.map(rule => <tr key={rule.id} data-rule={rule.name}>
            <td>{rule.name}{rule.conditions.length > 0 && <div className='presswork-form-help'>
                {nls.localize('presswork/notifications/conditionCount', '{0} conditions', rule.conditions.length)}
            </div>}</td>
            <td>{EVENT_CATALOG[rule.event].label}</td>
            <td>{rule.channel.kind === 'email' ? nls.localize('presswork/notifications/channelEmail', 'E-mail') : nls.localize('presswork/notifications/channelWebhook', 'Webhook')}</td>
            <td data-field='recipients'>{recipientsSummary(rule, props.users, props.endpoints)}</td>
            <td><input type='checkbox' checked={rule.enabled} aria-label={nls.localize('presswork/notifications/ruleOnOf', 'On: {0}', rule.name)}
                onChange={event => props.onToggle(rule, event.target.checked)} /></td>
            <td className='presswork-row-actions'>
                <button type='button' className='theia-button secondary' onClick={() => props.onEdit(rule)}>{nls.localize('presswork/notifications/edit', 'Edit…')}</button>
                <button type='button' className='theia-button secondary' onClick={() => props.onLog(rule)}>{nls.localize('presswork/notifications/deliveryLog', 'Delivery log…')}</button>
                <button type='button' className='theia-button secondary' onClick={() => props.onDelete(rule)}>{nls.localize('presswork/notifications/delete', 'Delete…')}</button>
            </td>
        </tr>)}</tbody>
    </table>;
}
