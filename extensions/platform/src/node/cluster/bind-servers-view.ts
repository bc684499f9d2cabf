import type { interfaces } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { PressworkConfig } from '../presswork-config';
import { ClusterDirectory } from './cluster-directory';
import { EmbeddedClusterDirectory } from './embedded-cluster-directory';
import { PostgresClusterDirectory } from './postgres-cluster-directory';
import { ServersServiceImpl } from './servers-service-impl';

/** The cluster directory for the configured store, and the Servers view's service (root bindings). */
export function bindServersView(bind: interfaces.Bind): void {
    bind(EmbeddedClusterDirectory).toSelf().inSingletonScope();
    bind(ClusterDirectory).toDynamicValue(({ container }) => {
        const { databaseUrl, leaseSeconds } = container.get<PressworkConfig>(PressworkConfig);
        if (!databaseUrl) {
            return container.get(EmbeddedClusterDirectory);
        }
        const logger = container.getNamed<ILogger>(ILogger, 'platform:ClusterDirectory');
        return new PostgresClusterDirectory(databaseUrl, leaseSeconds, error => logger.warn(`the Servers view lost its database connection (${error.message})`));
    }).inSingletonScope();
    bind(ServersServiceImpl).toSelf().inSingletonScope();
}
