import * as React from '@theia/core/shared/react';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import { nls } from '@theia/core/lib/common/nls';
import { messageOf } from '@presswork/platform/lib/common/errors';
import type { MessagePreview, NotificationRuleInput, RecipientUser, WebhookEndpointView } from '../common/notifications-protocol';
import { type RuleDraft, checkRuleDraft } from './rule-draft';
import { RuleEditor } from './rule-editor';

export interface RuleEditorDialogOptions {
    readonly title: string;
    readonly acceptLabel: string;
    readonly initial: RuleDraft;
    readonly users: readonly RecipientUser[];
    readonly endpoints: readonly WebhookEndpointView[];
    readonly preview: (input: NotificationRuleInput) => Promise<MessagePreview>;
    /** Runs on Save; if it fails, its message stays in the dialog and nothing typed is lost. */
    readonly submit: (input: NotificationRuleInput) => Promise<unknown>;
}

/** Create or edit a rule; Save is refused, field by field, until the rule is one the service takes. */
export class RuleEditorDialog extends ReactDialog<void> {
    protected draft: RuleDraft;
    protected showAllProblems = false;
    protected submitting = false;

    constructor(protected readonly options: RuleEditorDialogOptions) {
        super({ title: options.title, maxWidth: 760 } as DialogProps);
        this.addClass('presswork-notifications-rule-dialog');
        this.draft = options.initial;
        this.appendCloseButton(nls.localize('presswork/notifications/cancel', 'Cancel'));
        this.appendAcceptButton(options.acceptLabel);
    }

    get value(): void {
        return undefined;
    }

    /** Enter saves only from a one-line field: on a button or in a list it does what it says there. */
    protected override handleEnter(event: KeyboardEvent): boolean | void {
        if (event.target instanceof HTMLInputElement && event.target.type !== 'checkbox') {
            return super.handleEnter(event);
        }
        return false;
    }

    protected override async accept(): Promise<void> {
        if (this.submitting) {
            return;
        }
        const checked = checkRuleDraft(this.draft);
        if (!checked.input) {
            this.showAllProblems = true;
            this.update();
            this.setErrorMessage(nls.localize('presswork/notifications/checkFields', 'Check the fields marked: {0}', Object.values(checked.problems)[0] ?? ''));
            return;
        }
        this.submitting = true;
        // The service's refusal (a conflict, a name taken) stays in the dialog with everything typed.
        const refusal = await this.options.submit(checked.input).then(() => undefined, (error: unknown) => messageOf(error));
        this.submitting = false;
        if (refusal === undefined) {
            await super.accept();
        } else {
            this.setErrorMessage(refusal);
        }
    }

    protected render(): React.ReactNode {
        return <RuleEditor initial={this.options.initial} users={this.options.users} endpoints={this.options.endpoints} showAllProblems={this.showAllProblems}
            preview={this.options.preview} onChange={draft => {
                this.draft = draft;
                this.setErrorMessage('');
            }} />;
    }
}
