import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import type { Message } from '@theia/core/lib/browser/widgets/widget';

/** A dialog about one job that loads what it shows once it is open (Properties…, Log…). */
export abstract class JobDialog extends ReactDialog<void> {

    constructor(title: string, maxWidth: number, className: string) {
        super({ title, maxWidth } as DialogProps);
        this.addClass(className);
    }

    get value(): void {
        return undefined;
    }

    protected override onAfterAttach(msg: Message): void {
        super.onAfterAttach(msg);
        this.load();
    }

    protected abstract load(): Promise<void>;
}
