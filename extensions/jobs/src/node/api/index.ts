import type { interfaces } from '@theia/core/shared/inversify';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { JobsReadApi } from './jobs-read-api';

/** Root bindings: the read API's routes. */
export function bindReadApi(bind: interfaces.Bind): void {
    bind(JobsReadApi).toSelf().inSingletonScope();
    bind(BackendApplicationContribution).toService(JobsReadApi);
}
