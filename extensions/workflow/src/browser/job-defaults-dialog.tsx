import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { DialogError, DialogMode, DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import { codicon } from './workflow-icons';
import { JobProperties, JobPropertiesSchema, JobPropertyValue } from '@presswork/platform/lib/common/job-schema';
import { messageOf } from '@presswork/platform/lib/common/errors';

export interface JobDefaults {
    readonly jobDefaults: JobProperties;
    readonly jobOverrides: JobProperties;
}

export interface JobDefaultsDialogOptions extends JobDefaults {
    readonly workflowName: string;
    /** Property names to suggest. */
    readonly knownProperties: readonly string[];
    /** Runs on OK; if it fails, its message stays in the dialog and nothing typed is lost. */
    readonly submit: (value: JobDefaults) => Promise<unknown>;
}

type ValueKind = 'text' | 'number' | 'boolean';
interface PropertyRow {
    readonly id: number;
    key: string;
    kind: ValueKind;
    value: string;
}
type Group = 'jobDefaults' | 'jobOverrides';

const GROUPS: readonly { group: Group; title: string; help: string }[] = [
    { group: 'jobDefaults', title: nls.localize('presswork/workflow/jobDefaultsLabel', 'Job defaults'), help: nls.localize('presswork/workflow/jobDefaultsHelp', 'Create Job sets these where the job has no value of its own.') },
    { group: 'jobOverrides', title: nls.localize('presswork/workflow/jobOverridesLabel', 'Job overrides'), help: nls.localize('presswork/workflow/jobOverridesHelp', 'Create Job sets these after the defaults, whatever the job had.') }
];

/**
 * The job defaults and overrides of a workflow as rows of name, kind and value. Inputs are
 * uncontrolled, so typing never jumps the cursor; rows are re-rendered only when added, removed or
 * changed in kind.
 */
export class JobDefaultsDialog extends ReactDialog<JobDefaults | undefined> {
    protected nextId = 0;
    protected readonly rows: Record<Group, PropertyRow[]>;
    protected submitting = false;

    constructor(protected readonly options: JobDefaultsDialogOptions) {
        super({ title: nls.localize('presswork/workflow/jobDefaultsOf', 'Job defaults of {0}', options.workflowName), maxWidth: 640 } as DialogProps);
        this.rows = {
            jobDefaults: this.rowsOf(options.jobDefaults),
            jobOverrides: this.rowsOf(options.jobOverrides)
        };
        this.appendCloseButton();
        this.appendAcceptButton(nls.localize('presswork/workflow/save', 'Save'));
    }

    get value(): JobDefaults | undefined {
        const parsed = this.parse();
        return typeof parsed === 'string' ? undefined : parsed;
    }

    protected rowsOf(properties: JobProperties): PropertyRow[] {
        return Object.entries(properties).map(([key, value]) => ({
            id: this.nextId++,
            key,
            kind: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text',
            value: String(value)
        }));
    }

    /** The properties, or the first problem found. */
    protected parse(): JobDefaults | string {
        const result: Record<Group, Record<string, JobPropertyValue>> = { jobDefaults: {}, jobOverrides: {} };
        for (const { group, title } of GROUPS) {
            for (const row of this.rows[group]) {
                const key = row.key.trim();
                if (!key) {
                    return nls.localize('presswork/workflow/rowNeedsName', '{0}: every row needs a property name', title);
                }
                if (key in result[group]) {
                    return nls.localize('presswork/workflow/propertyTwice', '{0}: {1} is there twice', title, key);
                }
                if (row.kind === 'number') {
                    const number = Number(row.value);
                    if (!row.value.trim() || !Number.isFinite(number)) {
                        return nls.localize('presswork/workflow/mustBeNumber', '{0}: {1} must be a number', title, key);
                    }
                    result[group][key] = number;
                } else {
                    result[group][key] = row.kind === 'boolean' ? row.value === 'true' : row.value;
                }
            }
            const checked = JobPropertiesSchema.safeParse(result[group]);
            if (!checked.success) {
                const issue = checked.error.issues[0];
                return nls.localize('presswork/workflow/propertyProblem', '{0}: {1}: {2}', title, issue.path.join('.'), issue.message);
            }
        }
        return result;
    }

    protected override isValid(_value: JobDefaults | undefined, _mode: DialogMode): DialogError {
        const parsed = this.parse();
        return typeof parsed === 'string' ? parsed : '';
    }

    protected override async accept(): Promise<void> {
        if (this.submitting) {
            return;
        }
        const parsed = this.parse();
        if (typeof parsed === 'string') {
            this.setErrorMessage(parsed);
            return;
        }
        this.submitting = true;
        try {
            await this.options.submit(parsed);
            await super.accept();
        } catch (error) {
            this.setErrorMessage(messageOf(error));
        } finally {
            this.submitting = false;
        }
    }

    protected render(): React.ReactNode {
        return <div className='presswork-form presswork-job-defaults'>
            <datalist id='presswork-job-default-names'>{this.options.knownProperties.map(name => <option key={name} value={name} />)}</datalist>
            {GROUPS.map(({ group, title, help }) => <section key={group} aria-label={title}>
                <h4>{title}</h4>
                <p className='presswork-form-help'>{help}</p>
                {this.rows[group].map(row => this.renderRow(group, row))}
                <button className='theia-button secondary' onClick={() => this.addRow(group)}>{nls.localize('presswork/workflow/addProperty', 'Add property')}</button>
            </section>)}
        </div>;
    }

    protected renderRow(group: Group, row: PropertyRow): React.ReactNode {
        return <div className='presswork-job-default-row' key={row.id}>
            <input className='theia-input' aria-label={nls.localize('presswork/workflow/propertyName', 'Property name')} placeholder={nls.localize('presswork/workflow/conditionProperty', 'Property')} list='presswork-job-default-names'
                defaultValue={row.key} spellCheck={false} onChange={event => this.change(row, { key: event.target.value })} />
            <select className='theia-select' aria-label={nls.localize('presswork/workflow/kindOfValue', 'Kind of value')} defaultValue={row.kind}
                onChange={event => this.changeKind(row, event.target.value as ValueKind)}>
                <option value='text'>{nls.localize('presswork/workflow/kindText', 'Text')}</option>
                <option value='number'>{nls.localize('presswork/workflow/kindNumber', 'Number')}</option>
                <option value='boolean'>{nls.localize('presswork/workflow/kindBoolean', 'Yes/No')}</option>
            </select>
            {row.kind === 'boolean'
                ? <select key={`${row.id}-boolean`} className='theia-select' aria-label={nls.localize('presswork/workflow/value', 'Value')} defaultValue={row.value === 'true' ? 'true' : 'false'}
                    onChange={event => this.change(row, { value: event.target.value })}>
                    <option value='true'>{nls.localize('presswork/workflow/yes', 'Yes')}</option>
                    <option value='false'>{nls.localize('presswork/workflow/no', 'No')}</option>
                </select>
                : <input key={`${row.id}-${row.kind}`} className='theia-input' aria-label={nls.localize('presswork/workflow/value', 'Value')} type={row.kind === 'number' ? 'number' : 'text'}
                    defaultValue={row.value} spellCheck={false} onChange={event => this.change(row, { value: event.target.value })} />}
            <button className={`theia-button secondary ${codicon('close')}`} aria-label={nls.localize('presswork/workflow/removeProperty', 'Remove property')} title={nls.localize('presswork/workflow/removeProperty', 'Remove property')}
                onClick={() => this.removeRow(group, row)} />
        </div>;
    }

    protected change(row: PropertyRow, change: Partial<Pick<PropertyRow, 'key' | 'value'>>): void {
        Object.assign(row, change);
        this.validate();
    }

    protected changeKind(row: PropertyRow, kind: ValueKind): void {
        row.kind = kind;
        row.value = kind === 'boolean' ? String(row.value === 'true') : kind === 'number' ? String(Number(row.value) || 0) : row.value;
        this.update();
        this.validate();
    }

    protected addRow(group: Group): void {
        this.rows[group].push({ id: this.nextId++, key: '', kind: 'text', value: '' });
        this.update();
    }

    protected removeRow(group: Group, row: PropertyRow): void {
        this.rows[group] = this.rows[group].filter(candidate => candidate !== row);
        this.update();
        this.validate();
    }
}
