import { z } from 'zod';
import type { RpcContract } from './rpc-contract';
import type { StoreKind } from './store-protocol';

export const SERVERS_SERVICE_PATH = '/services/platform/servers';

/** Order partitions held, as consecutive runs: `{ first: 0, last: 15 }` is partitions 0 to 15. */
export interface PartitionRange {
    readonly first: number;
    readonly last: number;
}

/** The work a server holds a lease on. */
export interface ServerLeases {
    /** Runs the shop-wide work (batches, notifications, printer monitors). */
    readonly leader: boolean;
    readonly orderPartitions: readonly PartitionRange[];
    /** Names of the connections this server polls, sorted. */
    readonly connections: readonly string[];
}

export interface ServerRow {
    readonly id: string;
    readonly host: string;
    readonly pid: number;
    /** The Presswork version it runs. */
    readonly version: string;
    /** ISO timestamps. */
    readonly startedAt: string;
    readonly lastHeartbeatAt: string;
    /** Its heartbeat is recent and it has not stopped. */
    readonly live: boolean;
    /** The server that answered this request. */
    readonly self: boolean;
    readonly leases: ServerLeases;
}

export interface ServersOverview {
    readonly store: StoreKind;
    /** The id of the server that answered. */
    readonly serverId: string;
    /** How many parts the orders are split into (every server splits the same way). */
    readonly orderPartitions: number;
    /** Live servers first, then the ones that stopped or stopped answering lately; each by start. */
    readonly servers: readonly ServerRow[];
}

/** Administrators' view of the servers sharing the store and the work each holds. */
export const ServersService = Symbol('ServersService');
export interface ServersService {
    list(): Promise<ServersOverview>;
}

export const ServersServiceContract: RpcContract<ServersService> = {
    list: { access: 'system.inspect', args: z.tuple([]) }
};

/** Partition numbers (any order, repeats allowed) as ascending runs of consecutive numbers. */
export function partitionRanges(partitions: Iterable<number>): PartitionRange[] {
    const sorted = [...new Set(partitions)].sort((a, b) => a - b);
    const ranges: PartitionRange[] = [];
    for (const partition of sorted) {
        const last = ranges[ranges.length - 1];
        if (last && last.last === partition - 1) {
            ranges[ranges.length - 1] = { first: last.first, last: partition };
        } else {
            ranges.push({ first: partition, last: partition });
        }
    }
    return ranges;
}
