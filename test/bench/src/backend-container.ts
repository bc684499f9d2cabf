import { Container, ContainerModule, interfaces } from '@theia/core/shared/inversify';
import { EnvVariablesServer } from '@theia/core/lib/common/env-variables';
import { ILogger, LoggerFactory } from '@theia/core/lib/common/logger';
import { BackendApplication } from '@theia/core/lib/node/backend-application';
import { DefaultMessagingService } from '@theia/core/lib/node/messaging/default-messaging-service';
import { ReconnectableSocketChannel } from '@theia/core/lib/node/messaging/websocket-frontend-connection-service';
import { FileSystemProvider } from '@theia/filesystem/lib/common/files';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { PressworkConfig } from '@presswork/platform/lib/node/presswork-config';
import platformBackendModule from '@presswork/platform/lib/node/platform-backend-module';

/**
 * Theia's services that platform's backend module replaces (browser messaging, environment, file
 * system, the backend application that waits for required start-up steps). A benchmark serves no
 * browser and starts no Theia application, so stand-ins are enough for the module to load.
 */
const THEIA_SERVICES_PLATFORM_REPLACES: readonly interfaces.ServiceIdentifier[] = [
    ReconnectableSocketChannel, DefaultMessagingService, EnvVariablesServer, FileSystemProvider, BackendApplication
];

export interface BackendContainerOptions {
    readonly dataFolder: string;
    /** PostgreSQL's URL: the store is the database's (as PRESSWORK_DATABASE_URL makes it), not the data folder's. */
    readonly databaseUrl?: string;
    readonly logger: object;
    /** The feature modules to load after platform's, as `npm start` loads them. */
    readonly modules: readonly ContainerModule[];
}

/**
 * A backend container built from the extensions' real backend modules, so a benchmark measures
 * the wiring `npm start` uses. Overridden, and only these: the data folder (instead of the
 * environment), the logger (a benchmark counts errors), and platform readiness (the benchmark's
 * data is written for it; there is no first start to wait for).
 */
export function backendContainer(options: BackendContainerOptions): Container {
    const container = new Container();
    for (const service of THEIA_SERVICES_PLATFORM_REPLACES) {
        container.bind(service).toConstantValue({});
    }
    container.load(platformBackendModule, ...options.modules);
    container.rebind(PressworkConfig).toConstantValue({
        dataFolder: options.dataFolder, demo: false, leaseSeconds: 10, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {})
    } satisfies PressworkConfig);
    container.rebind(PlatformReady).toConstantValue({ whenReady: Promise.resolve() } satisfies PlatformReady);
    container.bind(ILogger).toConstantValue(options.logger as ILogger);
    // Named loggers (the PostgreSQL store's) are the same logger.
    container.bind(LoggerFactory).toConstantValue((() => options.logger as ILogger) as LoggerFactory);
    return container;
}
