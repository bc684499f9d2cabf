import * as React from '@theia/core/shared/react';
import { DialogMode, DialogError, DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import type { Message } from '@theia/core/shared/@lumino/messaging';
import type { z } from 'zod';
import { nls } from '@theia/core/lib/common/nls';
import { messageOf } from '../common/errors';
import { FormProblems, NO_PROBLEMS, formProblems, hasProblems, problemsOf, sameProblems } from './form-problems';

export interface FormField {
    readonly name: string;
    readonly label: string;
    readonly kind: 'text' | 'password' | 'number' | 'checkbox' | 'choice';
    /** For choices: the values, or value and label pairs. */
    readonly choices?: readonly (string | { readonly value: string; readonly label: string })[];
    /** The initial value; checkboxes use 'true' and 'false'. */
    readonly initial?: string;
    readonly autoComplete?: string;
    /** A short hint under the field, e.g. "set: leave empty to keep it". */
    readonly help?: string;
    readonly placeholder?: string;
}

const choiceValue = (choice: string | { value: string }): string => typeof choice === 'string' ? choice : choice.value;
const choiceLabel = (choice: string | { label: string }): string => typeof choice === 'string' ? choice : choice.label;

export interface FormDialogOptions<T> {
    readonly title: string;
    readonly acceptLabel: string;
    readonly fields: readonly FormField[];
    /** Turns the typed values into the request; its messages are shown as typed. */
    readonly schema: z.ZodType<T, unknown>;
    /** A rule across fields, e.g. two passwords that must match. */
    readonly crossCheck?: (values: Readonly<Record<string, string>>) => string | undefined;
    /** Runs on OK; if it fails, its message stays in the dialog and nothing is lost. */
    readonly submit: (value: T) => Promise<unknown>;
}

/**
 * A small form in a dialog: labelled fields, validation by the same zod schema the backend uses,
 * and the server's answer shown in place. Inputs are uncontrolled so typing never jumps the cursor.
 */
export class FormDialog<T> extends ReactDialog<T | undefined> {
    protected readonly values: Record<string, string> = {};
    protected readonly touched = new Set<string>();
    protected submitting = false;
    /** The problems shown beside their fields: those of touched fields, and all of them once OK was tried. */
    protected shownProblems: FormProblems = NO_PROBLEMS;
    protected showAllProblems = false;

    constructor(protected readonly options: FormDialogOptions<T>) {
        super({ title: options.title, maxWidth: 460 } as DialogProps);
        for (const field of options.fields) {
            const firstChoice = field.choices?.[0];
            this.values[field.name] = field.initial ?? (field.kind === 'choice' && firstChoice !== undefined ? choiceValue(firstChoice) : field.kind === 'checkbox' ? 'false' : '');
        }
        this.appendCloseButton();
        this.appendAcceptButton(options.acceptLabel);
    }

    get value(): T | undefined {
        const parsed = this.options.schema.safeParse(this.values);
        return parsed.success ? parsed.data : undefined;
    }

    protected override isValid(_value: T | undefined, mode: DialogMode): DialogError {
        const problems = this.problems();
        if (mode === 'preview' && this.touched.size === 0 && !this.showAllProblems) {
            // Nothing typed yet: no message, but no accepting an incomplete form either (Reject without its reason).
            return hasProblems(problems) ? { message: '', result: false } : '';
        }
        this.showProblems(mode === 'open' || this.showAllProblems ? problems : problemsOf(problems, field => this.touched.has(field)));
        return this.footerMessage(problems);
    }

    protected problems(): FormProblems {
        return formProblems(this.options.schema, this.values, this.options.fields, this.options.crossCheck);
    }

    protected showProblems(problems: FormProblems): void {
        // Rendering validates the dialog again (Theia's onUpdateRequest): render only what changed, or it never ends.
        if (sameProblems(problems, this.shownProblems)) {
            return;
        }
        this.shownProblems = problems;
        this.update();
    }

    /**
     * Below the form: a rule across fields, and the fields still to fix that show nothing yet (not
     * touched), so that every problem is known at once without scolding fields no one has reached.
     */
    protected footerMessage(problems: FormProblems): DialogError {
        if (!hasProblems(problems)) {
            return '';
        }
        const unshown = this.options.fields.filter(field => problems.byField.has(field.name) && !this.shownProblems.byField.has(field.name));
        const parts = [...problems.form];
        if (unshown.length) {
            parts.push(nls.localize('presswork/platform/form/alsoCheck', 'Also check: {0}', unshown.map(field => field.label).join(', ')));
        }
        return parts.length ? parts.join(' ') : { message: '', result: false };
    }

    /** The first field has the focus, not the accept button: Enter from habit must not submit an empty form. */
    protected override onActivateRequest(msg: Message): void {
        super.onActivateRequest(msg);
        const focusFirstField = (): boolean => {
            const field = this.contentNode.querySelector<HTMLElement>('input, select, textarea');
            field?.focus();
            return field !== null;
        };
        if (!focusFirstField()) {
            requestAnimationFrame(focusFirstField);
        }
    }

    protected override async accept(): Promise<void> {
        if (this.submitting) {
            return;
        }
        const parsed = this.options.schema.safeParse(this.values);
        const problems = this.problems();
        if (!parsed.success || hasProblems(problems)) {
            // Every problem at once, beside its field; the first field to fix takes the focus.
            this.showAllProblems = true;
            this.showProblems(problems);
            this.setErrorMessage(this.footerMessage(problems));
            const first = this.options.fields.find(field => problems.byField.has(field.name));
            if (first) {
                this.contentNode.querySelector<HTMLElement>(`#${fieldId(first.name)}`)?.focus();
            }
            return;
        }
        this.submitting = true;
        try {
            await this.options.submit(parsed.data);
            await super.accept();
        } catch (error) {
            this.setErrorMessage(messageOf(error));
        } finally {
            this.submitting = false;
        }
    }

    protected render(): React.ReactNode {
        return <div className='presswork-form'>
            {this.options.fields.map(field => {
                const problems = this.shownProblems.byField.get(field.name) ?? [];
                return <div className={`presswork-form-row presswork-form-${field.kind}${problems.length ? ' presswork-form-invalid' : ''}`} key={field.name}>
                    <label htmlFor={fieldId(field.name)}>{field.label}</label>
                    {this.renderInput(field, problems.length > 0)}
                    {field.help && <span className='presswork-form-help'>{field.help}</span>}
                    {problems.length > 0 && <span className='presswork-form-problem' id={`${fieldId(field.name)}-problem`}>{problems.join(' ')}</span>}
                </div>;
            })}
        </div>;
    }

    protected renderInput(field: FormField, invalid = false): React.ReactNode {
        const id = fieldId(field.name);
        const problemProps = invalid ? { 'aria-invalid': true, 'aria-describedby': `${id}-problem` } : {};
        if (field.kind === 'choice') {
            return <select id={id} className='theia-select' name={field.name} defaultValue={this.values[field.name]} onChange={this.onChange} {...problemProps}>
                {field.choices?.map(choice => <option key={choiceValue(choice)} value={choiceValue(choice)}>{choiceLabel(choice)}</option>)}
            </select>;
        }
        if (field.kind === 'checkbox') {
            return <input id={id} type='checkbox' name={field.name} defaultChecked={this.values[field.name] === 'true'} onChange={this.onChange} {...problemProps} />;
        }
        return <input id={id} className='theia-input' name={field.name} type={field.kind === 'text' ? 'text' : field.kind}
            autoComplete={field.autoComplete ?? 'off'} placeholder={field.placeholder} defaultValue={this.values[field.name]}
            onChange={this.onChange} spellCheck={false} {...problemProps} />;
    }

    protected onChange = (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>): void => {
        const target = event.target;
        this.values[target.name] = target instanceof HTMLInputElement && target.type === 'checkbox' ? String(target.checked) : target.value;
        this.touched.add(target.name);
        this.validate();
    };
}

function fieldId(name: string): string {
    return `presswork-field-${name}`;
}
