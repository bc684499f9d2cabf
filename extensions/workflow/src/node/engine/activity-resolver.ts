import type { ActivityContribution } from '@presswork/platform/lib/common/activity-contribution';
import type { WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import { CUSTOM_ACTIVITY_PREFIX, CustomActivity } from '../../common/custom-activity-schema';

/** A step's activity type made concrete: the code that runs it and the defaults under its properties. */
export interface ResolvedActivity {
    /** As the step names it: a supplied type or `custom:<id>`. */
    readonly type: string;
    /** The supplied activity that runs it (the same as `type` unless custom). */
    readonly baseType: string;
    readonly label: string;
    readonly contribution: ActivityContribution;
    /** A custom activity's defaults; the step's own properties win over them. */
    readonly defaults: Readonly<Record<string, unknown>>;
}

export type ActivityResolution = { readonly activity: ResolvedActivity } | { readonly problem: string };

/**
 * Finds the activity behind a step's type. Installed activities come from the registry (indexed
 * once); custom activities are read from the store each time, so an edit of their defaults
 * applies to the next step that uses them.
 */
export class ActivityResolver {
    constructor(
        protected readonly suppliedType: (type: string) => ActivityContribution | undefined,
        protected readonly customActivity: (id: string) => CustomActivity | undefined
    ) { }

    resolve(type: string): ActivityResolution {
        if (!type.startsWith(CUSTOM_ACTIVITY_PREFIX)) {
            const contribution = this.suppliedType(type);
            return contribution
                ? { activity: { type, baseType: type, label: contribution.label, contribution, defaults: {} } }
                : { problem: `the activity "${type}" is not installed` };
        }
        const id = type.slice(CUSTOM_ACTIVITY_PREFIX.length);
        const custom = this.customActivity(id);
        if (!custom) {
            return { problem: `the custom activity "${id}" no longer exists` };
        }
        const contribution = this.suppliedType(custom.baseType);
        if (!contribution) {
            return { problem: `the custom activity "${custom.label}" is a copy of "${custom.baseType}", which is not installed` };
        }
        return { activity: { type, baseType: contribution.type, label: custom.label, contribution, defaults: custom.defaults } };
    }

    /** The base activity type of a step's type, or the type itself when it cannot be resolved. */
    baseTypeOf(type: string): string {
        const resolution = this.resolve(type);
        return 'activity' in resolution ? resolution.activity.baseType : type;
    }

    /** How the operator knows a step: its own label, else its activity's. */
    labelOf(step: Pick<WorkflowStep, 'label' | 'activity'>): string {
        if (step.label) {
            return step.label;
        }
        const resolution = this.resolve(step.activity);
        return 'activity' in resolution ? resolution.activity.label : step.activity;
    }
}
