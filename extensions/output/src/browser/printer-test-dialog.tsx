import * as React from '@theia/core/shared/react';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import { nls } from '@theia/core/lib/common/nls';
import { messageOf } from '@presswork/platform/lib/common/errors';
import type { Medium } from '../common/tickets/media-catalog';
import type { ReadyMedium } from './printer-media-list';
import { PrinterTestContent, type PrinterTestView } from './printer-test-content';

export interface PrinterTestDialogOptions {
    readonly printerName: string;
    /** Asks the printer; with `printTestPage` it also prints one test page. */
    readonly test: (printTestPage: boolean) => Promise<PrinterTestView>;
    /** The media the printer reports ready (from its live state), and the catalog to name them. */
    readonly mediaReady: () => readonly ReadyMedium[];
    readonly catalog: readonly Medium[];
}

/** Test: asks the printer at once and shows what it said; "Print a test page" prints one page on request. */
export class PrinterTestDialog extends ReactDialog<void> {
    protected result: PrinterTestView | undefined;
    protected status: string | undefined;
    protected busy = false;
    protected readonly printButton: HTMLButtonElement;

    constructor(protected readonly options: PrinterTestDialogOptions) {
        super({ title: nls.localize('presswork/output/testTitle', 'Test {0}', options.printerName), maxWidth: 640 } as DialogProps);
        this.addClass('presswork-printer-test-dialog');
        this.printButton = this.appendButton(nls.localize('presswork/output/printTestPage', 'Print a test page'), false);
        this.printButton.addEventListener('click', () => this.run(true));
        this.appendCloseButton(nls.localize('presswork/output/close', 'Close'));
        this.run(false);
    }

    get value(): void {
        return undefined;
    }

    protected async run(printTestPage: boolean): Promise<void> {
        if (this.busy) {
            return;
        }
        this.busy = true;
        this.printButton.disabled = true;
        this.status = printTestPage
            ? nls.localize('presswork/output/printingTestPage', 'Printing a test page on {0}…', this.options.printerName)
            : nls.localize('presswork/output/asking', 'Asking {0}…', this.options.printerName);
        this.update();
        try {
            this.result = await this.options.test(printTestPage);
            this.status = undefined;
        } catch (error) {
            this.result = undefined;
            this.status = nls.localize('presswork/output/testFailed', 'Test failed: {0}', messageOf(error));
        } finally {
            this.busy = false;
            this.printButton.disabled = false;
            this.update();
        }
    }

    protected render(): React.ReactNode {
        return <PrinterTestContent printerName={this.options.printerName} result={this.result} status={this.status} media={this.options.mediaReady()} catalog={this.options.catalog} />;
    }
}
