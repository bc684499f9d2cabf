import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import type { ActivityResolver, ResolvedActivity } from './activity-resolver';
import { conditionHolds } from './step-condition';
import { StepPosition, firstStep, stepAfter } from './step-navigator';

/** The step a job goes to next, and the steps passed over on the way because their condition was false. */
export interface NextStep {
    readonly position: StepPosition | undefined;
    readonly skipped: readonly StepPosition[];
}

/**
 * The next step whose condition this job meets: after `from`, or the workflow's first step when
 * the job has not started. Undefined position: the job has passed the last step.
 */
export function nextStepToRun(workflow: Workflow, job: Job, from: StepPosition | undefined): NextStep {
    const skipped: StepPosition[] = [];
    let position = from ? stepAfter(workflow, from) : firstStep(workflow);
    while (position && !conditionHolds(position.step.condition, job)) {
        skipped.push(position);
        position = stepAfter(workflow, position);
    }
    return { position, skipped };
}

/** A step ready to run: its activity found, allowed where it stands, its properties checked. */
export interface PreparedStep {
    readonly position: StepPosition;
    readonly activity: ResolvedActivity;
    readonly properties: unknown;
    readonly label: string;
}

export type StepPreparation = { readonly prepared: PreparedStep } | { readonly problem: string };

/** Checks a step before it runs; the problem names the step and what is wrong, for the operator. */
export function prepareStep(resolver: ActivityResolver, position: StepPosition): StepPreparation {
    const { step, phase } = position;
    const resolution = resolver.resolve(step.activity);
    if ('problem' in resolution) {
        return { problem: `Step "${step.label ?? step.activity}" cannot run: ${resolution.problem}` };
    }
    const { activity } = resolution;
    const label = step.label ?? activity.label;
    if (!activity.contribution.allowedPhases.includes(phase)) {
        return { problem: `Step "${label}" cannot run in the ${phase} phase: ${activity.label} is allowed only in ${activity.contribution.allowedPhases.join(', ')}` };
    }
    const parsed = activity.contribution.propertiesSchema.safeParse({ ...activity.defaults, ...step.properties });
    if (!parsed.success) {
        return { problem: `Step "${label}" has invalid properties: ${describeZodError(parsed.error)}` };
    }
    return { prepared: { position, activity, properties: parsed.data, label } };
}
