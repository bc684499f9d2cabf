import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import type { Job } from '@presswork/platform/lib/common/job-schema';
import { ORDER_FACT_PROPERTIES, ticketPropertyLabelOf } from '@presswork/platform/lib/common/job-property-words';
import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';
import { isolatedText } from '@presswork/platform/lib/common/hidden-characters';
import { Identifier, StoreText } from '@presswork/platform/lib/browser/store-text';
import type { JobDetails, JobActionService } from '../../common/jobs-protocol';
import { JobDialog } from './job-dialog';
import { DEFAULT_PRIORITY, LOWEST_PRIORITY } from '@presswork/platform/lib/common/job-priority';
import { JobDraft, PropertyKind, draftOf, editOf } from './job-edit-draft';
import { formatDateTime } from '@presswork/platform/lib/common/presswork-format';
import { printFileSummaryOf } from '../../common/print-file';
import { PrintFileFact } from './print-file-facts';

export interface JobPropertiesDialogOptions {
    readonly jobId: string;
    readonly jobName: string;
    readonly service: Pick<JobActionService, 'details' | 'editJob'>;
    /** Without `jobs.act` the dialog shows the job read-only. */
    readonly canEdit: boolean;
    /** An activity type in words (its label), for the job's status. */
    readonly activityLabelOf: (activityType: string) => string;
}

type FieldName = 'name' | 'copies' | 'due' | 'priority';

interface PropertyRow {
    readonly id: number;
    /** A ticket property with a name of its own (Medium, Priority): shown by its label, not renamed. */
    readonly named: boolean;
    key: string;
    kind: PropertyKind;
    value: string;
}

/** A property with a name of its own, in words (localized). */
function propertyLabel(key: string): string {
    const label = ticketPropertyLabelOf(key);
    return label ? nls.localize(`presswork/jobs/property/${key}`, label) : key;
}

/**
 * Properties… : a job's facts, and its name, copies, due date and properties to edit. The edit is
 * based on what was loaded; when someone changed the job meanwhile the backend refuses it, and the
 * dialog says so and offers Reload (which drops the user's changes) rather than overwriting.
 * Inputs are uncontrolled, so typing never jumps the cursor; a reload remounts them.
 */
export class JobPropertiesDialog extends JobDialog {
    protected details: JobDetails | undefined;
    protected loadError: string | undefined;
    /** The backend refused the save because the job changed: its message, until the user reloads. */
    protected conflict: string | undefined;
    protected fields: Record<FieldName, string> = { name: '', copies: '', due: '', priority: '' };
    protected rows: PropertyRow[] = [];
    protected nextId = 0;
    /** Bumped on every load, so inputs show the loaded values again. */
    protected generation = 0;
    protected busy = false;

    constructor(protected readonly options: JobPropertiesDialogOptions) {
        super(`Properties of ${isolatedText(options.jobName)}`, 720, 'presswork-job-properties-dialog');
        this.appendCloseButton(options.canEdit ? 'Cancel' : 'Close');
        if (options.canEdit) {
            this.appendAcceptButton('Save');
        }
    }

    protected async load(): Promise<void> {
        this.busy = true;
        this.update();
        try {
            this.details = await this.options.service.details(this.options.jobId);
            this.loadError = undefined;
            this.conflict = undefined;
            this.showDraft(draftOf(this.details.job));
            this.setErrorMessage('');
        } catch (error) {
            this.loadError = messageOf(error);
        } finally {
            this.busy = false;
            this.update();
        }
    }

    protected showDraft(draft: JobDraft): void {
        this.fields = { name: draft.name, copies: draft.copies, due: draft.due, priority: draft.priority };
        this.rows = draft.properties.map(property => ({ id: this.nextId++, named: ticketPropertyLabelOf(property.key) !== undefined, ...property }));
        this.generation++;
    }

    protected draft(): JobDraft {
        return { ...this.fields, properties: this.rows.map(({ key, value, kind }) => ({ key, value, kind })) };
    }

    protected override async accept(): Promise<void> {
        if (!this.options.canEdit) {
            return super.accept();
        }
        if (this.busy || !this.details) {
            return;
        }
        const result = editOf(this.details.job, this.draft());
        if ('problem' in result) {
            this.setErrorMessage(result.problem);
            return;
        }
        if ('unchanged' in result) {
            return super.accept();
        }
        this.busy = true;
        this.update();
        try {
            await this.options.service.editJob(this.options.jobId, result.edit);
            this.busy = false;
            await super.accept();
        } catch (error) {
            if (PressworkError.InvalidInput.is(error as object)) {
                this.setErrorMessage(messageOf(error));
            } else {
                // Stale or refused: keep what the user typed, say why, offer Reload.
                this.conflict = messageOf(error);
                this.contentNode.scrollTop = 0;
            }
        } finally {
            this.busy = false;
            this.update();
        }
    }

    protected render(): React.ReactNode {
        return <div id='presswork-job-properties' className='presswork-job-properties' data-job-id={this.options.jobId} aria-busy={this.busy}>
            {this.renderBody()}
        </div>;
    }

    protected renderBody(): React.ReactNode {
        if (this.loadError) {
            return <p className='presswork-error' role='alert'>{this.loadError}</p>;
        }
        const details = this.details;
        if (!details) {
            return <p>Loading…</p>;
        }
        const { job } = details;
        const readOnly = !this.options.canEdit;
        return <React.Fragment key={this.generation}>
            {this.conflict && <div className='presswork-job-properties-conflict' role='alert'>
                <span className='presswork-error'>{this.conflict}</span>
                <span>Your changes are not saved. Reload shows the job as it is now (your changes are dropped).</span>
                <button className='theia-button' onClick={() => this.load()} disabled={this.busy}>Reload</button>
            </div>}
            <dl className='presswork-job-facts'>
                <dt>Job ID</dt><dd data-fact='id'><Identifier text={job.id} /></dd>
                <dt>Order</dt><dd data-fact='orderNumber'><Identifier text={job.orderNumber} /></dd>
                <dt>Workflow</dt><dd data-fact='workflow'>{details.workflowName ?? job.workflowId ?? '—'}</dd>
                <dt>Status</dt><dd data-fact='status'>{job.phase} · {job.state}{job.currentActivity ? ` · ${this.options.activityLabelOf(job.currentActivity)}` : ''}</dd>
                {job.waitReason && <><dt>Wait reason</dt><dd data-fact='waitReason'><StoreText text={job.waitReason} /></dd></>}
                <dt>Received</dt><dd data-fact='receivedAt'>{formatDateTime(job.receivedAt)}</dd>
                {job.files.length > 0 && <PrintFileFact jobId={job.id} printFile={printFileSummaryOf(job)} />}
                {details.finishingOptions.map((option, index) => <React.Fragment key={index}>
                    <dt>Finishing: <StoreText text={option.name} /></dt><dd data-finishing={option.name}><StoreText text={option.value} /></dd>
                </React.Fragment>)}
            </dl>
            {this.renderOrderFacts(job)}
            <div className='presswork-form'>
                {this.renderField('name', 'Name', 'text', readOnly)}
                {this.renderField('copies', 'Copies', 'number', readOnly)}
                {this.renderField('due', 'Due', 'datetime-local', readOnly)}
                {this.renderField('priority', nls.localize('presswork/jobs/properties/priority', 'Priority (1 = first, 10 = last)'), 'number', readOnly, {
                    max: LOWEST_PRIORITY, placeholder: nls.localize('presswork/jobs/properties/priorityDefault', '{0} when not set', DEFAULT_PRIORITY)
                })}
            </div>
            <section className='presswork-job-property-rows' aria-label='Job properties'>
                <h4>Properties</h4>
                {!this.rows.length && <p className='presswork-form-help'>No properties.</p>}
                {this.rows.map(row => this.renderRow(row, readOnly))}
                {!readOnly && <button className='theia-button secondary' onClick={this.addRow}>Add property</button>}
            </section>
        </React.Fragment>;
    }

    /** What the job took from the MarcomCentral order: labelled, read-only, never a row to edit or remove. */
    protected renderOrderFacts(job: Job): React.ReactNode {
        const facts = ORDER_FACT_PROPERTIES.filter(({ key }) => Object.hasOwn(job.properties, key));
        if (!facts.length) {
            return undefined;
        }
        return <section className='presswork-job-order-facts' aria-labelledby='presswork-job-order-facts-title'>
            <h4 id='presswork-job-order-facts-title'>{nls.localize('presswork/jobs/properties/fromTheOrder', 'From the order')}</h4>
            <dl className='presswork-job-facts'>
                {facts.map(({ key, label }) => <React.Fragment key={key}>
                    <dt>{nls.localize(`presswork/jobs/property/${key}`, label)}</dt>
                    <dd data-order-fact={key}><StoreText text={String(job.properties[key])} /></dd>
                </React.Fragment>)}
            </dl>
        </section>;
    }

    protected renderField(name: FieldName, label: string, type: string, readOnly: boolean, extra: { max?: number, placeholder?: string } = {}): React.ReactNode {
        const id = `presswork-job-field-${name}`;
        return <div className='presswork-form-row'>
            <label htmlFor={id}>{label}</label>
            <input id={id} className='theia-input' name={name} type={type} readOnly={readOnly} spellCheck={false}
                min={type === 'number' ? 1 : undefined} max={extra.max} placeholder={extra.placeholder} defaultValue={this.fields[name]}
                onChange={event => this.typed(() => this.fields[name] = event.target.value)} />
        </div>;
    }

    protected renderRow(row: PropertyRow, readOnly: boolean): React.ReactNode {
        return <div className='presswork-job-property-row' key={row.id} data-property={row.key}>
            {row.named
                ? <span className='presswork-job-property-name'>{propertyLabel(row.key)}</span>
                : <input className='theia-input' aria-label='Property name' placeholder='Name' readOnly={readOnly} spellCheck={false}
                    defaultValue={row.key} onChange={event => row.key = event.target.value} />}
            <select className='theia-select' aria-label='Kind of value' defaultValue={row.kind} disabled={readOnly}
                onChange={event => this.changeKind(row, event.target.value as PropertyKind)}>
                <option value='text'>Text</option>
                <option value='number'>Number</option>
                <option value='boolean'>Yes/No</option>
            </select>
            {row.kind === 'boolean'
                ? <select key={`${row.id}-boolean`} className='theia-select' aria-label='Value' disabled={readOnly}
                    defaultValue={row.value === 'true' ? 'true' : 'false'} onChange={event => row.value = event.target.value}>
                    <option value='true'>Yes</option>
                    <option value='false'>No</option>
                </select>
                : <input key={`${row.id}-${row.kind}`} className='theia-input' aria-label='Value' readOnly={readOnly} spellCheck={false}
                    type={row.kind === 'number' ? 'number' : 'text'} defaultValue={row.value} onChange={event => row.value = event.target.value} />}
            {!readOnly && <button className='theia-button secondary codicon codicon-close' aria-label='Remove property'
                title='Remove property' onClick={() => this.removeRow(row)} />}
        </div>;
    }

    /** The user changed the form: a refusal shown for what it said before no longer holds, and Save is offered again. */
    protected typed(change: () => void): void {
        change();
        this.setErrorMessage('');
    }

    protected changeKind(row: PropertyRow, kind: PropertyKind): void {
        row.kind = kind;
        row.value = kind === 'boolean' ? String(row.value.trim().toLowerCase() === 'true') : row.value;
        this.update();
    }

    protected addRow = (): void => {
        this.rows.push({ id: this.nextId++, named: false, key: '', kind: 'text', value: '' });
        this.update();
    };

    protected removeRow(row: PropertyRow): void {
        this.rows = this.rows.filter(candidate => candidate !== row);
        this.update();
    }
}
