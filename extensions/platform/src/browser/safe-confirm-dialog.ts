import { ConfirmDialog } from '@theia/core/lib/browser/dialogs';
import type { Message } from '@theia/core/shared/@lumino/messaging';

/**
 * A question whose safe answer is the default: No or Cancel has the focus when it opens, and Enter
 * only answers with the button that has the focus (a key pressed by habit never deletes, demotes or
 * closes anything). Every destructive or "anyway?" question in Presswork asks through it.
 */
export class SafeConfirmDialog extends ConfirmDialog {
    protected override onActivateRequest(msg: Message): void {
        super.onActivateRequest(msg);
        this.closeButton?.focus();
    }

    protected override handleEnter(_event: KeyboardEvent): boolean | void {
        // A focused button answers Enter by itself (the browser clicks it); nothing else accepts.
        return false;
    }
}
