import type { Connection, FetchedOrders, OrderWindow, ReceivedOrder } from '@presswork/platform/lib/common';

/**
 * What a poll adds to FetchedOrders when the caller named the digests it knows: the orders
 * recognised unchanged (by id, neither mapped nor returned) and each returned order's digest.
 */
export interface DigestedOrders extends FetchedOrders {
    readonly unchanged?: readonly string[];
    readonly digests?: ReadonlyMap<string, string>;
}

/**
 * Takes a window's orders as they are read, before the whole answer is (so that the first are
 * written while the rest are read), each with its digest when the fetch named the digests it knows.
 * What it took is not in the fetch's result again.
 */
export type ReceivedOrdersSink = (orders: readonly ReceivedOrder[], digests: ReadonlyMap<string, string>) => void;

/**
 * A connection type that recognises orders taken in before by the digest of their content as
 * received (sha256 of a canonical form), so the overlap every poll reads again costs next to nothing.
 */
export interface DigestAwareConnectionType {
    fetchOrdersKnowing(
        connection: Connection, window: OrderWindow, known: ReadonlySet<string>, signal?: AbortSignal, alreadyHeld?: (marcomOrderId: string) => boolean,
        take?: ReceivedOrdersSink
    ): Promise<DigestedOrders>;
}

export function isDigestAware(type: object): type is DigestAwareConnectionType {
    return typeof (type as Partial<DigestAwareConnectionType>).fetchOrdersKnowing === 'function';
}

interface Remembered {
    readonly digest: string;
    /** The order's createDate (ms): once every window starts well after it, it is forgotten. */
    readonly createdMs: number;
}

/**
 * Per connection, the digest of each recent order taken in (created, or found already stored): the
 * orders a later poll's overlap may read again. Kept in memory, bounded by the windows' start;
 * after a restart it is seeded once from the digests stored with the orders.
 */
export class ReceivedDigests {
    protected readonly byConnection = new Map<string, Map<string, Remembered>>();

    isSeeded(connectionId: string): boolean {
        return this.byConnection.has(connectionId);
    }

    remember(connectionId: string, marcomOrderId: string, digest: string, createDate: string): void {
        let orders = this.byConnection.get(connectionId);
        if (!orders) {
            orders = new Map();
            this.byConnection.set(connectionId, orders);
        }
        orders.set(marcomOrderId, { digest, createdMs: Date.parse(createDate) });
    }

    /**
     * The digests of the connection's orders created since `sinceMs` that `stillStored` confirms;
     * older ones are forgotten (no later window reaches back to them).
     */
    known(connectionId: string, sinceMs: number, stillStored: (marcomOrderId: string) => boolean): Set<string> {
        const orders = this.byConnection.get(connectionId) ?? new Map<string, Remembered>();
        this.byConnection.set(connectionId, orders);
        const digests = new Set<string>();
        for (const [marcomOrderId, remembered] of orders) {
            if (!(remembered.createdMs >= sinceMs)) {
                orders.delete(marcomOrderId);
            } else if (stillStored(marcomOrderId)) {
                digests.add(remembered.digest);
            }
        }
        return digests;
    }

    forget(connectionId: string): void {
        this.byConnection.delete(connectionId);
    }
}
