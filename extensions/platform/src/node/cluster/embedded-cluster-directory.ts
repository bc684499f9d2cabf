import { hostname } from 'node:os';
import { inject, injectable } from '@theia/core/shared/inversify';
import { ApplicationPackage } from '@theia/core/shared/@theia/application-package';
import { DocumentStore } from '../store/document-store';
import { ConnectionsCollection } from '../store/platform-collections';
import type { ClusterDirectory, ClusterServer } from './cluster-directory';
import { WorkOwnership } from './work-ownership';

/** The embedded store has one server, this one, and it holds all the work: every connection too. */
@injectable()
export class EmbeddedClusterDirectory implements ClusterDirectory {
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(ApplicationPackage) protected readonly applicationPackage: ApplicationPackage;

    protected readonly startedAt = new Date(Date.now() - process.uptime() * 1000).toISOString();

    async listServers(): Promise<ClusterServer[]> {
        const role = this.ownership.role();
        return [{
            id: role.serverId,
            host: hostname(),
            pid: process.pid,
            version: this.applicationPackage.pck.version ?? '',
            startedAt: this.startedAt,
            // It answers this very request: its heartbeat is now.
            lastHeartbeatAt: new Date().toISOString(),
            live: true,
            leases: {
                leader: role.leader,
                orderPartitions: role.orderPartitions,
                connectionIds: [...this.store.all(ConnectionsCollection)].map(connection => connection.id)
            }
        }];
    }
}
