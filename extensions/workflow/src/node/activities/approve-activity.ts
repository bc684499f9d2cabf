import { injectable } from '@theia/core/shared/inversify';
import type { z } from 'zod';
import type { ActivityContext, ActivityOutcome } from '@presswork/platform/lib/common';
import { ApproveActivity, ApprovePropertiesSchema } from '../../common/supplied-activities';
import { DefinedActivity, waitReason } from '@presswork/platform/lib/common/defined-activity';

type ApproveProperties = z.infer<typeof ApprovePropertiesSchema>;

/**
 * Approve: the job waits for an operator. The engine's JobFlow releases it (More → Approve
 * continues, Reject sends it to Error); running it again only waits again.
 */
@injectable()
export class ApproveActivityContribution extends DefinedActivity<ApproveProperties> {
    constructor() {
        super(ApproveActivity);
    }

    async execute(context: ActivityContext<ApproveProperties>): Promise<ActivityOutcome> {
        return { kind: 'wait', state: 'Waiting', reason: waitReason(withInstructions('Waiting for approval', context.properties.instructions)) };
    }
}

/** `Waiting for …: <instructions>`, or just the first part when there are none. */
export function withInstructions(waitingFor: string, instructions: string | undefined): string {
    const text = instructions?.trim();
    return text ? `${waitingFor}: ${text}` : waitingFor;
}
