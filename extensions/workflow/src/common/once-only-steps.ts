import type { ActivityDefinition } from '@presswork/platform/lib/common/activity-ui-contribution';
import type { Phase } from '@presswork/platform/lib/common/job-status';
import type { StepCondition, WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import { sameValue } from './condition-values';

/** A step of an activity the catalog marks `oncePerWorkflow`, where it stands. */
export interface OnceOnlyStep {
    readonly step: Readonly<WorkflowStep>;
    readonly phase: Phase;
    /** What the step is shown by, e.g. `Print on the Xerox`. */
    readonly name: string;
    /** The type it behaves as (a custom activity's base), so a custom Print and Print are the same. */
    readonly behaviour: string;
    readonly activity: ActivityDefinition;
}

/** A once-only step that would run for a job after an earlier step of the same activity. */
export interface OnceOnlyConflict {
    readonly later: OnceOnlyStep;
    readonly earlier: OnceOnlyStep;
}

/**
 * Once-only steps that can both run for one job (two Print steps print the job twice), in the
 * order a job passes them. Two steps are safe only when their conditions exclude each other.
 */
export function onceOnlyConflicts(steps: readonly OnceOnlyStep[]): OnceOnlyConflict[] {
    const conflicts: OnceOnlyConflict[] = [];
    steps.forEach((later, index) => {
        const earlier = steps.slice(0, index).find(candidate =>
            candidate.behaviour === later.behaviour && !excludeEachOther(candidate.step.condition, later.step.condition));
        if (earlier) {
            conflicts.push({ later, earlier });
        }
    });
    return conflicts;
}

/**
 * Can no job meet both conditions? Only the plain cases are recognised (the same property equal to
 * two different values, or equal to and not equal to one value); anything else may hold for both.
 */
export function excludeEachOther(first: StepCondition | undefined, second: StepCondition | undefined): boolean {
    if (!first || !second || first.property.trim() !== second.property.trim()) {
        return false;
    }
    const kinds = `${first.comparison} ${second.comparison}`;
    const same = sameValue(first.value, second.value);
    if (kinds === 'equals equals') {
        return !same;
    }
    return (kinds === 'equals not-equals' || kinds === 'not-equals equals') && same;
}
