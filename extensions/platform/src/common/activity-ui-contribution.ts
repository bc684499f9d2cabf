import type { z } from 'zod';
import type { Phase } from './job-status';

/** One field of an activity's property form, rendered by the workflow designer. */
export interface ActivityPropertyField {
    readonly key: string;
    readonly label: string;
    /** `choice-list`: any number of `choices` (check boxes), stored as an array of their values. */
    readonly kind: 'text' | 'number' | 'boolean' | 'choice' | 'choice-list' | 'text-list' | 'printer';
    readonly choices?: readonly { readonly value: string; readonly label: string }[];
    readonly help?: string;
}

/**
 * What an activity is, shared by the engine (backend) and the designer (frontend): its id, where
 * it may stand, its properties' schema and the form for them. Each extension declares its
 * activities once in `common/` and contributes the same definition on both sides.
 */
export interface ActivityDefinition<P = unknown> {
    /** Stable id stored in workflows, e.g. `closeout-order`. */
    readonly type: string;
    readonly label: string;
    readonly description: string;
    /** A codicon class, e.g. `codicon codicon-check`. */
    readonly iconClass: string;
    readonly allowedPhases: readonly Phase[];
    /** Protected activities cannot be edited or deleted, only their defaults; nor copied into custom ones. */
    readonly protected?: boolean;
    /**
     * At most one step of this activity may run for a job in one workflow (Print: a second would
     * print the job again; Closeout Order). Two such steps are a problem unless their conditions
     * exclude each other.
     */
    readonly oncePerWorkflow?: boolean;
    readonly propertiesSchema: z.ZodType<P, unknown>;
    readonly fields: readonly ActivityPropertyField[];
}

/** How an activity appears in the workflow designer (frontend): its palette entry and property form. */
export const ActivityUiContribution = Symbol('ActivityUiContribution');
export type ActivityUiContribution = ActivityDefinition;
