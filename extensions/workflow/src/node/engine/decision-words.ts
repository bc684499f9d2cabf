import { ActivityTypes } from '@presswork/platform/lib/common/well-known';

/**
 * The job log's sentence for an operator's decision that moved a job on from its step: what was
 * decided and by whom ("Prepress check done by olivia"), never a bare "Continued".
 */
const DECISIONS: Readonly<Partial<Record<string, (by: string) => string>>> = {
    [ActivityTypes.approve]: by => `Approved by ${by}`,
    [ActivityTypes.prepressCheck]: by => `Prepress check done by ${by}`,
    [ActivityTypes.closeoutOrder]: by => `Order closed out; released by ${by}`,
    [ActivityTypes.retain]: by => `Released from Retain by ${by}`,
    [ActivityTypes.print]: by => `Print confirmed by ${by}`
};

/** How the log knows the step: its label in words, and whether it is a name of its own. */
export interface StepInWords {
    /** The supplied activity behind the step. */
    readonly baseType: string;
    /** The step's label (the designer's, a custom activity's, else the supplied activity's). */
    readonly label: string;
    /** The designer named the step, or it is a custom activity: the log keeps that name. */
    readonly ownName: boolean;
}

export function decisionInWords(step: StepInWords, by: string): string {
    const decision = DECISIONS[step.baseType];
    return decision && !step.ownName ? decision(by) : `${step.label} done by ${by}`;
}
