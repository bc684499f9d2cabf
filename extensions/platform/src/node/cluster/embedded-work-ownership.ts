import { hostname } from 'node:os';
import { Disposable } from '@theia/core/lib/common/disposable';
import { KeyedLock } from '../store/keyed-lock';
import { ORDER_PARTITIONS } from './order-partitions';
import type { OwnershipListener, ServerRole, WorkOwnership, WorkScope } from './work-ownership';

const ALL_PARTITIONS: readonly number[] = Array.from({ length: ORDER_PARTITIONS }, (_, partition) => partition);

/** The embedded store's one server: it owns all work, for as long as it runs. */
export class EmbeddedWorkOwnership implements WorkOwnership {
    readonly serverId = `${hostname()}-${process.pid}`;
    readonly isLeader = true;
    protected readonly turns = new KeyedLock();

    ownsOrder(): boolean {
        return true;
    }

    ownsConnection(): boolean {
        return true;
    }

    listen(listener: OwnershipListener): Disposable {
        const scopes: WorkScope[] = [{ kind: 'leader' }, ...ALL_PARTITIONS.map(partition => ({ kind: 'orders', partition }) as const)];
        scopes.forEach(scope => listener.gained?.(scope));
        return Disposable.NULL;
    }

    exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
        return this.turns.run(name, work);
    }

    role(): ServerRole {
        return { serverId: this.serverId, store: 'embedded', leader: true, orderPartitions: ALL_PARTITIONS, connections: [] };
    }
}
