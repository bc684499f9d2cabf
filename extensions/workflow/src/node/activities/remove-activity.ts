import { inject, injectable } from '@theia/core/shared/inversify';
import type { z } from 'zod';
import type { ActivityContext, ActivityOutcome } from '@presswork/platform/lib/common';
import { RemoveActivity, RemovePropertiesSchema } from '../../common/supplied-activities';
import { JobDisposal, removeJob } from './job-disposal';
import { DefinedActivity } from '@presswork/platform/lib/common/defined-activity';

type RemoveProperties = z.infer<typeof RemovePropertiesSchema>;

/**
 * Remove: writes the job's audit record (properties, full log, order), deletes the job's folder,
 * and asks the engine to remove the job from its order.
 */
@injectable()
export class RemoveActivityContribution extends DefinedActivity<RemoveProperties> {
    @inject(JobDisposal) protected readonly disposal: JobDisposal;

    constructor() {
        super(RemoveActivity);
    }

    execute(context: ActivityContext<RemoveProperties>): Promise<ActivityOutcome> {
        return removeJob(this.disposal, context);
    }
}
