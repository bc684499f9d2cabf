import { Disposable } from '@theia/core/lib/common/disposable';
import { KeyedLock } from '../../store/keyed-lock';
import { ORDER_PARTITIONS, partitionOfOrder } from '../order-partitions';
import type { OwnershipListener, ServerRole, WorkOwnership, WorkScope } from '../work-ownership';

/**
 * A WorkOwnership for tests whose partitions the test gains and loses by hand, as leases would
 * come and go between servers: `gain` reports `gained` to every listener; `lose` awaits every
 * listener's `losing` before the partition is let go, as the PostgreSQL ownership does.
 */
export class ScriptedWorkOwnership implements WorkOwnership {
    protected readonly partitions = new Set<number>();
    protected readonly listeners = new Set<OwnershipListener>();
    protected readonly turns = new KeyedLock();
    isLeader = false;

    constructor(readonly serverId = 'test-server', partitions: Iterable<number> = []) {
        for (const partition of partitions) {
            this.partitions.add(partition);
        }
    }

    /** Owning every order partition from the start, as the embedded server does. */
    static owningAll(serverId?: string): ScriptedWorkOwnership {
        return new ScriptedWorkOwnership(serverId, Array.from({ length: ORDER_PARTITIONS }, (_, partition) => partition));
    }

    ownsOrder(orderId: string): boolean {
        return this.partitions.has(partitionOfOrder(orderId));
    }

    ownsConnection(): boolean {
        return true;
    }

    listen(listener: OwnershipListener): Disposable {
        this.listeners.add(listener);
        [...this.partitions].sort((a, b) => a - b).forEach(partition => listener.gained?.({ kind: 'orders', partition }));
        return Disposable.create(() => this.listeners.delete(listener));
    }

    /** Takes partitions over (as after another server's lease expired) and tells the listeners. */
    gain(...partitions: number[]): void {
        for (const partition of partitions.filter(candidate => !this.partitions.has(candidate))) {
            this.partitions.add(partition);
            this.tell(listener => listener.gained?.({ kind: 'orders', partition }));
        }
    }

    /** Gives partitions up: resolves once every listener has handed their work over; the partitions are let go after. */
    async lose(...partitions: number[]): Promise<void> {
        await Promise.all(partitions.filter(partition => this.partitions.has(partition)).map(async partition => {
            const scope: WorkScope = { kind: 'orders', partition };
            await Promise.all([...this.listeners].map(listener => listener.losing?.(scope)));
            this.partitions.delete(partition);
        }));
    }

    /** Lets partitions go without asking the listeners: a server that died (its process no longer answers). */
    drop(...partitions: number[]): void {
        partitions.forEach(partition => this.partitions.delete(partition));
    }

    exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
        return this.turns.run(name, work);
    }

    role(): ServerRole {
        return { serverId: this.serverId, store: 'embedded', leader: this.isLeader, orderPartitions: [...this.partitions].sort((a, b) => a - b), connections: [] };
    }

    protected tell(call: (listener: OwnershipListener) => void): void {
        [...this.listeners].forEach(call);
    }
}

/** An order id of the given partition: `${prefix}-<n>` for the first n that falls in it. */
export function orderIdIn(partition: number, prefix: string): string {
    for (let n = 1; ; n++) {
        const id = `${prefix}-${n}`;
        if (partitionOfOrder(id) === partition) {
            return id;
        }
    }
}
