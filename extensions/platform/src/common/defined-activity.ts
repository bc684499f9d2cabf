import { injectable, unmanaged } from '@theia/core/shared/inversify';
import type { z } from 'zod';
import type { ActivityContext, ActivityContribution, ActivityOutcome } from './activity-contribution';
import type { ActivityDefinition, ActivityPropertyField } from './activity-ui-contribution';
import { LOG_MESSAGE_LIMIT, WAIT_REASON_LIMIT } from './document-limits';
import type { Phase } from './job-status';
import { clip } from './job-log';

/**
 * Base of an activity executor declared by a shared definition (workflow's supplied activities,
 * output's Print): the definition is copied onto the instance as it is, so the engine and the
 * designer see one and the same type, phases and schema; an executor adds only `execute`.
 */
@injectable()
export abstract class DefinedActivity<P> implements ActivityContribution<P> {
    readonly type: string;
    readonly label: string;
    readonly description: string;
    readonly iconClass: string;
    readonly allowedPhases: readonly Phase[];
    readonly 'protected'?: boolean;
    readonly oncePerWorkflow?: boolean;
    readonly propertiesSchema: z.ZodType<P, unknown>;
    readonly fields: readonly ActivityPropertyField[];

    constructor(@unmanaged() definition: ActivityDefinition<P>) {
        Object.assign(this, definition);
    }

    abstract execute(context: ActivityContext<P>): Promise<ActivityOutcome>;
}

/** A wait reason, cut to what the job document keeps (job-schema.ts). */
export function waitReason(text: string): string {
    return clip(text, WAIT_REASON_LIMIT);
}

/** A failure; its message goes into the job log, cut to what an entry keeps. */
export function failure(message: string): ActivityOutcome {
    return { kind: 'fail', message: clip(message, LOG_MESSAGE_LIMIT) };
}
