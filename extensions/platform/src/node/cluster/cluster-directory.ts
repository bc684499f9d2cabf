/** The work a server holds, as the directory read it: partitions and connection ids. */
export interface ClusterServerLeases {
    readonly leader: boolean;
    /** Order partitions held, ascending. */
    readonly orderPartitions: readonly number[];
    readonly connectionIds: readonly string[];
}

/** A server that shares the store, as registered (PostgreSQL) or as this process (embedded). */
export interface ClusterServer {
    readonly id: string;
    readonly host: string;
    readonly pid: number;
    readonly version: string;
    /** ISO timestamps, in the database's time with PostgreSQL. */
    readonly startedAt: string;
    readonly lastHeartbeatAt: string;
    /** Not stopped, and its heartbeat is younger than a lease. */
    readonly live: boolean;
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
