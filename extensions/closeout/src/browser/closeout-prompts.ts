import { AbstractDialog, ConfirmDialog, DialogProps } from '@theia/core/lib/browser/dialogs';
import { isolatedIdentifier, isolatedText } from '@presswork/platform/lib/common/hidden-characters';
import type { CloseoutPreparation } from '../common/closeout-protocol';
import { blockedMessage } from './closeout-status';

/** The order cannot be closed out here (e.g. its line items ship to several addresses): say why, do nothing else. */
export class CloseoutBlockedDialog extends AbstractDialog<void> {
    constructor(preparation: CloseoutPreparation) {
        super({ title: `Cannot close out order ${isolatedIdentifier(preparation.details.orderNumber)}`, maxWidth: 520 } as DialogProps);
        this.addClass('presswork-closeout-blocked-dialog');
        const message = document.createElement('p');
        message.className = 'presswork-closeout-warning';
        message.setAttribute('role', 'alert');
        const icon = document.createElement('span');
        icon.className = 'codicon codicon-warning';
        message.append(icon, ` ${blockedMessage(preparation) ?? ''}`);
        this.contentNode.appendChild(message);
        this.appendAcceptButton('OK');
    }

    get value(): void {
        return undefined;
    }
}

/** Some jobs of the order are not waiting for closeout yet: list them and ask whether to go on. */
export async function confirmNotReady(preparation: CloseoutPreparation): Promise<boolean> {
    const message = document.createElement('div');
    message.className = 'presswork-closeout-not-ready';
    const intro = document.createElement('p');
    intro.textContent = `Not every job of order ${isolatedIdentifier(preparation.details.orderNumber)} is ready for closeout:`;
    const list = document.createElement('ul');
    for (const job of preparation.notReady) {
        const item = document.createElement('li');
        item.dataset.jobId = job.jobId;
        item.textContent = `${isolatedText(job.name)}: ${job.state}`;
        list.appendChild(item);
    }
    const question = document.createElement('p');
    question.textContent = 'Close out the order anyway?';
    message.append(intro, list, question);
    const dialog = new ConfirmDialog({ title: 'Jobs not ready for closeout', msg: message, ok: 'Yes', cancel: 'No', maxWidth: 560 });
    dialog.addClass('presswork-closeout-not-ready-dialog');
    return !!await dialog.open();
}
