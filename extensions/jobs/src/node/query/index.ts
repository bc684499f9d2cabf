import type { interfaces } from '@theia/core/shared/inversify';

/** Root (application-wide) bindings. */
export function bindJobQueryServices(_bind: interfaces.Bind): void {
    // Filled in as the services land.
}

/** Per-connection bindings: the guarded RPC services. */
export function bindJobQueryRpc(_bind: interfaces.Bind): void {
    // Filled in as the services land.
}
