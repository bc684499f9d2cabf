import { inject, injectable } from '@theia/core/shared/inversify';
import { partitionRanges, type ServerRow, type ServersOverview, type ServersService } from '../../common/servers-protocol';
import { DocumentStore } from '../store/document-store';
import { ConnectionsCollection } from '../store/platform-collections';
import { ClusterDirectory, type ClusterServer } from './cluster-directory';
import { ORDER_PARTITIONS } from './order-partitions';
import { WorkOwnership } from './work-ownership';

/** The Servers view's data: the directory's servers, their leases in words (connection names, partition runs). */
@injectable()
export class ServersServiceImpl implements ServersService {
    @inject(ClusterDirectory) protected readonly directory: ClusterDirectory;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(DocumentStore) protected readonly store: DocumentStore;

    async list(): Promise<ServersOverview> {
        const servers = await this.directory.listServers();
        const serverId = this.ownership.serverId;
        return { store: this.store.kind, serverId, orderPartitions: ORDER_PARTITIONS, servers: servers.map(server => this.rowOf(server, serverId)) };
    }

    protected rowOf(server: ClusterServer, serverId: string): ServerRow {
        const { leases, ...rest } = server;
        return {
            ...rest,
            self: server.id === serverId,
            leases: {
                leader: leases.leader,
                orderPartitions: partitionRanges(leases.orderPartitions),
                // A lease of a connection deleted meanwhile is left to expire: it names nothing to show.
                connections: leases.connectionIds.flatMap(id => this.store.get(ConnectionsCollection, id)?.name ?? [])
                    .sort((a, b) => a.localeCompare(b))
            }
        };
    }
}
