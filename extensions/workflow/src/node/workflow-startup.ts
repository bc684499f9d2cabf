import { inject, injectable } from '@theia/core/shared/inversify';
import { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { WorkflowRepository } from './workflows/workflow-repository';

/** Puts the workflows seeded at first start on record as their first version. */
@injectable()
export class WorkflowStartup implements BackendApplicationContribution {
    @inject(PlatformReady) protected readonly platform: PlatformReady;
    @inject(WorkflowRepository) protected readonly workflows: WorkflowRepository;

    async initialize(): Promise<void> {
        await this.platform.whenReady;
        await this.workflows.recordMissingVersions();
    }
}
