import { interfaces } from '@theia/core/shared/inversify';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';

/**
 * Binds a backend singleton that browser connections' services use, and has it created with the
 * backend. Created first from a connection's container, it could not see the root's named
 * contribution providers (inversify looks no further once the child has any binding of that
 * symbol), and its creation would fail on the first call.
 */
export function bindRootSingleton(bind: interfaces.Bind, ...services: interfaces.Newable<object>[]): void {
    for (const service of services) {
        bind(service).toSelf().inSingletonScope();
        bind(BackendApplicationContribution).toService(service);
    }
}
