import { AbstractDialog, DialogProps } from '@theia/core/lib/browser/dialogs';

/** A closeout document (PDF) in the browser's own viewer, whose toolbar prints it; Print opens it in a tab. */
export class DocumentViewerDialog extends AbstractDialog<void> {
    constructor(title: string, url: string, openToPrint: () => void) {
        super({ title, maxWidth: 1100 } as DialogProps);
        this.addClass('presswork-closeout-document-dialog');
        const frame = document.createElement('iframe');
        frame.className = 'presswork-closeout-document-frame';
        frame.src = url;
        frame.title = title;
        this.contentNode.appendChild(frame);
        const print = this.appendButton('Open to print', false);
        print.addEventListener('click', openToPrint);
        this.appendCloseButton('Close');
    }

    get value(): void {
        return undefined;
    }
}
