/** One field of an activity's property form, rendered by the workflow designer. */
export interface ActivityPropertyField {
    readonly key: string;
    readonly label: string;
    readonly kind: 'text' | 'number' | 'boolean' | 'choice' | 'text-list';
    readonly choices?: readonly { readonly value: string; readonly label: string }[];
    readonly help?: string;
}

/**
 * How an activity appears in the workflow designer (frontend): its palette entry and the form of
 * its properties. The form is declared, not drawn, so the designer renders every activity alike
 * and validates it with the activity's own schema.
 */
export const ActivityUiContribution = Symbol('ActivityUiContribution');
export interface ActivityUiContribution {
    readonly type: string;
    readonly label: string;
    /** A codicon class, e.g. `codicon codicon-check`. */
    readonly iconClass: string;
    readonly description: string;
    readonly fields: readonly ActivityPropertyField[];
}
