import type { Disposable } from '@theia/core/lib/common/disposable';
import type { StoreKind } from '../../common/store-protocol';

/**
 * A share of the shop's background work that one server does at a time:
 * - `orders`: the jobs of the orders in one partition (`partitionOfOrder`): engine steps and wake
 *   timers, print-file fetches, following Printing jobs, resuming an interrupted closeout;
 * - `connection`: polling one MarcomCentral connection;
 * - `leader`: the shop-wide work (batch releases and batch printing, notification sending,
 *   printer monitoring, pruning).
 */
export type WorkScope =
    | { readonly kind: 'orders'; readonly partition: number }
    | { readonly kind: 'connection'; readonly connectionId: string }
    | { readonly kind: 'leader' };

export interface OwnershipListener {
    /** This server now owns `scope`: pick its work up as at a start (an interrupted step runs again). */
    gained?(scope: WorkScope): void;
    /**
     * This server gives `scope` up (to balance servers, or because it can no longer renew its
     * lease): start nothing new in it, and resolve once the work under way there has finished or
     * been abandoned (left for the next owner, as a stop leaves it). The lease is released after.
     */
    losing?(scope: WorkScope): Promise<void>;
}

/** What a server holds, in /health and the Servers view. */
export interface ServerRole {
    readonly serverId: string;
    readonly store: StoreKind;
    readonly leader: boolean;
    /** Order partitions held, ascending. */
    readonly orderPartitions: readonly number[];
    /** Connection ids polled here. */
    readonly connections: readonly string[];
}

/**
 * Which server does which work. The embedded store has one server, which owns everything; with
 * PostgreSQL, leases in the database decide, and a dead server's work moves to the others within
 * its lease time. Work that must happen once (run a step, poll a connection, send a notification)
 * asks here first; reads, writes for a user's request and browser feeds need not.
 */
export const WorkOwnership = Symbol('WorkOwnership');
export interface WorkOwnership {
    readonly serverId: string;
    /** Whether this server runs the background work of this order's jobs. */
    ownsOrder(orderId: string): boolean;
    /** Whether this server polls this connection. */
    ownsConnection(connectionId: string): boolean;
    /** Whether this server runs the shop-wide work. */
    readonly isLeader: boolean;
    /**
     * Registers a listener. Scopes held already are reported to `gained` at once, so one code
     * path serves a start, a takeover and the embedded store (which reports the leader and every
     * order partition, and owns every connection without reporting them).
     */
    listen(listener: OwnershipListener): Disposable;
    /**
     * Runs `work` while no other server runs work of the same `name` (a closeout of one order,
     * first-start provisioning); the store has caught up with every server's writes before `work`
     * starts. Within one server, callers of the same name also take turns.
     */
    exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
    role(): ServerRole;
}
