import { ORDER_PARTITIONS } from './order-partitions';
import type { WorkScope } from './work-ownership';

/** The name of a scope's row in `leases`: `leader`, `orders:<partition>`, `connection:<id>`. */
export function leaseNameOf(scope: WorkScope): string {
    switch (scope.kind) {
        case 'leader': return 'leader';
        case 'orders': return `orders:${scope.partition}`;
        case 'connection': return `connection:${scope.connectionId}`;
    }
}

export function scopeOfLease(name: string): WorkScope | undefined {
    if (name === 'leader') {
        return { kind: 'leader' };
    }
    if (name.startsWith('connection:')) {
        return { kind: 'connection', connectionId: name.slice('connection:'.length) };
    }
    const partition = /^orders:(\d+)$/.exec(name);
    return partition && Number(partition[1]) < ORDER_PARTITIONS ? { kind: 'orders', partition: Number(partition[1]) } : undefined;
}

export const ORDER_LEASES: readonly string[] = Array.from({ length: ORDER_PARTITIONS }, (_, partition) => leaseNameOf({ kind: 'orders', partition }));
