import type { interfaces } from '@theia/core/shared/inversify';
import { ChangeFeedProjection } from '@presswork/platform/lib/node/change-feed/change-feed-projection';
import { bindGuardedService } from '@presswork/platform/lib/node/rpc/bind-guarded-service';
import { bindRootSingleton } from '@presswork/platform/lib/node/rpc/bind-root-singleton';
import type { RpcProxy } from '@theia/core/lib/common/messaging/proxy-factory';
import {
    JOB_QUERY_SERVICE_PATH, JobQueryService, JobQueryServiceContract, LIVE_JOB_WINDOW_PATH, LiveJobWindowClient, LiveJobWindowService,
    LiveJobWindowServiceContract
} from '../../common/jobs-protocol';
import { bindReadApi } from '../api';
import { bindSavedViewRpc, bindSavedViewServices } from '../views';
import { JobQueryServiceImpl } from './job-query-service-impl';
import { JobRowIndex } from './job-row-index';
import { LiveJobWindow } from './live-job-window';
import { OrderRowsProjection } from './order-rows-projection';

/** Root (application-wide) bindings: the index, the orders' projection for the change feed, saved views and the read API. */
export function bindJobQueryServices(bind: interfaces.Bind): void {
    bindRootSingleton(bind, JobRowIndex);
    // The only projection of the orders collection: the change feed keeps one per collection.
    bind(OrderRowsProjection).toSelf().inSingletonScope();
    bind(ChangeFeedProjection).toService(OrderRowsProjection);
    bindSavedViewServices(bind);
    bindReadApi(bind);
}

/** Per-connection bindings: the guarded RPC services. */
export function bindJobQueryRpc(bind: interfaces.Bind): void {
    bind(JobQueryServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<JobQueryService>(bind, { path: JOB_QUERY_SERVICE_PATH, service: JobQueryServiceImpl, contract: JobQueryServiceContract });
    bind(LiveJobWindow).toSelf().inSingletonScope();
    bindGuardedService<LiveJobWindowService, RpcProxy<LiveJobWindowClient>, LiveJobWindow>(bind, {
        path: LIVE_JOB_WINDOW_PATH,
        service: LiveJobWindow,
        contract: LiveJobWindowServiceContract,
        connectClient: (service, client) => {
            service.connect(client);
            client.onDidCloseConnection(() => service.dispose());
        }
    });
    bindSavedViewRpc(bind);
}
