import { injectable } from '@theia/core/shared/inversify';
import { nls } from '@theia/core/lib/common/nls';
import { Disposable } from '@theia/core/lib/common/disposable';
import { DialogOverlayService } from '@theia/core/lib/browser/dialogs';
import { describeDialog, focusInitially } from './dialog-semantics';

/**
 * Every dialog is pushed here when it opens (Theia's, Presswork's, others'), so this is the one place
 * that makes each a modal dialog for assistive technology: a name from its title, a Close button a
 * keyboard reaches, and the focus inside it, even when the dialog has no OK button to focus.
 */
@injectable()
export class AccessibleDialogOverlayService extends DialogOverlayService {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override push(dialog: any): Disposable {
        const pushed = super.push(dialog);
        const node: HTMLElement = dialog.node;
        // Named apart from a dialog's own Close button, which many dialogs have.
        describeDialog(node, nls.localize('presswork/shell/closeDialog', 'Close dialog'));
        // After activation (which focuses the OK button if there is one) and after React's first render.
        const frame = node.ownerDocument.defaultView?.requestAnimationFrame(() => focusInitially(node));
        return Disposable.create(() => {
            if (frame !== undefined) {
                node.ownerDocument.defaultView?.cancelAnimationFrame(frame);
            }
            pushed.dispose();
        });
    }
}
