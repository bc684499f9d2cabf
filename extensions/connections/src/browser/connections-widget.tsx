import * as React from '@theia/core/shared/react';
import { SafeConfirmDialog } from '@presswork/platform/lib/browser/safe-confirm-dialog';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { codicon } from '@theia/core/lib/browser/widgets/widget';
import { nls } from '@theia/core/lib/common/nls';
import { CollectionNames, messageOf } from '@presswork/platform/lib/common';
import { CurrentUserService } from '@presswork/platform/lib/browser/account/current-user-service';
import { PressworkViewWidget } from '@presswork/platform/lib/browser/presswork-view-widget';
import { downloadText, pickTextFile } from '@presswork/platform/lib/browser/download';
import type { ConnectionStatus } from '../common/connection-runtime';
import { CONNECTION_FEED_COLLECTIONS } from '../common/connection-feed';
import { ConnectionSwitch, ConnectionView, ConnectionsService } from '../common/connections-protocol';
import { connectionDialog } from './connection-form';
import { ConnectionLogDialog } from './connection-log-dialog';
import { RejectedOrdersDialog } from './rejected-orders-dialog';
import { formatDateTime } from '@presswork/platform/lib/common/presswork-format';

/**
 * Connections to MarcomCentral stores. Administrators manage them; operators only see each
 * connection's name and state and switch it on or off.
 */
@injectable()
export class ConnectionsWidget extends PressworkViewWidget {
    static readonly ID = 'presswork-connections';
    static readonly LABEL = nls.localize('presswork/connections/label', 'Connections');

    @inject(ConnectionsService) protected readonly service: ConnectionsService;
    @inject(CurrentUserService) protected readonly currentUser: CurrentUserService;

    protected connections: ConnectionView[] = [];
    protected switches: ConnectionSwitch[] = [];

    @postConstruct()
    protected init(): void {
        this.setUpView({ id: ConnectionsWidget.ID, label: ConnectionsWidget.LABEL, icon: 'plug', collections: [CollectionNames.connections, ...CONNECTION_FEED_COLLECTIONS] });
    }

    protected get manages(): boolean {
        return this.currentUser.can('connections.manage');
    }

    protected async load(): Promise<void> {
        await this.currentUser.load();
        if (this.manages) {
            this.connections = await this.service.listConnections();
        } else {
            this.switches = await this.service.listConnectionSwitches();
        }
    }

    protected render(): React.ReactNode {
        return <div className='presswork-view'>
            {this.manages && <div className='presswork-toolbar'>
                <button className='theia-button' onClick={this.create}>New connection…</button>
                <button className='theia-button secondary' onClick={this.importConnections}>Import…</button>
                <button className='theia-button secondary' onClick={this.exportConnections} disabled={!this.connections.length}>Export</button>
            </div>}
            {this.renderError()}
            {this.manages ? this.renderConnections() : this.renderSwitches()}
        </div>;
    }

    protected renderConnections(): React.ReactNode {
        if (!this.connections.length) {
            return <p>No connections yet. Create one to receive orders from a MarcomCentral store.</p>;
        }
        return <table className='presswork-table' aria-label='Connections'>
            <thead><tr>
                <th>Name</th><th>Endpoint</th><th>State</th><th>Enabled</th><th>Polling</th><th>Tokens</th><th>Rejected</th><th></th>
            </tr></thead>
            <tbody>{this.connections.map(connection => <tr key={connection.id} data-connection={connection.name}>
                <td title={connection.description}>{connection.name}{connection.demo ? ' (demo)' : ''}</td>
                <td><code>{connection.endpointUrl}</code></td>
                <td>{this.renderStatus(connection.status)}</td>
                <td>{this.renderToggle(connection)}</td>
                <td>every {connection.pollingIntervalSeconds} s
                    {connection.warning && <span className={`presswork-warning ${codicon('warning')}`} role='img' title={connection.warning} aria-label={connection.warning} />}</td>
                <td>order {connection.orderTokenSet ? 'set' : 'not set'}; closeout {connection.closeoutTokenSet ? 'set' : 'uses order token'}</td>
                <td>{connection.rejectedOrders ? <button className='theia-button secondary' onClick={() => this.showRejected(connection)}>{connection.rejectedOrders}</button> : '0'}</td>
                <td className='presswork-row-actions'>
                    <button className='theia-button secondary' onClick={() => this.test(connection)}>Test connection</button>
                    <button className='theia-button secondary' onClick={() => this.showLog(connection)}>Log…</button>
                    <button className='theia-button secondary' onClick={() => this.edit(connection)}>Edit…</button>
                    <button className='theia-button secondary' onClick={() => this.act(() => this.service.copyConnection(connection.id))}>Copy</button>
                    <button className='theia-button secondary' onClick={() => this.remove(connection)}>Delete…</button>
                </td>
            </tr>)}</tbody>
        </table>;
    }

    protected renderSwitches(): React.ReactNode {
        return <table className='presswork-table' aria-label='Connections'>
            <thead><tr><th>Name</th><th>State</th><th>Enabled</th></tr></thead>
            <tbody>{this.switches.map(connection => <tr key={connection.id} data-connection={connection.name}>
                <td>{connection.name}</td>
                <td>{this.renderStatus(connection.status)}</td>
                <td>{this.renderToggle(connection)}</td>
            </tr>)}</tbody>
        </table>;
    }

    protected renderStatus(status: ConnectionStatus): React.ReactNode {
        const text = {
            idle: 'Not polled yet',
            ok: 'OK',
            retrying: `Retrying since ${status.since ? formatDateTime(status.since) : '…'}`,
            error: 'Error',
            disabled: 'Disabled'
        }[status.state];
        return <span className={`presswork-status-${status.state}`} title={status.message}>
            {text}{status.message && status.state !== 'ok' ? `: ${status.message}` : ''}
        </span>;
    }

    protected renderToggle(connection: ConnectionSwitch): React.ReactNode {
        return <input type='checkbox' checked={connection.enabled} aria-label={`Enabled: ${connection.name}`}
            onChange={event => this.setEnabled(connection, event.target.checked)} />;
    }

    /** Shows the switch at once; if the server refuses, the reload puts it back. */
    protected async setEnabled(connection: ConnectionSwitch, enabled: boolean): Promise<void> {
        this.connections = this.connections.map(candidate => candidate.id === connection.id ? { ...candidate, enabled } : candidate);
        this.switches = this.switches.map(candidate => candidate.id === connection.id ? { ...candidate, enabled } : candidate);
        this.update();
        await this.act(() => this.service.setConnectionEnabled(connection.id, enabled));
    }

    protected create = async (): Promise<void> => {
        await connectionDialog(undefined, input => this.service.createConnection(input)).open();
    };

    protected async edit(connection: ConnectionView): Promise<void> {
        await connectionDialog(connection, input => this.service.updateConnection(connection.id, connection.version, input)).open();
    }

    protected async remove(connection: ConnectionView): Promise<void> {
        const confirmed = await new SafeConfirmDialog({
            title: 'Delete connection',
            msg: `Delete the connection ${connection.name}? Its orders and jobs stay; no more orders arrive through it.`,
            ok: 'Delete'
        }).open();
        if (confirmed) {
            await this.act(() => this.service.deleteConnection(connection.id, connection.version));
        }
    }

    protected async test(connection: ConnectionView): Promise<void> {
        const progress = await this.messages.showProgress({ text: `Testing ${connection.name}…` });
        try {
            const result = await this.service.testConnection(connection.id);
            if (result.ok) {
                this.messages.info(`${connection.name}: OK. ${result.detail}`);
            } else {
                this.messages.error(`${connection.name}: ${result.reason}. ${result.detail}`);
            }
        } catch (error) {
            this.messages.error(`${connection.name}: ${messageOf(error)}`);
        } finally {
            progress.cancel();
        }
    }

    protected async showLog(connection: ConnectionView): Promise<void> {
        await this.act(async () => new ConnectionLogDialog(connection.name, await this.service.connectionLog(connection.id)).open());
    }

    protected async showRejected(connection: ConnectionView): Promise<void> {
        await this.act(async () => new RejectedOrdersDialog(connection.name, await this.service.listRejectedOrders(connection.id),
            id => this.service.retryRejectedOrder(id)).open());
    }

    protected exportConnections = async (): Promise<void> => {
        await this.act(async () => downloadText('presswork-connections.json', await this.service.exportConnections([])));
    };

    protected importConnections = async (): Promise<void> => {
        const json = await pickTextFile('application/json,.json');
        if (json !== undefined) {
            await this.act(async () => {
                const imported = await this.service.importConnections(json);
                this.messages.info(`Imported ${imported.length} connection(s), disabled and without tokens: set their tokens, then enable them.`);
            });
        }
    };

}
