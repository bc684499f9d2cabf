import { PHASES, Phase } from '@presswork/platform/lib/common/job-status';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import type { Workflow, WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';

/** Where a step stands in a workflow. */
export interface StepPosition {
    readonly phase: Phase;
    readonly index: number;
    readonly step: WorkflowStep;
}

export function stepAt(workflow: Workflow, phase: Phase, index: number): StepPosition | undefined {
    const step = workflow.phases[phase][index];
    return step ? { phase, index, step } : undefined;
}

/** The first step at or after `index` of `phase`, passing over empty phases. */
export function firstStepFrom(workflow: Workflow, phase: Phase, index: number): StepPosition | undefined {
    for (let phaseIndex = PHASES.indexOf(phase), from = index; phaseIndex < PHASES.length; phaseIndex++, from = 0) {
        const found = stepAt(workflow, PHASES[phaseIndex], from);
        if (found) {
            return found;
        }
    }
    return undefined;
}

export function firstStep(workflow: Workflow): StepPosition | undefined {
    return firstStepFrom(workflow, PHASES[0], 0);
}

/** The step after `position`, or undefined after the last step of the Complete phase. */
export function stepAfter(workflow: Workflow, position: Pick<StepPosition, 'phase' | 'index'>): StepPosition | undefined {
    return firstStepFrom(workflow, position.phase, position.index + 1);
}

/**
 * The step a job stands at, found by its id: the index alone could point at another step once
 * steps are added or moved. The recorded index is tried first, as it is almost always right.
 */
export function currentStep(workflow: Workflow, job: Pick<Job, 'phase' | 'stepIndex' | 'stepId'>): StepPosition | undefined {
    if (!job.stepId) {
        return undefined;
    }
    const likely = stepAt(workflow, job.phase, job.stepIndex);
    if (likely?.step.id === job.stepId) {
        return likely;
    }
    for (const phase of PHASES) {
        const index = workflow.phases[phase].findIndex(step => step.id === job.stepId);
        if (index >= 0) {
            return { phase, index, step: workflow.phases[phase][index] };
        }
    }
    return undefined;
}
