import { AbstractDialog, Dialog, DialogProps } from '@theia/core/lib/browser/dialogs';
import { nls } from '@theia/core/lib/common/nls';

export type SaveConflictChoice = 'reload' | 'copy';

/**
 * Someone else saved the workflow since it was opened: the save was refused. The user reloads
 * (dropping their changes) or saves their version as a copy; nothing is overwritten.
 */
export class SaveConflictDialog extends AbstractDialog<SaveConflictChoice | undefined> {
    protected choice: SaveConflictChoice | undefined;

    constructor(workflowName: string, reason: string) {
        super({ title: nls.localize('presswork/workflow/cannotSave', 'Cannot save {0}', workflowName), maxWidth: 520 } as DialogProps);
        this.addClass('presswork-save-conflict-dialog');
        const message = document.createElement('div');
        const first = document.createElement('p');
        first.textContent = reason;
        const second = document.createElement('p');
        second.textContent = nls.localize('presswork/workflow/conflictExplanation', 'Your changes are not saved, and nothing of the other version is lost. Reload to see the other version (your changes are dropped), or save your version as a copy.');
        message.append(first, second);
        this.contentNode.appendChild(message);
        this.appendCloseButton(Dialog.CANCEL);
        this.appendChoice(nls.localize('presswork/workflow/reload', 'Reload'), 'reload', false);
        this.acceptButton = this.appendChoice(nls.localize('presswork/workflow/saveAsCopy', 'Save as copy'), 'copy', true);
    }

    get value(): SaveConflictChoice | undefined {
        return this.choice;
    }

    /** Enter presses the focused button (natively); it never closes the dialog without a choice. */
    protected override handleEnter(): boolean {
        return false;
    }

    protected appendChoice(text: string, choice: SaveConflictChoice, primary: boolean): HTMLButtonElement {
        const button = this.appendButton(text, primary);
        button.addEventListener('click', () => {
            this.choice = choice;
            this.accept();
        });
        return button;
    }
}
