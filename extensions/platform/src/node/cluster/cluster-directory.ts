import type { ServerRow } from '../../common/servers-protocol';

/** The work a server holds, as the directory read it: partitions and connection ids. */
export interface ClusterServerLeases {
    readonly leader: boolean;
    /** Order partitions held, ascending. */
    readonly orderPartitions: readonly number[];
    readonly connectionIds: readonly string[];
}

/**
 * A server that shares the store, as registered (PostgreSQL) or as this process (embedded): the
 * Servers view's row before it is put in words (connection ids, partitions one by one).
 */
export interface ClusterServer extends Omit<ServerRow, 'self' | 'leases'> {
    readonly leases: ClusterServerLeases;
}

/**
 * Who serves the shop, for the Servers view: the embedded store's one server (this one, holding
 * everything), or every server registered in the PostgreSQL database, live ones first, with the
 * leases each holds now. Read-only: `WorkOwnership` writes what this reads.
 */
export const ClusterDirectory = Symbol('ClusterDirectory');
export interface ClusterDirectory {
    listServers(): Promise<ClusterServer[]>;
}
