import { injectable, unmanaged } from '@theia/core/shared/inversify';
import type { z } from 'zod';
import type {
    ActivityContext, ActivityContribution, ActivityDefinition, ActivityOutcome, ActivityPropertyField, Phase
} from '@presswork/platform/lib/common';

/**
 * Base of the supplied activities' executors. The shared definition (common/supplied-activities.ts)
 * is copied onto the instance as it is, so the engine and the designer see one and the same type,
 * phases and schema; an executor adds only `execute`.
 */
@injectable()
export abstract class SuppliedActivity<P> implements ActivityContribution<P> {
    readonly type: string;
    readonly label: string;
    readonly description: string;
    readonly iconClass: string;
    readonly allowedPhases: readonly Phase[];
    readonly 'protected'?: boolean;
    readonly propertiesSchema: z.ZodType<P, unknown>;
    readonly fields: readonly ActivityPropertyField[];

    constructor(@unmanaged() definition: ActivityDefinition<P>) {
        Object.assign(this, definition);
    }

    abstract execute(context: ActivityContext<P>): Promise<ActivityOutcome>;
}

/** Wait reasons and log messages are stored in bounded fields (job-schema.ts). */
export const MAX_WAIT_REASON = 1000;
export const MAX_LOG_MESSAGE = 4000;

export function truncate(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function waitReason(text: string): string {
    return truncate(text, MAX_WAIT_REASON);
}

/** A failure's message goes into the job log. */
export function failure(message: string): ActivityOutcome {
    return { kind: 'fail', message: truncate(message, MAX_LOG_MESSAGE) };
}
