import { inject, injectable } from '@theia/core/shared/inversify';
import type { ActivityContext, ActivityOutcome, JobProperties, JobPropertyValue } from '@presswork/platform/lib/common';
import { CreateJobActivity, CreateJobPropertiesSchema } from '../../common/supplied-activities';
import type { z } from 'zod';
import { DefinedActivity, failure } from '@presswork/platform/lib/common/defined-activity';
import { LOG_MESSAGE_LIMIT } from '@presswork/platform/lib/common/document-limits';
import { clip } from '@presswork/platform/lib/common/job-log';
import { WorkflowLookup } from './workflow-lookup';

type CreateJobProperties = z.infer<typeof CreateJobPropertiesSchema>;

/**
 * Create Job: the workflow's job defaults fill the properties the job has no value for, then its
 * overrides replace whatever the ticket said. The result depends only on the job and the
 * workflow, so running it again gives the same properties.
 */
@injectable()
export class CreateJobActivityContribution extends DefinedActivity<CreateJobProperties> {
    @inject(WorkflowLookup) protected readonly workflows: WorkflowLookup;

    constructor() {
        super(CreateJobActivity);
    }

    async execute(context: ActivityContext<CreateJobProperties>): Promise<ActivityOutcome> {
        const workflow = this.workflows.workflowOf(context.job);
        if (!workflow) {
            return failure(context.job.workflowId
                ? `The job's workflow ${context.job.workflowId} no longer exists`
                : 'The job has no workflow');
        }
        const { properties, defaulted, overridden } = applyDefaultsAndOverrides(context.job.properties, workflow.jobDefaults, workflow.jobOverrides);
        await context.log(clip(`Job created in workflow ${workflow.name}: ${describe(defaulted, 'default')}, ${describe(overridden, 'override')}`, LOG_MESSAGE_LIMIT));
        // The whole property set, so the outcome means the same whether the engine merges or replaces.
        return { kind: 'continue', properties };
    }
}

export interface AppliedProperties {
    readonly properties: JobProperties;
    /** Keys a default filled. */
    readonly defaulted: readonly string[];
    /** Keys an override set (to a different value or not). */
    readonly overridden: readonly string[];
}

/** A default fills only an empty property (absent or blank text); an override always wins. */
export function applyDefaultsAndOverrides(current: JobProperties, defaults: JobProperties, overrides: JobProperties): AppliedProperties {
    const properties: JobProperties = { ...current };
    const defaulted = Object.keys(defaults).filter(key => isEmpty(properties[key]));
    for (const key of defaulted) {
        properties[key] = defaults[key];
    }
    Object.assign(properties, overrides);
    return { properties, defaulted, overridden: Object.keys(overrides) };
}

function isEmpty(value: JobPropertyValue | undefined): boolean {
    return value === undefined || (typeof value === 'string' && value.trim() === '');
}

function describe(keys: readonly string[], what: string): string {
    return keys.length ? `${keys.length} ${what}${keys.length === 1 ? '' : 's'} (${keys.join(', ')})` : `no ${what}s`;
}
