import { injectable } from '@theia/core/shared/inversify';
import type { z } from 'zod';
import type { ActivityContext, ActivityOutcome } from '@presswork/platform/lib/common';
import { PrepressCheckActivity, PrepressCheckPropertiesSchema } from '../../common/supplied-activities';
import { withInstructions } from './approve-activity';
import { DefinedActivity, waitReason } from '@presswork/platform/lib/common/defined-activity';

type PrepressCheckProperties = z.infer<typeof PrepressCheckPropertiesSchema>;

/**
 * Prepress Check: the job waits until an operator confirms the manual prepress step is done
 * (More → Prepress done, through JobFlow.continueJob); running it again only waits again.
 */
@injectable()
export class PrepressCheckActivityContribution extends DefinedActivity<PrepressCheckProperties> {
    constructor() {
        super(PrepressCheckActivity);
    }

    async execute(context: ActivityContext<PrepressCheckProperties>): Promise<ActivityOutcome> {
        return { kind: 'wait', state: 'Waiting', reason: waitReason(withInstructions('Waiting for prepress check', context.properties.instructions)) };
    }
}
