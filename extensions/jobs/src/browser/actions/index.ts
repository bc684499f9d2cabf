import '../../../src/browser/actions/job-actions.css';
import type { interfaces } from '@theia/core/shared/inversify';
import { bindServiceProxy } from '@presswork/platform/lib/browser/bind-service-proxy';
import { JobActionContribution } from '@presswork/platform/lib/common/job-action-contribution';
import { JOB_ACTION_SERVICE_PATH, JobActionService } from '../../common/jobs-protocol';
import { JOB_ACTION_SPECS } from './job-action-catalog';
import { JobActions } from './job-actions';
import { PrintFileOpener } from './print-file-opener';

/** The jobs extension's own job actions (JobActionContribution) and their dialogs. */
export function bindJobActions(bind: interfaces.Bind): void {
    bindServiceProxy(bind, JobActionService, JOB_ACTION_SERVICE_PATH);
    bind(JobActions).toSelf().inSingletonScope();
    bind(PrintFileOpener).toSelf().inSingletonScope();
    for (const { key } of JOB_ACTION_SPECS) {
        bind(JobActionContribution).toDynamicValue(({ container }) => container.get(JobActions).get(key)).inSingletonScope();
    }
}
