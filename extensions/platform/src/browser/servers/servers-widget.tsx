import * as React from '@theia/core/shared/react';
import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { CollectionNames } from '../../common/collection-names';
import { formatDateTime } from '../../common/presswork-format';
import { PartitionRange, ServerRow, ServersOverview, ServersService } from '../../common/servers-protocol';
import { PressworkViewWidget } from '../presswork-view-widget';

/** Heartbeats come every few seconds; the view follows them while it is shown. */
const REFRESH_MS = 5000;

/**
 * Administrators' list of the servers that share the store: which are running, what each runs,
 * when it last answered, and which work it holds (the shop-wide work, which orders, which
 * connections). With the embedded store, that is this server alone, holding everything.
 */
@injectable()
export class ServersWidget extends PressworkViewWidget {
    static readonly ID = 'presswork-servers';
    static readonly LABEL = nls.localize('presswork/servers/label', 'Servers');

    @inject(ServersService) protected readonly service: ServersService;

    protected overview: ServersOverview | undefined;

    @postConstruct()
    protected init(): void {
        const timer = setInterval(() => {
            if (this.isVisible) {
                this.reload();
            }
        }, REFRESH_MS);
        this.toDispose.push({ dispose: () => clearInterval(timer) });
        // Connection names are shown: a renamed or new connection shows at once.
        this.setUpView({ id: ServersWidget.ID, label: ServersWidget.LABEL, icon: 'server', collections: [CollectionNames.connections] });
    }

    protected async load(): Promise<void> {
        this.overview = await this.service.list();
    }

    protected readonly refresh = (): void => {
        this.reload();
    };

    protected render(): React.ReactNode {
        const overview = this.overview;
        return <div className='presswork-view'>
            <div className='presswork-toolbar'>
                <button className='theia-button' onClick={this.refresh}>{nls.localize('presswork/servers/refresh', 'Refresh')}</button>
            </div>
            {this.renderError()}
            {overview && <>
                <p className='presswork-servers-summary'>{this.summaryOf(overview)}</p>
                <table className='presswork-table' aria-label={ServersWidget.LABEL}>
                    <thead><tr>
                        <th>{nls.localize('presswork/servers/server', 'Server')}</th>
                        <th>{nls.localize('presswork/servers/state', 'State')}</th>
                        <th>{nls.localize('presswork/servers/version', 'Version')}</th>
                        <th>{nls.localize('presswork/servers/started', 'Started')}</th>
                        <th>{nls.localize('presswork/servers/heartbeat', 'Last heartbeat')}</th>
                        <th>{nls.localize('presswork/servers/work', 'Work it holds')}</th>
                    </tr></thead>
                    <tbody>{overview.servers.map(server => <tr key={server.id} data-server={server.id} className={server.self ? 'presswork-servers-self' : undefined}>
                        <td>{this.nameOf(server)}</td>
                        <td>{server.live
                            ? nls.localize('presswork/servers/running', 'Running')
                            : nls.localize('presswork/servers/notAnswering', 'Stopped or not answering')}</td>
                        <td>{server.version}</td>
                        <td>{formatDateTime(server.startedAt, { seconds: true })}</td>
                        <td>{formatDateTime(server.lastHeartbeatAt, { seconds: true })}</td>
                        <td><ul className='presswork-servers-work'>{this.workOf(server, overview.orderPartitions).map(line => <li key={line}>{line}</li>)}</ul></td>
                    </tr>)}</tbody>
                </table>
            </>}
        </div>;
    }

    protected summaryOf(overview: ServersOverview): string {
        if (overview.store === 'embedded') {
            return nls.localize('presswork/servers/embedded', 'The data is kept in the embedded store in the data folder: this server is the only one, and it does all the work.');
        }
        const live = overview.servers.filter(server => server.live).length;
        return live === 1
            ? nls.localize('presswork/servers/postgresOne', 'The data is kept in PostgreSQL. 1 server is running; it does all the work.')
            : nls.localize('presswork/servers/postgresMany', 'The data is kept in PostgreSQL. {0} servers are running and share the work.', live);
    }

    protected nameOf(server: ServerRow): string {
        const name = nls.localize('presswork/servers/hostProcess', '{0}, process {1}', server.host, server.pid);
        return server.self ? nls.localize('presswork/servers/self', '{0} (this server)', name) : name;
    }

    /** What a server holds, one line per kind of work. */
    protected workOf(server: ServerRow, partitions: number): string[] {
        const { leader, orderPartitions, connections } = server.leases;
        const lines: string[] = [];
        if (leader) {
            lines.push(nls.localize('presswork/servers/leader', 'Shop-wide work: batches, notifications, printer monitoring'));
        }
        const held = orderPartitions.reduce((count, range) => count + range.last - range.first + 1, 0);
        if (held === partitions) {
            lines.push(nls.localize('presswork/servers/allOrders', 'All orders'));
        } else if (held > 0) {
            lines.push(nls.localize('presswork/servers/someOrders', 'Orders in parts {0} ({1} of {2} parts)', orderPartitions.map(describeRange).join(', '), held, partitions));
        }
        if (connections.length > 0) {
            lines.push(nls.localize('presswork/servers/connections', 'Polls {0}', connections.join(', ')));
        }
        if (lines.length === 0) {
            lines.push(nls.localize('presswork/servers/nothing', 'Nothing at the moment'));
        }
        return lines;
    }
}

function describeRange(range: PartitionRange): string {
    return range.first === range.last ? String(range.first + 1) : `${range.first + 1}–${range.last + 1}`;
}
