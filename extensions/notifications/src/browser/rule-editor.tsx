import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { PRESSWORK_EVENT_NAMES, type PressworkEventName } from '@presswork/platform/lib/common/presswork-events';
import { EVENT_CATALOG } from '../common/event-catalog';
import { ENVELOPE_PLACEHOLDERS, payloadPropertiesOf } from '../common/rule-validation';
import {
    COMPARISONS, type Comparison, type MessagePreview, type NotificationRuleInput, type RecipientUser, type WebhookEndpointView
} from '../common/notifications-protocol';
import { Field, FieldProblem } from './form-parts';
import { MessagePreviewView } from './message-preview';
import {
    type ConditionDraft, type RuleDraft, canAddCondition, checkRuleDraft, propertyChoices, withCondition, withEvent
} from './rule-draft';

export const COMPARISON_LABELS: Readonly<Record<Comparison, string>> = {
    'equals': nls.localize('presswork/notifications/equals', 'is'),
    'not-equals': nls.localize('presswork/notifications/notEquals', 'is not'),
    'contains': nls.localize('presswork/notifications/contains', 'contains'),
    'not-contains': nls.localize('presswork/notifications/notContains', 'does not contain'),
    'greater-than': nls.localize('presswork/notifications/greaterThan', 'is greater than'),
    'less-than': nls.localize('presswork/notifications/lessThan', 'is less than')
};

export interface RuleEditorProps {
    readonly initial: RuleDraft;
    readonly users: readonly RecipientUser[];
    readonly endpoints: readonly WebhookEndpointView[];
    /** After a Save was refused: every problem shows, not only those of fields already touched. */
    readonly showAllProblems: boolean;
    readonly onChange: (draft: RuleDraft) => void;
    readonly preview: (input: NotificationRuleInput) => Promise<MessagePreview>;
}

interface PreviewState {
    readonly busy?: boolean;
    readonly result?: MessagePreview;
    readonly error?: string;
}

/** The rule editor's body: what happens, on which conditions, to whom, saying what, how often. */
export function RuleEditor(props: RuleEditorProps): React.ReactElement {
    const [draft, setDraft] = React.useState(props.initial);
    const [touched, setTouched] = React.useState<ReadonlySet<string>>(new Set());
    const [preview, setPreview] = React.useState<PreviewState>({});
    const problems = React.useMemo(() => checkRuleDraft(draft).problems, [draft]);
    const problemOf = (key: string): string | undefined => props.showAllProblems || touched.has(key) ? problems[key] : undefined;

    const change = (next: RuleDraft, ...keys: string[]): void => {
        setDraft(next);
        setTouched(previous => new Set([...previous, ...keys]));
        props.onChange(next);
    };
    const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]): void => change({ ...draft, [key]: value }, key);
    const setTemplate = (key: 'subject' | 'text' | 'html', value: string): void => change({ ...draft, [key]: value, templateEdited: true }, key);

    const runPreview = async (): Promise<void> => {
        const checked = checkRuleDraft(draft);
        if (!checked.input) {
            setTouched(new Set(Object.keys(checked.problems)));
            setPreview({ error: nls.localize('presswork/notifications/previewFixFirst', 'Fix the fields marked first.') });
            return;
        }
        setPreview({ busy: true });
        try {
            setPreview({ result: await props.preview(checked.input) });
        } catch (error) {
            setPreview({ error: messageOf(error) });
        }
    };

    const entry = EVENT_CATALOG[draft.event];
    return <div className='presswork-form presswork-notifications-rule-editor'>
        <Field id='presswork-rule-name' label={nls.localize('presswork/notifications/ruleName', 'Name')} problem={problemOf('name')}>
            <input id='presswork-rule-name' className='theia-input' value={draft.name} autoComplete='off' spellCheck={false} onChange={event => set('name', event.target.value)} />
        </Field>
        <div className='presswork-form-row presswork-form-checkbox'>
            <input id='presswork-rule-enabled' type='checkbox' checked={draft.enabled} onChange={event => set('enabled', event.target.checked)} />
            <label htmlFor='presswork-rule-enabled'>{nls.localize('presswork/notifications/ruleEnabled', 'On')}</label>
        </div>
        <Field id='presswork-rule-event' label={nls.localize('presswork/notifications/ruleEvent', 'Event')} problem={problemOf('event')} help={entry.description}>
            <select id='presswork-rule-event' className='theia-select' value={draft.event} onChange={event => change(withEvent(draft, event.target.value as PressworkEventName), 'event')}>
                {PRESSWORK_EVENT_NAMES.map(name => <option key={name} value={name}>{EVENT_CATALOG[name].label}</option>)}
            </select>
        </Field>
        <ConditionsEditor draft={draft} change={change} problemOf={problemOf} />
        <Field id='presswork-rule-channel' label={nls.localize('presswork/notifications/ruleChannel', 'Send by')}>
            <select id='presswork-rule-channel' className='theia-select' value={draft.channel} onChange={event => set('channel', event.target.value as RuleDraft['channel'])}>
                <option value='email'>{nls.localize('presswork/notifications/channelEmail', 'E-mail')}</option>
                <option value='webhook'>{nls.localize('presswork/notifications/channelWebhook', 'Webhook')}</option>
            </select>
        </Field>
        {draft.channel === 'email'
            ? <RecipientsEditor draft={draft} users={props.users} set={set} problemOf={problemOf} />
            : <Field id='presswork-rule-endpoint' label={nls.localize('presswork/notifications/ruleEndpoint', 'Endpoint')} problem={problemOf('endpointId')}
                help={props.endpoints.length ? undefined : nls.localize('presswork/notifications/noEndpointsYet', 'No webhook endpoints yet: add one under Webhooks first.')}>
                <select id='presswork-rule-endpoint' className='theia-select' value={draft.endpointId} onChange={event => set('endpointId', event.target.value)}>
                    <option value=''>{nls.localize('presswork/notifications/chooseEndpoint', 'Choose an endpoint')}</option>
                    {props.endpoints.map(endpoint => <option key={endpoint.id} value={endpoint.id}>{endpoint.name}</option>)}
                </select>
            </Field>}
        <fieldset className='presswork-notifications-fieldset'>
            <legend>{nls.localize('presswork/notifications/template', 'Message')}</legend>
            <p className='presswork-form-help' data-field='placeholders'>{nls.localize('presswork/notifications/placeholders', 'Placeholders: {0}',
                [...payloadPropertiesOf(draft.event), ...ENVELOPE_PLACEHOLDERS].map(name => `{${name}}`).join(' '))}</p>
            <Field id='presswork-rule-subject' label={nls.localize('presswork/notifications/subject', 'Subject')} problem={problemOf('subject')}>
                <input id='presswork-rule-subject' className='theia-input' value={draft.subject} spellCheck={false} onChange={event => setTemplate('subject', event.target.value)} />
            </Field>
            <Field id='presswork-rule-text' label={nls.localize('presswork/notifications/text', 'Text')} problem={problemOf('text')}>
                <textarea id='presswork-rule-text' className='theia-input' rows={4} value={draft.text} onChange={event => setTemplate('text', event.target.value)} />
            </Field>
            <Field id='presswork-rule-html' label={nls.localize('presswork/notifications/html', 'HTML (optional)')} problem={problemOf('html')}
                help={nls.localize('presswork/notifications/htmlHelp', 'Left empty, the text is sent as HTML too.')}>
                <textarea id='presswork-rule-html' className='theia-input' rows={3} value={draft.html} spellCheck={false} onChange={event => setTemplate('html', event.target.value)} />
            </Field>
        </fieldset>
        <fieldset className='presswork-notifications-fieldset'>
            <legend>{nls.localize('presswork/notifications/storm', 'Storm control')}</legend>
            <Field id='presswork-rule-quiet' label={nls.localize('presswork/notifications/quietMinutes', 'Quiet period (minutes)')} problem={problemOf('quietMinutes')}
                help={nls.localize('presswork/notifications/quietHelp', 'At most one message per job, printer or connection in this time.')}>
                <input id='presswork-rule-quiet' className='theia-input' type='number' min={0} max={1440} value={draft.quietMinutes} onChange={event => set('quietMinutes', event.target.value)} />
            </Field>
            <Field id='presswork-rule-digest' label={nls.localize('presswork/notifications/digestAbove', 'Digest above (events a minute)')} problem={problemOf('digestAbove')}
                help={nls.localize('presswork/notifications/digestHelp', 'More matches than this within a minute make one digest message.')}>
                <input id='presswork-rule-digest' className='theia-input' type='number' min={1} max={1000} value={draft.digestAbove} onChange={event => set('digestAbove', event.target.value)} />
            </Field>
        </fieldset>
        <div className='presswork-toolbar'>
            <button type='button' className='theia-button secondary' disabled={preview.busy} onClick={runPreview}>{nls.localize('presswork/notifications/preview', 'Preview')}</button>
            {preview.busy && <span className='presswork-form-help'>{nls.localize('presswork/notifications/previewing', 'Filling the message in with a sample event…')}</span>}
        </div>
        {preview.error && <p className='presswork-error' role='alert' data-field='previewError'>{preview.error}</p>}
        {preview.result && <MessagePreviewView preview={preview.result} />}
    </div>;
}

interface PartProps {
    readonly draft: RuleDraft;
    readonly problemOf: (key: string) => string | undefined;
}

/** Up to three conditions on the event's properties, all of which must hold. */
function ConditionsEditor(props: PartProps & { change: (draft: RuleDraft, ...keys: string[]) => void }): React.ReactElement {
    const { draft } = props;
    const properties = payloadPropertiesOf(draft.event);
    const setCondition = (index: number, condition: ConditionDraft, key: string): void =>
        props.change({ ...draft, conditions: draft.conditions.map((existing, at) => at === index ? condition : existing) }, `conditions.${index}.${key}`);
    return <fieldset className='presswork-notifications-fieldset' data-field='conditions'>
        <legend>{nls.localize('presswork/notifications/conditions', 'Conditions (all must hold)')}</legend>
        {draft.conditions.length === 0 && <p className='presswork-form-help'>{nls.localize('presswork/notifications/noConditions', 'None: every event of this kind matches.')}</p>}
        {draft.conditions.map((condition, index) => {
            const number = index + 1;
            const choices = propertyChoices(draft.event, condition.property);
            const valueLabel = nls.localize('presswork/notifications/conditionValue', 'Value of condition {0}', number);
            return <div className='presswork-notifications-condition' key={index} data-condition={number}>
                <select className='theia-select' aria-label={nls.localize('presswork/notifications/conditionProperty', 'Property of condition {0}', number)} value={condition.property}
                    onChange={event => {
                        const property = event.target.value;
                        const values = propertyChoices(draft.event, property);
                        setCondition(index, { ...condition, property, value: values && !values.includes(condition.value) ? values[0] : condition.value }, 'property');
                    }}>
                    {properties.map(property => <option key={property} value={property}>{property}</option>)}
                </select>
                <select className='theia-select' aria-label={nls.localize('presswork/notifications/conditionComparison', 'Comparison of condition {0}', number)} value={condition.comparison}
                    onChange={event => setCondition(index, { ...condition, comparison: event.target.value as Comparison }, 'comparison')}>
                    {COMPARISONS.map(comparison => <option key={comparison} value={comparison}>{COMPARISON_LABELS[comparison]}</option>)}
                </select>
                {choices
                    ? <select className='theia-select' aria-label={valueLabel} value={condition.value} onChange={event => setCondition(index, { ...condition, value: event.target.value }, 'value')}>
                        {choices.map(choice => <option key={choice} value={choice}>{choice}</option>)}
                    </select>
                    : <input className='theia-input' aria-label={valueLabel} value={condition.value} spellCheck={false}
                        onChange={event => setCondition(index, { ...condition, value: event.target.value }, 'value')} />}
                <button type='button' className='theia-button secondary' aria-label={nls.localize('presswork/notifications/removeConditionOf', 'Remove condition {0}', number)}
                    onClick={() => props.change({ ...draft, conditions: draft.conditions.filter((_, at) => at !== index) }, 'conditions')}>
                    {nls.localize('presswork/notifications/removeCondition', 'Remove')}
                </button>
                <FieldProblem id={`condition-${number}`} problem={props.problemOf(`conditions.${index}.property`) ?? props.problemOf(`conditions.${index}.value`)} />
            </div>;
        })}
        <button type='button' className='theia-button secondary' disabled={!canAddCondition(draft)} onClick={() => props.change(withCondition(draft), 'conditions')}>
            {nls.localize('presswork/notifications/addCondition', 'Add condition')}
        </button>
        <FieldProblem id='conditions' problem={props.problemOf('conditions')} />
    </fieldset>;
}

/** Users with an e-mail address, fixed addresses and, for order and job events, the order's customer. */
function RecipientsEditor(props: PartProps & { users: readonly RecipientUser[]; set: <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => void }): React.ReactElement {
    const { draft } = props;
    const withEmail = props.users.filter(user => user.email);
    const withoutEmail = props.users.length - withEmail.length;
    const toggleUser = (id: string, checked: boolean): void =>
        props.set('userIds', checked ? [...draft.userIds, id] : draft.userIds.filter(userId => userId !== id));
    return <fieldset className='presswork-notifications-fieldset' data-field='recipients'>
        <legend>{nls.localize('presswork/notifications/recipients', 'Recipients')}</legend>
        {withEmail.map(user => <div className='presswork-form-row presswork-form-checkbox' key={user.id}>
            <input id={`presswork-rule-user-${user.id}`} type='checkbox' checked={draft.userIds.includes(user.id)} onChange={event => toggleUser(user.id, event.target.checked)} />
            <label htmlFor={`presswork-rule-user-${user.id}`}>{nls.localize('presswork/notifications/userWithEmail', '{0} ({1})', user.name, user.email ?? '')}</label>
        </div>)}
        {withoutEmail > 0 && <p className='presswork-form-help'>{nls.localize('presswork/notifications/usersWithoutEmail',
            '{0} users have no e-mail address; give them one in the Users view to choose them here.', withoutEmail)}</p>}
        <Field id='presswork-rule-addresses' label={nls.localize('presswork/notifications/addresses', 'Other addresses')} problem={props.problemOf('addresses')}
            help={nls.localize('presswork/notifications/addressesHelp', 'Separated by commas.')}>
            <input id='presswork-rule-addresses' className='theia-input' value={draft.addresses} spellCheck={false} autoComplete='off' onChange={event => props.set('addresses', event.target.value)} />
        </Field>
        {EVENT_CATALOG[draft.event].aboutOrder && <div className='presswork-form-row presswork-form-checkbox'>
            <input id='presswork-rule-customer' type='checkbox' checked={draft.customer} onChange={event => props.set('customer', event.target.checked)} />
            <label htmlFor='presswork-rule-customer'>{nls.localize('presswork/notifications/customer', 'The order\'s customer')}</label>
        </div>}
        <FieldProblem id='recipients' problem={props.problemOf('recipients')} />
    </fieldset>;
}
