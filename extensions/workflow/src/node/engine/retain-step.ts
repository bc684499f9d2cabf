import type { Workflow } from '@presswork/platform/lib/common/workflow-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import type { ActivityResolver } from './activity-resolver';
import type { StepPosition } from './step-navigator';

/** The workflow's Retain step in its Complete phase: the supplied activity or a custom copy of it. */
export function retainStepOf(workflow: Workflow, resolver: ActivityResolver): StepPosition | undefined {
    const steps = workflow.phases.Complete;
    const index = steps.findIndex(step => step.activity === ActivityTypes.retain || resolver.baseTypeOf(step.activity) === ActivityTypes.retain);
    return index < 0 ? undefined : { phase: 'Complete', index, step: steps[index] };
}
