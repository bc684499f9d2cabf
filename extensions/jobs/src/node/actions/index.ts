import type { interfaces } from '@theia/core/shared/inversify';
import { bindGuardedService } from '@presswork/platform/lib/node/rpc/bind-guarded-service';
import { bindRootSingleton } from '@presswork/platform/lib/node/rpc/bind-root-singleton';
import { JOB_ACTION_SERVICE_PATH, JobActionService, JobActionServiceContract } from '../../common/jobs-protocol';
import { JobActionServiceImpl } from './job-action-service-impl';
import { JobActions } from './job-actions';

/** Root (application-wide) bindings: the job actions, over the workflow engine's JobFlow. */
export function bindJobActionServices(bind: interfaces.Bind): void {
    bindRootSingleton(bind, JobActions);
}

/** Per-connection bindings: the guarded RPC service, acting as the connection's user. */
export function bindJobActionRpc(bind: interfaces.Bind): void {
    bind(JobActionServiceImpl).toSelf().inSingletonScope();
    bindGuardedService<JobActionService>(bind, { path: JOB_ACTION_SERVICE_PATH, service: JobActionServiceImpl, contract: JobActionServiceContract });
}
