import { Disposable } from '@theia/core/lib/common/disposable';
import { KeyedLock } from '../store/keyed-lock';
import { ORDER_PARTITIONS, partitionOfOrder } from '../cluster/order-partitions';
import type { OwnershipListener, ServerRole, WorkOwnership, WorkScope } from '../cluster/work-ownership';

/**
 * A WorkOwnership a test moves by hand: `gain` reports a scope to the listeners; `lose` stops
 * owning it and awaits their `losing` (the lease is released after). It starts owning nothing.
 */
export class FakeWorkOwnership implements WorkOwnership {
    readonly serverId: string;
    protected leader = false;
    protected readonly partitions = new Set<number>();
    protected readonly connections = new Set<string>();
    protected readonly listeners = new Set<OwnershipListener>();
    protected readonly turns = new KeyedLock();

    constructor(serverId = 'test-server') {
        this.serverId = serverId;
    }

    get isLeader(): boolean {
        return this.leader;
    }

    ownsOrder(orderId: string): boolean {
        return this.partitions.has(partitionOfOrder(orderId));
    }

    ownsConnection(connectionId: string): boolean {
        return this.connections.has(connectionId);
    }

    listen(listener: OwnershipListener): Disposable {
        this.listeners.add(listener);
        this.held().forEach(scope => listener.gained?.(scope));
        return Disposable.create(() => this.listeners.delete(listener));
    }

    exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
        return this.turns.run(name, work);
    }

    role(): ServerRole {
        return {
            serverId: this.serverId, store: 'embedded', leader: this.leader,
            orderPartitions: [...this.partitions].sort((a, b) => a - b), connections: [...this.connections].sort()
        };
    }

    /** Owns `scope` from now on and tells the listeners. */
    gain(scope: WorkScope): void {
        this.hold(scope, true);
        this.listeners.forEach(listener => listener.gained?.(scope));
    }

    /** No longer owns `scope` and tells the listeners, then waits for them (as PostgresWorkOwnership gives a lease up). */
    async lose(scope: WorkScope): Promise<void> {
        this.hold(scope, false);
        await Promise.all([...this.listeners].map(listener => listener.losing?.(scope)));
    }

    /** Owns every order partition (and reports each). */
    gainAllOrders(): void {
        for (let partition = 0; partition < ORDER_PARTITIONS; partition++) {
            this.gain({ kind: 'orders', partition });
        }
    }

    protected held(): WorkScope[] {
        return [
            ...this.leader ? [{ kind: 'leader' } as const] : [],
            ...[...this.partitions].map(partition => ({ kind: 'orders', partition }) as const),
            ...[...this.connections].map(connectionId => ({ kind: 'connection', connectionId }) as const)
        ];
    }

    protected hold(scope: WorkScope, held: boolean): void {
        if (scope.kind === 'leader') {
            this.leader = held;
        } else if (scope.kind === 'orders') {
            if (held) { this.partitions.add(scope.partition); } else { this.partitions.delete(scope.partition); }
        } else if (held) {
            this.connections.add(scope.connectionId);
        } else {
            this.connections.delete(scope.connectionId);
        }
    }
}
