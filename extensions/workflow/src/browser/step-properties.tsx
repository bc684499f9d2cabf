import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { codicon } from './workflow-icons';
import type { ActivityPropertyField } from '@presswork/platform/lib/common/activity-ui-contribution';
import type { PrinterChoice } from '../common/workflow-protocol';
import type { StepCondition } from '@presswork/platform/lib/common/workflow-schema';
import { StepLocation, WorkflowDraft, defaultPropertiesOf, valuesEqual } from '../common/workflow-editor-model';
import { ResolvedActivity, WorkflowProblem, stepName } from '../common/workflow-validation';
import { phasesText } from './activity-catalog';
import type { WorkflowDesignerController } from './workflow-designer-controller';

export const PROPERTIES_PANEL_ID = 'presswork-workflow-properties';
const KNOWN_PROPERTIES_LIST = 'presswork-workflow-known-properties';

export interface StepPropertiesProps {
    readonly controller: WorkflowDesignerController;
    readonly location: StepLocation | undefined;
    readonly activity: ResolvedActivity | undefined;
    readonly draft: WorkflowDraft;
    /** Problems of the selected step, or of the workflow when none is selected. */
    readonly problems: readonly WorkflowProblem[];
    readonly printers: readonly PrinterChoice[];
    readonly knownProperties: readonly string[];
    readonly readOnly: boolean;
    readonly canEditJobDefaults: boolean;
}

/**
 * The Properties panel: a form generated from the selected step's activity fields, checked by its
 * schema through validation (errors inline), its label and its condition; with no step selected,
 * the workflow's name, description and job defaults.
 */
export function StepProperties(props: StepPropertiesProps): React.ReactElement {
    const { location, activity, controller, readOnly } = props;
    return <aside id={PROPERTIES_PANEL_ID} className='presswork-workflow-properties' aria-label={nls.localize('presswork/workflow/properties', 'Properties')}>
        <h3 className='presswork-workflow-panel-title'>{nls.localize('presswork/workflow/properties', 'Properties')}</h3>
        <datalist id={KNOWN_PROPERTIES_LIST}>{props.knownProperties.map(property => <option key={property} value={property} />)}</datalist>
        {location
            ? <StepForm key={location.step.id} {...props} location={location} activity={activity} />
            : <WorkflowForm draft={props.draft} problems={props.problems} controller={controller} readOnly={readOnly} canEditJobDefaults={props.canEditJobDefaults} />}
    </aside>;
}

function StepForm(props: StepPropertiesProps & { location: StepLocation }): React.ReactElement {
    const { location, activity, controller, readOnly, problems } = props;
    const { step } = location;
    const model = controller.model;
    const general = problems.filter(problem => !problem.field);
    const fieldProblem = (key: string): WorkflowProblem | undefined => problems.find(problem => problem.field === key);
    // What the engine uses where the step has no value of its own: the schema's and custom defaults.
    const defaults = React.useMemo(() => activity ? defaultPropertiesOf(activity) : {}, [activity]);
    const disabled = readOnly;

    return <div className='presswork-workflow-form' aria-label={nls.localize('presswork/workflow/propertiesOf', 'Properties of {0}', stepName(step, activity))}>
        <div className='presswork-workflow-form-heading'>
            <span className={`presswork-step-icon ${activity?.iconClass ?? codicon('question')}`} aria-hidden />
            <div>
                <div className='presswork-workflow-form-title'>{activity?.label ?? nls.localize('presswork/workflow/unknownActivity', 'Unknown activity {0}', step.activity)}
                    {activity?.protected && <span className='presswork-badge' title={nls.localize('presswork/workflow/protectedTitle', 'Protected: it cannot be copied; its step may be moved within its phases and its properties set')}>{nls.localize('presswork/workflow/protectedBadge', 'protected')}</span>}
                </div>
                {activity && <div className='presswork-form-help'>{nls.localize('presswork/workflow/activityHelp', '{0} Phases: {1}.', activity.description, phasesText(activity.allowedPhases))}</div>}
            </div>
        </div>
        {general.map((problem, index) => <ProblemNote key={index} problem={problem} />)}
        <Row id='presswork-step-label' label={nls.localize('presswork/workflow/stepLabel', 'Label')} help={nls.localize('presswork/workflow/stepLabelHelp', 'Shown on the card; empty shows "{0}".', activity?.label ?? step.activity)}>
            <SyncedInput id='presswork-step-label' value={step.label ?? ''} placeholder={activity?.label} disabled={disabled}
                onText={text => model.setStepLabel(step.id, text)} />
        </Row>
        {activity?.fields.map(field => <PropertyField key={field.key} field={field} stepId={step.id}
            value={step.properties?.[field.key] ?? defaults[field.key]}
            hint={defaults[field.key]} problem={fieldProblem(field.key)}
            printers={props.printers} disabled={disabled} controller={controller} />)}
        {activity && !activity.fields.length && <p className='presswork-form-help'>{nls.localize('presswork/workflow/noSettings', 'This activity has no settings.')}</p>}
        <ConditionEditor stepId={step.id} condition={step.condition} problem={fieldProblem('condition')} disabled={disabled} controller={controller} />
        {!readOnly && <div className='presswork-workflow-form-actions'>
            <button className='theia-button secondary' onClick={() => controller.deleteSelected()} title={nls.localize('presswork/workflow/deleteStepTitle', 'Delete (Del)')}>
                <span className={codicon('trash')} aria-hidden /> {nls.localize('presswork/workflow/deleteStep', 'Delete step')}
            </button>
            {activity && !activity.protected && <button className='theia-button secondary' onClick={() => controller.host.saveStepAsCustomActivity(step.id)}
                title={nls.localize('presswork/workflow/saveAsCustomTitle', 'Keep this activity with these settings in the palette, under Custom')}>
                <span className={codicon('save-as')} aria-hidden /> {nls.localize('presswork/workflow/saveAsCustom', 'Save as custom activity…')}
            </button>}
        </div>}
    </div>;
}

function WorkflowForm(props: { draft: WorkflowDraft; problems: readonly WorkflowProblem[]; controller: WorkflowDesignerController; readOnly: boolean; canEditJobDefaults: boolean }): React.ReactElement {
    const { draft, controller, readOnly } = props;
    const nameProblem = props.problems.find(problem => problem.field === 'name');
    const defaults = Object.entries(draft.jobDefaults);
    const overrides = Object.entries(draft.jobOverrides);
    return <div className='presswork-workflow-form' aria-label={nls.localize('presswork/workflow/workflowProperties', 'Workflow properties')}>
        <Row id='presswork-workflow-name' label={nls.localize('presswork/workflow/workflowName', 'Name')} problem={nameProblem}>
            <SyncedInput id='presswork-workflow-name' value={draft.name} disabled={readOnly} invalid={!!nameProblem}
                onText={text => controller.model.rename(text)} />
        </Row>
        <Row id='presswork-workflow-description' label={nls.localize('presswork/workflow/workflowDescription', 'Description')}>
            <SyncedInput id='presswork-workflow-description' multiline value={draft.description} disabled={readOnly}
                onText={text => controller.model.describe(text)} />
        </Row>
        <div className='presswork-form-row'>
            <span className='presswork-workflow-form-label'>{nls.localize('presswork/workflow/jobDefaultsLabel', 'Job defaults')}</span>
            <span className='presswork-form-help'>{defaults.length ? defaults.map(([key, value]) => nls.localize('presswork/workflow/propertyValue', '{0} = {1}', key, value)).join(', ') : nls.localize('presswork/workflow/none', 'None')}</span>
            <span className='presswork-workflow-form-label'>{nls.localize('presswork/workflow/jobOverridesLabel', 'Job overrides')}</span>
            <span className='presswork-form-help'>{overrides.length ? overrides.map(([key, value]) => nls.localize('presswork/workflow/propertyValue', '{0} = {1}', key, value)).join(', ') : nls.localize('presswork/workflow/none', 'None')}</span>
            {props.canEditJobDefaults && <button className='theia-button secondary' onClick={() => controller.host.editJobDefaults()}>{nls.localize('presswork/workflow/jobDefaultsButton', 'Job defaults…')}</button>}
        </div>
        <p className='presswork-form-help'>{nls.localize('presswork/workflow/selectStepHelp', 'Select a step to edit its properties. Drag activities from the palette into a lane, or focus one and press Enter.')}</p>
    </div>;
}

function Row(props: { id: string; label: string; help?: string; problem?: WorkflowProblem; checkbox?: boolean; children: React.ReactNode }): React.ReactElement {
    return <div className={`presswork-form-row${props.checkbox ? ' presswork-workflow-checkbox-row' : ''}${props.problem ? ` presswork-form-row--${props.problem.severity}` : ''}`}>
        <label htmlFor={props.id}>{props.label}</label>
        {props.children}
        {props.problem && <span id={`${props.id}-problem`} className={`presswork-field-problem presswork-field-problem--${props.problem.severity}`}>
            <span className={codicon(props.problem.severity)} aria-hidden /> {props.problem.detail}
        </span>}
        {props.help && <span className='presswork-form-help'>{props.help}</span>}
    </div>;
}

function ProblemNote({ problem }: { problem: WorkflowProblem }): React.ReactElement {
    return <p className={`presswork-field-problem presswork-field-problem--${problem.severity}`}>
        <span className={codicon(problem.severity)} aria-hidden /> {problem.detail}
    </p>;
}

/**
 * Text typed here is kept locally while the model catches up, so the cursor never jumps; a value
 * changed from outside (undo, redo, reload) replaces it.
 */
function useSyncedText(external: string): [string, (text: string, committedAs?: string) => void] {
    const [text, setText] = React.useState(external);
    const expected = React.useRef(external);
    React.useEffect(() => {
        if (external !== expected.current) {
            expected.current = external;
            setText(external);
        }
    }, [external]);
    return [text, (next, committedAs = next) => {
        expected.current = committedAs;
        setText(next);
    }];
}

interface SyncedInputProps {
    readonly id: string;
    readonly value: string;
    readonly onText: (text: string) => void;
    readonly disabled?: boolean;
    readonly placeholder?: string;
    readonly multiline?: boolean;
    readonly invalid?: boolean;
    readonly type?: 'text' | 'number';
    /** What the model will hold for a text, when it is not the text itself (numbers, lists). */
    readonly normalise?: (text: string) => string;
    readonly list?: string;
}

function SyncedInput(props: SyncedInputProps): React.ReactElement {
    const [text, setText] = useSyncedText(props.value);
    const onChange = (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): void => {
        const next = event.target.value;
        setText(next, props.normalise ? props.normalise(next) : next);
        props.onText(next);
    };
    const common = {
        id: props.id, value: text, disabled: props.disabled, placeholder: props.placeholder, onChange, spellCheck: false,
        'aria-invalid': props.invalid || undefined, 'aria-describedby': props.invalid ? `${props.id}-problem` : undefined
    };
    return props.multiline
        ? <textarea className='theia-input presswork-workflow-textarea' rows={3} {...common} />
        : <input className='theia-input' type={props.type ?? 'text'} autoComplete='off' list={props.list} {...common} />;
}

interface PropertyFieldProps {
    readonly field: ActivityPropertyField;
    readonly stepId: string;
    readonly value: unknown;
    /** The field's default, telling a list of numbers from a list of texts. */
    readonly hint: unknown;
    readonly problem: WorkflowProblem | undefined;
    readonly printers: readonly PrinterChoice[];
    readonly disabled: boolean;
    readonly controller: WorkflowDesignerController;
}

function PropertyField(props: PropertyFieldProps): React.ReactElement {
    const { field, stepId, value, problem, disabled, controller } = props;
    const id = `presswork-step-field-${field.key}`;
    const set = (next: unknown): void => {
        controller.model.setStepProperty(stepId, field.key, next);
    };
    const invalid = problem?.severity === 'error';
    const describedBy = problem ? `${id}-problem` : undefined;
    if (field.kind === 'choice-list') {
        return <ChoiceListField id={id} field={field} value={value} problem={problem} disabled={disabled} onChosen={set} />;
    }
    let input: React.ReactNode;
    switch (field.kind) {
        case 'boolean':
            input = <input id={id} type='checkbox' checked={value === true} disabled={disabled} aria-describedby={describedBy}
                onChange={event => set(event.target.checked)} />;
            break;
        case 'choice':
            input = <select id={id} className='theia-select' value={typeof value === 'string' ? value : ''} disabled={disabled}
                aria-invalid={invalid || undefined} aria-describedby={describedBy} onChange={event => set(event.target.value)}>
                {field.choices?.map(choice => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
            </select>;
            break;
        case 'printer': {
            const current = typeof value === 'string' ? value : '';
            const known = props.printers.some(printer => printer.id === current);
            input = <select id={id} className='theia-select' value={current} disabled={disabled}
                aria-invalid={invalid || undefined} aria-describedby={describedBy} onChange={event => set(event.target.value)}>
                <option value=''>{nls.localize('presswork/workflow/choosePrinter', 'Choose a printer…')}</option>
                {props.printers.map(printer => <option key={printer.id} value={printer.id}>{printer.enabled ? printer.name : nls.localize('presswork/workflow/disabledPrinter', '{0} (disabled)', printer.name)}</option>)}
                {current && !known && <option value={current}>{nls.localize('presswork/workflow/missingPrinter', '{0} (missing)', current)}</option>}
            </select>;
            break;
        }
        case 'number':
            input = <SyncedInput id={id} type='number' value={value === undefined ? '' : String(value)} disabled={disabled} invalid={invalid}
                normalise={text => String(parseNumber(text) ?? '')}
                onText={text => set(parseNumber(text))} />;
            break;
        case 'text-list': {
            const numeric = Array.isArray(props.hint) && typeof props.hint[0] === 'number';
            const lines = Array.isArray(value) ? value.map(String).join('\n') : '';
            input = <SyncedInput id={id} multiline value={lines} disabled={disabled} invalid={invalid}
                normalise={text => parseList(text, numeric).map(String).join('\n')}
                onText={text => set(parseList(text, numeric))} />;
            break;
        }
        default:
            input = <SyncedInput id={id} value={typeof value === 'string' ? value : value === undefined ? '' : String(value)} disabled={disabled} invalid={invalid}
                onText={text => set(text)} />;
    }
    return <Row id={id} label={field.label} help={field.help} problem={problem} checkbox={field.kind === 'boolean'}>{input}</Row>;
}

/**
 * Any number of a field's choices as a group of check boxes named by the field's label. A stored
 * value the field does not offer (any more) shows as a box of its own, so it can be unchecked and
 * nothing is dropped unseen; the schema names it meanwhile.
 */
function ChoiceListField(props: { id: string; field: ActivityPropertyField; value: unknown; problem: WorkflowProblem | undefined; disabled: boolean; onChosen: (values: string[]) => void }): React.ReactElement {
    const { id, field, problem } = props;
    const chosen = chosenValues(props.value);
    const offered = field.choices ?? [];
    const unknown = chosen.filter(value => !offered.some(choice => choice.value === value))
        .map(value => ({ value, label: nls.localize('presswork/workflow/unknownChoice', '{0} (not offered)', value) }));
    const rowClass = `presswork-form-row presswork-workflow-choice-list${problem ? ` presswork-form-row--${problem.severity}` : ''}`;
    return <div className={rowClass} role='group' aria-labelledby={`${id}-label`} aria-describedby={problem ? `${id}-problem` : undefined}>
        <span id={`${id}-label`} className='presswork-workflow-form-label'>{field.label}</span>
        {[...offered, ...unknown].map(choice => <label key={choice.value} className='presswork-workflow-checkbox'>
            <input type='checkbox' id={`${id}-${choice.value}`} value={choice.value} checked={chosen.includes(choice.value)} disabled={props.disabled}
                onChange={event => props.onChosen(toggleChoice(chosen, choice.value, event.target.checked, offered))} />
            {choice.label}
        </label>)}
        {problem && <span id={`${id}-problem`} className={`presswork-field-problem presswork-field-problem--${problem.severity}`}>
            <span className={codicon(problem.severity)} aria-hidden /> {problem.detail}
        </span>}
        {field.help && <span className='presswork-form-help'>{field.help}</span>}
    </div>;
}

function chosenValues(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * The values chosen once `value` is checked or unchecked: in the order the field offers them (so
 * checking the same boxes in another order is no change), values it does not offer kept after them.
 */
export function toggleChoice(chosen: readonly string[], value: string, checked: boolean, offered: readonly { readonly value: string }[]): string[] {
    const next = new Set(chosen.filter(each => each !== value));
    if (checked) {
        next.add(value);
    }
    const inOrder = offered.map(choice => choice.value).filter(each => next.has(each));
    return [...inOrder, ...[...next].filter(each => !inOrder.includes(each))];
}

/** A number, or the text itself when it is not one (the schema then names the field). */
export function parseNumber(text: string): number | string | undefined {
    if (!text.trim()) {
        return undefined;
    }
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
}

function parseList(text: string, numeric: boolean): (string | number)[] {
    return text.split('\n').filter(line => line.trim() !== '').map(line => {
        if (!numeric) {
            return line;
        }
        const number = Number(line.trim());
        return Number.isFinite(number) ? number : line;
    });
}

const COMPARISON_LABELS: readonly { value: StepCondition['comparison']; label: string }[] = [
    { value: 'equals', label: nls.localize('presswork/workflow/equals', 'equals') },
    { value: 'not-equals', label: nls.localize('presswork/workflow/notEquals', 'does not equal') },
    { value: 'contains', label: nls.localize('presswork/workflow/conditionContains', 'contains') },
    { value: 'greater-than', label: nls.localize('presswork/workflow/greaterThan', 'is greater than') },
    { value: 'less-than', label: nls.localize('presswork/workflow/lessThan', 'is less than') }
];

type ValueKind = 'text' | 'number' | 'boolean';

function ConditionEditor(props: { stepId: string; condition: StepCondition | undefined; problem: WorkflowProblem | undefined; disabled: boolean; controller: WorkflowDesignerController }): React.ReactElement {
    const { stepId, condition, problem, disabled, controller } = props;
    const model = controller.model;
    const update = (change: Partial<StepCondition>): void => {
        if (condition) {
            const next = { ...condition, ...change };
            if (!valuesEqual(next, condition)) {
                model.setCondition(stepId, next);
            }
        }
    };
    const kind: ValueKind = typeof condition?.value === 'number' ? 'number' : typeof condition?.value === 'boolean' ? 'boolean' : 'text';
    const changeKind = (next: ValueKind): void => {
        const value = condition?.value;
        update({ value: next === 'number' ? (Number(value) || 0) : next === 'boolean' ? value === true || value === 'true' : String(value ?? '') });
    };
    return <fieldset className={`presswork-workflow-condition${problem ? ` presswork-form-row--${problem.severity}` : ''}`}>
        <legend>{nls.localize('presswork/workflow/condition', 'Condition')}</legend>
        <label className='presswork-workflow-checkbox'>
            <input type='checkbox' id='presswork-step-condition' checked={!!condition} disabled={disabled}
                onChange={event => event.target.checked
                    ? model.setCondition(stepId, { property: '', comparison: 'equals', value: '' })
                    : model.clearCondition(stepId)} />
            {nls.localize('presswork/workflow/runOnlyWhen', 'Run only when a job property matches')}
        </label>
        {condition && <div className='presswork-workflow-condition-fields'>
            <label htmlFor='presswork-condition-property'>{nls.localize('presswork/workflow/conditionProperty', 'Property')}</label>
            <SyncedInput id='presswork-condition-property' value={condition.property} disabled={disabled} list={KNOWN_PROPERTIES_LIST}
                invalid={!!problem} placeholder={nls.localize('presswork/workflow/conditionPropertyPlaceholder', 'e.g. copies')} onText={text => update({ property: text.trim() })} normalise={text => text.trim()} />
            <label htmlFor='presswork-condition-comparison'>{nls.localize('presswork/workflow/comparison', 'Comparison')}</label>
            <select id='presswork-condition-comparison' className='theia-select' value={condition.comparison} disabled={disabled}
                onChange={event => update({ comparison: event.target.value as StepCondition['comparison'] })}>
                {COMPARISON_LABELS.map(option => <option key={option.value} value={option.value}>{option.label}</option>)}
            </select>
            <label htmlFor='presswork-condition-value'>{nls.localize('presswork/workflow/value', 'Value')}</label>
            <div className='presswork-workflow-condition-value'>
                <select className='theia-select' aria-label={nls.localize('presswork/workflow/kindOfValue', 'Kind of value')} value={kind} disabled={disabled} onChange={event => changeKind(event.target.value as ValueKind)}>
                    <option value='text'>{nls.localize('presswork/workflow/kindText', 'Text')}</option>
                    <option value='number'>{nls.localize('presswork/workflow/kindNumber', 'Number')}</option>
                    <option value='boolean'>{nls.localize('presswork/workflow/kindBoolean', 'Yes/No')}</option>
                </select>
                {kind === 'boolean'
                    ? <select id='presswork-condition-value' className='theia-select' value={String(condition.value)} disabled={disabled}
                        onChange={event => update({ value: event.target.value === 'true' })}>
                        <option value='true'>{nls.localize('presswork/workflow/yes', 'Yes')}</option>
                        <option value='false'>{nls.localize('presswork/workflow/no', 'No')}</option>
                    </select>
                    : <SyncedInput id='presswork-condition-value' key={kind} type={kind === 'number' ? 'number' : 'text'} value={String(condition.value)} disabled={disabled}
                        normalise={text => kind === 'number' ? String(Number(text) || 0) : text}
                        onText={text => update({ value: kind === 'number' ? Number(text) || 0 : text })} />}
            </div>
        </div>}
        {problem && <span id='presswork-condition-property-problem' className={`presswork-field-problem presswork-field-problem--${problem.severity}`}>
            <span className={codicon(problem.severity)} aria-hidden /> {problem.detail}
        </span>}
    </fieldset>;
}
