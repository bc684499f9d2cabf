import * as React from '@theia/core/shared/react';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { ConfirmDialog } from '@theia/core/lib/browser/dialogs';
import { nls } from '@theia/core/lib/common/nls';
import { PressworkViewWidget } from '@presswork/platform/lib/browser/presswork-view-widget';
import { NotificationCollectionNames } from '../common/notifications-collections';
import {
    type DeliveryQuery, type EmailSettingsInput, type EmailSettingsView, type NotificationRule, NotificationsService, type RecipientUser,
    type WebhookEndpointView, type WebhookEndpointWithSecret
} from '../common/notifications-protocol';
import { DeliveryLogDialog } from './delivery-log-dialog';
import { EmailSettingsForm } from './email-settings-form';
import { endpointDialog } from './endpoint-form';
import { EndpointSecretDialog } from './endpoint-secret-dialog';
import { EndpointsTable } from './endpoints-table';
import { draftOfRule, inputOfRule, newRuleDraft, type RuleDraft } from './rule-draft';
import { RuleEditorDialog } from './rule-editor-dialog';
import { RulesTable } from './rules-table';

type Tab = 'rules' | 'email' | 'webhooks';

const TAB_LABELS: Readonly<Record<Tab, string>> = {
    rules: nls.localize('presswork/notifications/rules', 'Rules'),
    email: nls.localize('presswork/notifications/email', 'E-mail'),
    webhooks: nls.localize('presswork/notifications/webhooks', 'Webhooks')
};

/** The e-mail settings' document id in the settings collection (which also holds the dispatcher's position). */
const EMAIL_SETTINGS_ID = 'email';

/**
 * The Notifications view (Administrators): rules that turn events into e-mails or webhook calls,
 * the SMTP settings with a test e-mail, webhook endpoints with their signing secrets, and the
 * delivery log of each rule and endpoint. Updates live.
 */
@injectable()
export class NotificationsWidget extends PressworkViewWidget {
    static readonly ID = 'presswork-notifications';
    static readonly LABEL = nls.localize('presswork/notifications/view', 'Notifications');

    @inject(NotificationsService) protected readonly service: NotificationsService;

    protected tab: Tab = 'rules';
    protected rules: NotificationRule[] = [];
    protected endpoints: WebhookEndpointView[] = [];
    protected users: RecipientUser[] = [];
    protected emailSettings: EmailSettingsView | undefined;
    protected loaded = false;

    @postConstruct()
    protected init(): void {
        // Only the e-mail settings' document matters here, not the dispatcher's position beside it.
        this.toDispose.push(this.changeFeed.watch(NotificationCollectionNames.settings, deltas => {
            if (deltas.some(delta => delta.id === EMAIL_SETTINGS_ID)) {
                this.reloadSoon();
            }
        }));
        this.setUpView({
            id: NotificationsWidget.ID, label: NotificationsWidget.LABEL, icon: 'bell',
            collections: [NotificationCollectionNames.rules, NotificationCollectionNames.endpoints]
        });
        // The tabs show at once; their content once the first load is in.
        this.update();
    }

    protected async load(): Promise<void> {
        const [rules, endpoints, users, emailSettings] = await Promise.all([
            this.service.listRules(), this.service.listEndpoints(), this.service.listRecipientUsers(), this.service.getEmailSettings()
        ]);
        this.rules = rules.sort((a, b) => a.name.localeCompare(b.name));
        this.endpoints = endpoints.sort((a, b) => a.name.localeCompare(b.name));
        this.users = users.sort((a, b) => a.name.localeCompare(b.name));
        this.emailSettings = emailSettings;
        this.loaded = true;
    }

    protected render(): React.ReactNode {
        const tabs: Tab[] = ['rules', 'email', 'webhooks'];
        return <div className='presswork-view presswork-notifications'>
            {this.renderError()}
            <div className='presswork-notifications-tabs' role='tablist' aria-label={NotificationsWidget.LABEL}>
                {tabs.map(tab => <button type='button' role='tab' key={tab} id={`presswork-notifications-tab-${tab}`} aria-selected={tab === this.tab}
                    aria-controls={`presswork-notifications-panel-${tab}`} className={`presswork-notifications-tab${tab === this.tab ? ' active' : ''}`}
                    onClick={() => this.selectTab(tab)}>{TAB_LABELS[tab]}</button>)}
            </div>
            {tabs.map(tab => <div key={tab} role='tabpanel' id={`presswork-notifications-panel-${tab}`} aria-labelledby={`presswork-notifications-tab-${tab}`}
                hidden={tab !== this.tab} className='presswork-notifications-panel'>
                {!this.loaded && !this.error && <p>{nls.localize('presswork/notifications/loading', 'Loading…')}</p>}
                {this.loaded && tab === 'rules' && this.renderRules()}
                {this.loaded && tab === 'email' && this.renderEmail()}
                {this.loaded && tab === 'webhooks' && this.renderWebhooks()}
            </div>)}
        </div>;
    }

    protected selectTab(tab: Tab): void {
        this.tab = tab;
        this.update();
    }

    protected renderRules(): React.ReactNode {
        return <>
            <div className='presswork-toolbar'>
                <button type='button' className='theia-button' onClick={this.createRule}>{nls.localize('presswork/notifications/newRule', 'New rule…')}</button>
            </div>
            <RulesTable rules={this.rules} users={this.users} endpoints={this.endpoints}
                onToggle={(rule, enabled) => this.setRuleEnabled(rule, enabled)}
                onEdit={rule => this.editRule(rule)}
                onLog={rule => this.openLog(rule.name, { ruleId: rule.id })}
                onDelete={rule => this.removeNamed(rule.name, () => this.service.deleteRule(rule.id, rule.version))} />
        </>;
    }

    protected renderEmail(): React.ReactNode {
        return <EmailSettingsForm settings={this.emailSettings} save={this.saveEmailSettings} sendTest={to => this.service.sendTestEmail(to)} />;
    }

    protected renderWebhooks(): React.ReactNode {
        return <>
            <div className='presswork-toolbar'>
                <button type='button' className='theia-button' onClick={this.createEndpoint}>{nls.localize('presswork/notifications/newEndpoint', 'New endpoint…')}</button>
            </div>
            <EndpointsTable endpoints={this.endpoints}
                onToggle={(endpoint, enabled) => this.setEndpointEnabled(endpoint, enabled)}
                onEdit={endpoint => this.editEndpoint(endpoint)}
                onRollSecret={endpoint => this.rollSecret(endpoint)}
                onLog={endpoint => this.openLog(endpoint.name, { endpointId: endpoint.id })}
                onDelete={endpoint => this.removeNamed(endpoint.name, () => this.service.deleteEndpoint(endpoint.id, endpoint.version))} />
        </>;
    }

    protected createRule = async (): Promise<void> => {
        await this.ruleDialog(nls.localize('presswork/notifications/newRuleTitle', 'New rule'), nls.localize('presswork/notifications/create', 'Create'),
            newRuleDraft(), input => this.service.createRule(input));
    };

    protected async editRule(rule: NotificationRule): Promise<void> {
        await this.ruleDialog(nls.localize('presswork/notifications/editRule', 'Edit rule {0}', rule.name), nls.localize('presswork/notifications/save', 'Save'),
            draftOfRule(rule), input => this.service.updateRule(rule.id, rule.version, input));
    }

    protected async ruleDialog(title: string, acceptLabel: string, initial: RuleDraft, submit: RuleEditorDialog['options']['submit']): Promise<void> {
        await new RuleEditorDialog({
            title, acceptLabel, initial, users: this.users, endpoints: this.endpoints, submit,
            preview: input => this.service.previewRule(input)
        }).open();
        await this.reload();
    }

    /** Shows the switch at once; if the server refuses, the reload puts it back. */
    protected async setRuleEnabled(rule: NotificationRule, enabled: boolean): Promise<void> {
        this.rules = this.rules.map(candidate => candidate.id === rule.id ? { ...candidate, enabled } : candidate);
        this.update();
        await this.act(() => this.service.updateRule(rule.id, rule.version, { ...inputOfRule(rule), enabled }));
    }

    protected async setEndpointEnabled(endpoint: WebhookEndpointView, enabled: boolean): Promise<void> {
        this.endpoints = this.endpoints.map(candidate => candidate.id === endpoint.id ? { ...candidate, enabled } : candidate);
        this.update();
        await this.act(() => this.service.updateEndpoint(endpoint.id, endpoint.version, { name: endpoint.name, url: endpoint.url, enabled, events: endpoint.events }));
    }

    protected saveEmailSettings = async (version: number | undefined, input: EmailSettingsInput): Promise<void> => {
        // Kept at once, so a second Save names the version just written.
        this.emailSettings = await this.service.saveEmailSettings(version, input);
        this.update();
    };

    protected createEndpoint = async (): Promise<void> => {
        let made: WebhookEndpointWithSecret | undefined;
        await endpointDialog(undefined, async input => made = await this.service.createEndpoint(input)).open();
        await this.showSecret(made);
    };

    protected async editEndpoint(endpoint: WebhookEndpointView): Promise<void> {
        await endpointDialog(endpoint, input => this.service.updateEndpoint(endpoint.id, endpoint.version, input)).open();
        await this.reload();
    }

    protected async rollSecret(endpoint: WebhookEndpointView): Promise<void> {
        const confirmed = await new ConfirmDialog({
            title: nls.localize('presswork/notifications/rollTitle', 'Roll the secret of {0}', endpoint.name),
            msg: nls.localize('presswork/notifications/rollMessage', 'Make a new signing secret for {0}? Requests are signed with the new one at once: give it to the receiver.', endpoint.name),
            ok: nls.localize('presswork/notifications/roll', 'Roll secret')
        }).open();
        if (!confirmed) {
            return;
        }
        let rolled: WebhookEndpointWithSecret | undefined;
        await this.act(async () => rolled = await this.service.rollEndpointSecret(endpoint.id, endpoint.version));
        await this.showSecret(rolled);
    }

    protected async showSecret(issued: WebhookEndpointWithSecret | undefined): Promise<void> {
        await this.reload();
        if (issued) {
            await new EndpointSecretDialog(issued).open();
        }
    }

    protected openLog(of: string, query: DeliveryQuery): void {
        new DeliveryLogDialog({
            of,
            load: () => this.service.listDeliveries(query),
            redeliver: id => this.service.redeliver(id),
            watch: changed => this.changeFeed.watch(NotificationCollectionNames.deliveries, changed)
        }).open();
    }

    protected async removeNamed(name: string, remove: () => Promise<void>): Promise<void> {
        const confirmed = await new ConfirmDialog({
            title: nls.localize('presswork/notifications/deleteTitle', 'Delete {0}', name),
            msg: nls.localize('presswork/notifications/deleteMessage', 'Delete {0}? Its delivery log stays.', name),
            ok: nls.localize('presswork/notifications/deleteOk', 'Delete')
        }).open();
        if (confirmed) {
            await this.act(remove);
        }
    }
}
