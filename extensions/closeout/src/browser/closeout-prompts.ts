import { AbstractDialog, Dialog, DialogProps } from '@theia/core/lib/browser/dialogs';
import { SafeConfirmDialog } from '@presswork/platform/lib/browser/safe-confirm-dialog';
import { nls } from '@theia/core/lib/common/nls';
import { isolatedIdentifier } from '@presswork/platform/lib/common/hidden-characters';
import type { CloseoutPreparation } from '../common/closeout-protocol';
import { blockedMessage } from './closeout-status';
import { closeoutWarnings } from './closeout-warnings';

/** The order cannot be closed out here (e.g. its line items ship to several addresses): say why, do nothing else. */
export class CloseoutBlockedDialog extends AbstractDialog<void> {
    constructor(preparation: CloseoutPreparation) {
        super({ title: nls.localize('presswork/closeout/cannotCloseOutTitle', 'Cannot close out order {0}', isolatedIdentifier(preparation.details.orderNumber)), maxWidth: 520 } as DialogProps);
        this.addClass('presswork-closeout-blocked-dialog');
        const message = document.createElement('p');
        message.className = 'presswork-closeout-warning';
        message.setAttribute('role', 'alert');
        const icon = document.createElement('span');
        icon.className = 'codicon codicon-warning';
        icon.setAttribute('aria-hidden', 'true');
        message.append(icon, ` ${blockedMessage(preparation) ?? ''}`);
        this.contentNode.appendChild(message);
        this.appendAcceptButton(Dialog.OK);
    }

    get value(): void {
        return undefined;
    }
}

/**
 * Asks whether to go on when something is amiss (line items not ready or without a job, no ship-to
 * address): shown before the dialog, so before any part is sent. True when there is nothing to ask.
 */
export async function confirmCloseoutWarnings(preparation: CloseoutPreparation): Promise<boolean> {
    const warnings = closeoutWarnings(preparation);
    if (!warnings.length) {
        return true;
    }
    const message = document.createElement('div');
    message.className = 'presswork-closeout-not-ready';
    for (const warning of warnings) {
        const text = document.createElement('p');
        text.className = 'presswork-closeout-warning';
        text.dataset.warning = warning.kind;
        text.textContent = warning.text;
        message.appendChild(text);
        if (warning.items.length) {
            const list = document.createElement('ul');
            for (const item of warning.items) {
                const entry = document.createElement('li');
                entry.dataset.lineItemId = item.id;
                if (item.jobId) {
                    entry.dataset.jobId = item.jobId;
                }
                entry.textContent = item.text;
                list.appendChild(entry);
            }
            message.appendChild(list);
        }
    }
    const question = document.createElement('p');
    question.textContent = nls.localize('presswork/closeout/closeOutAnyway', 'Close out the order anyway?');
    message.appendChild(question);
    const title = warnings[0].kind === 'notReady'
        ? nls.localize('presswork/closeout/notReadyTitle', 'Line items not ready for closeout')
        : warnings[0].kind === 'underPrinted'
            ? nls.localize('presswork/closeout/underPrintedTitle', 'Fewer copies printed than ordered')
            : nls.localize('presswork/closeout/noShipToTitle', 'No ship-to address');
    const dialog = new SafeConfirmDialog({ title, msg: message, ok: Dialog.YES, cancel: Dialog.NO, maxWidth: 560 });
    dialog.addClass('presswork-closeout-not-ready-dialog');
    return !!await dialog.open();
}
