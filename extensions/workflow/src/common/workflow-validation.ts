import type { z } from 'zod';
import type { ActivityDefinition, ActivityPropertyField } from '@presswork/platform/lib/common/activity-ui-contribution';
import { Phase, PHASES } from '@presswork/platform/lib/common/job-status';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { StepConditionSchema, WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import { CONDITION_JOB_FIELDS } from './supplied-activities';
import { OnceOnlyStep, onceOnlyConflicts } from './once-only-steps';
import { sentenceOfIssue, subjectOfLabel } from '@presswork/platform/lib/common/validation-message';

/**
 * The rules a workflow must keep, shared by the designer (as you edit) and the backend (before every
 * save). Errors block saving; warnings are shown but do not.
 */

/**
 * An activity as the designer and validation see it. A custom activity is its base activity's
 * definition under its own type (`custom:<id>`), naming the base in `baseType` and carrying its
 * defaults, which the engine lays under a step's own properties.
 */
export interface ResolvedActivity<P = unknown> extends ActivityDefinition<P> {
    readonly baseType?: string;
    readonly defaults?: Readonly<Record<string, unknown>>;
}

/** The type an activity behaves as: a custom activity's base, or the activity itself. */
export function behaviourOf(activity: ActivityDefinition): string {
    return (activity as ResolvedActivity).baseType ?? activity.type;
}

export type WorkflowProblemRule =
    | 'missing-name'
    | 'empty-phase'
    | 'missing-create-job'
    | 'unknown-activity'
    | 'phase-not-allowed'
    | 'invalid-properties'
    | 'printer-missing'
    | 'printer-disabled'
    | 'closeout-after-removal'
    | 'invalid-condition'
    | 'unknown-condition-property'
    | 'duplicate-step-id'
    | 'once-per-workflow';

export type WorkflowProblemSeverity = 'error' | 'warning';

export interface WorkflowProblem {
    readonly severity: WorkflowProblemSeverity;
    /** Stable code of the rule that was broken, for code and tests; `message` is for people. */
    readonly rule: WorkflowProblemRule;
    /** Complete on its own, e.g. `Print › Print › Printer: Choose a printer`. */
    readonly message: string;
    /** The same relative to the step or field, e.g. `Choose a printer`, for inline display. */
    readonly detail: string;
    readonly phase?: Phase;
    readonly stepId?: string;
    /** The property key the problem is about, `condition` for the step's condition, `name` for the workflow's name. */
    readonly field?: string;
}

/** A printer or a printer pool a Print step may name; a pool is `enabled` while one of its printers is. */
export interface ValidationPrinter {
    readonly id: string;
    readonly name: string;
    readonly enabled: boolean;
    readonly pool?: boolean;
}

export interface WorkflowValidationOptions {
    /** Every activity a step may name: supplied, contributed by extensions, and custom ones resolved. */
    readonly activities: readonly ActivityDefinition[];
    readonly printers: readonly ValidationPrinter[];
    /**
     * Job properties a condition may name. The job fields of `CONDITION_JOB_FIELDS` and the keys of
     * the workflow's own job defaults and overrides are always known.
     */
    readonly knownProperties: readonly string[];
}

/** What validation reads of a workflow: a saved workflow, the content the designer saves, or its draft. */
export interface ValidatableWorkflow {
    readonly name?: string;
    readonly jobDefaults?: Readonly<Record<string, unknown>>;
    readonly jobOverrides?: Readonly<Record<string, unknown>>;
    readonly phases: { readonly [P in Phase]: readonly Readonly<WorkflowStep>[] };
}

/** Activities whose step ends the job's life: nothing may need the job after them. */
const REMOVING_ACTIVITIES: ReadonlySet<string> = new Set([ActivityTypes.retain, ActivityTypes.remove]);

export function validateWorkflow(workflow: ValidatableWorkflow, options: WorkflowValidationOptions): WorkflowProblem[] {
    const problems: WorkflowProblem[] = [];
    const activities = new Map<string, ActivityDefinition>();
    for (const activity of options.activities) {
        activities.set(activity.type, activity);
    }
    const printers = new Map(options.printers.map(printer => [printer.id, printer]));
    const known = new Set<string>([...CONDITION_JOB_FIELDS, ...options.knownProperties,
        ...Object.keys(workflow.jobDefaults ?? {}), ...Object.keys(workflow.jobOverrides ?? {})]);

    if (workflow.name !== undefined && !workflow.name.trim()) {
        problems.push({ severity: 'error', rule: 'missing-name', field: 'name', message: 'The workflow needs a name', detail: 'Name is required' });
    }

    const seenIds = new Set<string>();
    const onceOnly: OnceOnlyStep[] = [];
    /** The first Retain or Remove step so far, in the order a job passes through. */
    let removing: string | undefined;
    for (const phase of PHASES) {
        const steps = workflow.phases[phase] ?? [];
        if (!steps.length && (phase === 'Receive' || phase === 'Complete')) {
            problems.push({ severity: 'error', rule: 'empty-phase', phase, message: `The ${phase} phase may not be empty`, detail: `${phase} may not be empty` });
        }
        if (phase === 'Receive' && steps.length && !steps.some(step => {
            const activity = activities.get(step.activity);
            return activity && behaviourOf(activity) === ActivityTypes.createJob;
        })) {
            problems.push({ severity: 'error', rule: 'missing-create-job', phase, message: 'Receive needs a Create Job step: it starts every job', detail: 'Needs a Create Job step' });
        }
        for (const step of steps) {
            const activity = activities.get(step.activity);
            const name = `${phase} › ${stepName(step, activity)}`;
            const add = (severity: WorkflowProblemSeverity, rule: WorkflowProblemRule, detail: string, field?: string, fieldLabel?: string): void => {
                problems.push({
                    severity, rule, phase, stepId: step.id, field, detail,
                    message: `${name}${fieldLabel ? ` › ${fieldLabel}` : ''}: ${detail}`
                });
            };
            if (seenIds.has(step.id)) {
                add('error', 'duplicate-step-id', `Another step has the same id "${step.id}"`);
            }
            seenIds.add(step.id);
            if (!activity) {
                add('error', 'unknown-activity', `Unknown activity "${step.activity}": it is not installed or was deleted`);
                checkCondition(step, known, add);
                continue;
            }
            if (!activity.allowedPhases.includes(phase)) {
                add('error', 'phase-not-allowed', `${activity.label} cannot run in ${phase}; it belongs in ${listOf(activity.allowedPhases)}`);
            }
            const checked = checkProperties(step, activity);
            for (const issue of checked.issues) {
                add('error', 'invalid-properties', issue.message, issue.field, issue.label);
            }
            checkPrinters(activity, checked, printers, add);
            const behaviour = behaviourOf(activity);
            if (behaviour === ActivityTypes.closeoutOrder && removing) {
                add('error', 'closeout-after-removal', `comes after ${removing}, when the job is kept or gone; move it before`);
            }
            if (activity.oncePerWorkflow) {
                onceOnly.push({ step, phase, name: stepName(step, activity), behaviour, activity });
            }
            if (REMOVING_ACTIVITIES.has(behaviour)) {
                removing ??= `${stepName(step, activity)} (${phase})`;
            }
            checkCondition(step, known, add);
        }
    }
    for (const { later, earlier } of onceOnlyConflicts(onceOnly)) {
        const detail = `${later.activity.label} may run only once for a job, and ${earlier.name} (${earlier.phase}) runs it already: `
            + 'remove one, or give both conditions that exclude each other';
        problems.push({
            severity: 'error', rule: 'once-per-workflow', phase: later.phase, stepId: later.step.id, detail,
            message: `${later.phase} › ${later.name}: ${detail}`
        });
    }
    return problems;
}

export function hasErrors(problems: readonly WorkflowProblem[]): boolean {
    return problems.some(problem => problem.severity === 'error');
}

export function countProblems(problems: readonly WorkflowProblem[]): { errors: number; warnings: number } {
    const errors = problems.filter(problem => problem.severity === 'error').length;
    return { errors, warnings: problems.length - errors };
}

/** The name a step is shown by: its own label, else its activity's. */
export function stepName(step: Readonly<WorkflowStep>, activity: ActivityDefinition | undefined): string {
    return step.label?.trim() || activity?.label || step.activity;
}

type AddProblem = (severity: WorkflowProblemSeverity, rule: WorkflowProblemRule, detail: string, field?: string, fieldLabel?: string) => void;

interface PropertyIssue {
    readonly field?: string;
    readonly label?: string;
    readonly message: string;
}

interface CheckedProperties {
    readonly issues: readonly PropertyIssue[];
    /** The properties the step runs with (defaults filled in), or the step's own when they are invalid. */
    readonly effective: Readonly<Record<string, unknown>>;
}

/**
 * A step's properties checked by its activity's schema. Steps are immutable in the designer, so the
 * result is kept per properties object and activity: validating after an edit parses only the edited step.
 */
const propertyIssueCache = new WeakMap<object, WeakMap<ActivityDefinition, CheckedProperties>>();

function checkProperties(step: Readonly<WorkflowStep>, activity: ActivityDefinition): CheckedProperties {
    const properties: object = step.properties ?? {};
    let perActivity = propertyIssueCache.get(properties);
    const cached = perActivity?.get(activity);
    if (cached) {
        return cached;
    }
    const defaults = (activity as ResolvedActivity).defaults;
    const effective: Record<string, unknown> = defaults ? { ...defaults, ...step.properties } : { ...step.properties };
    const parsed = activity.propertiesSchema.safeParse(effective);
    // One problem per field: "Folder is required" says enough without "must be an absolute path".
    const seen = new Set<string>();
    const issues = parsed.success ? [] : parsed.error.issues
        .filter(issue => !seen.has(issue.path.join('.')) && !!seen.add(issue.path.join('.')))
        .map(issue => describeIssue(issue, activity.fields, effective));
    const result: CheckedProperties = { issues, effective: parsed.success && isRecord(parsed.data) ? parsed.data : effective };
    if (!perActivity) {
        perActivity = new WeakMap();
        propertyIssueCache.set(properties, perActivity);
    }
    perActivity.set(activity, result);
    return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeIssue(issue: z.core.$ZodIssue, fields: readonly ActivityPropertyField[], properties: Record<string, unknown>): PropertyIssue {
    const [key, item] = issue.path;
    if (key === undefined) {
        return { message: issue.message };
    }
    const field = String(key);
    const definition = fields.find(candidate => candidate.key === field);
    // A text list's entry is a line the administrator typed; a check box of a choice list is no line.
    const label = `${definition?.label ?? field}${typeof item === 'number' && definition?.kind !== 'choice-list' ? `, line ${item + 1}` : ''}`;
    const missing = issue.code === 'invalid_type' && properties[field] === undefined;
    if (definition?.kind === 'choice-list' && issue.code === 'invalid_value' && typeof item === 'number') {
        const chosen = (properties[field] as unknown[] | undefined)?.[item];
        return { field, label, message: `"${String(chosen)}" is not one of its choices (any more): uncheck it` };
    }
    return { field, label, message: missing ? 'Required' : sentenceOfIssue(issue, subjectOfLabel(definition?.label ?? field)) };
}

function checkPrinters(activity: ActivityDefinition, checked: CheckedProperties, printers: ReadonlyMap<string, ValidationPrinter>, add: AddProblem): void {
    for (const field of activity.fields) {
        if (field.kind !== 'printer') {
            continue;
        }
        const value = checked.effective[field.key];
        if (typeof value !== 'string' || !value.trim()) {
            if (!checked.issues.some(issue => issue.field === field.key)) {
                add('error', 'printer-missing', 'Choose a printer', field.key, field.label);
            }
            continue;
        }
        const printer = printers.get(value);
        if (!printer) {
            add('error', 'printer-missing', `The printer "${value}" does not exist (any more); choose another`, field.key, field.label);
        } else if (!printer.enabled && printer.pool) {
            add('warning', 'printer-disabled', `${printer.name} has no enabled printer: jobs wait here until one of its printers is enabled`, field.key, field.label);
        } else if (!printer.enabled) {
            add('warning', 'printer-disabled', `The printer ${printer.name} is disabled: jobs wait here until it is enabled`, field.key, field.label);
        }
    }
}

function checkCondition(step: Readonly<WorkflowStep>, known: ReadonlySet<string>, add: AddProblem): void {
    if (!step.condition) {
        return;
    }
    const parsed = StepConditionSchema.safeParse(step.condition);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const what = issue?.path[0] === 'property' ? 'choose the job property it tests' : issue?.message ?? 'invalid';
        add('error', 'invalid-condition', what, 'condition', 'Condition');
        return;
    }
    if (!known.has(parsed.data.property.trim())) {
        add('warning', 'unknown-condition-property', `names "${parsed.data.property}", which is not a known job property`, 'condition', 'Condition');
    }
}

function listOf(phases: readonly Phase[]): string {
    return phases.length > 1 ? `${phases.slice(0, -1).join(', ')} or ${phases[phases.length - 1]}` : phases[0] ?? 'no phase';
}
