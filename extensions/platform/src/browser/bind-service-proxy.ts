import type { interfaces } from '@theia/core/shared/inversify';
import { RemoteConnectionProvider, ServiceConnectionProvider } from '@theia/core/lib/browser/messaging/service-connection-provider';

/** Binds `serviceId` to one (singleton) RPC proxy of the backend service served at `path`. */
export function bindServiceProxy<T extends object>(bind: interfaces.Bind, serviceId: interfaces.ServiceIdentifier<T>, path: string): void {
    bind(serviceId).toDynamicValue(({ container }) =>
        container.get<ServiceConnectionProvider>(RemoteConnectionProvider).createProxy<T>(path)).inSingletonScope();
}
