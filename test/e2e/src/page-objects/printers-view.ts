import { Page, expect, Locator } from '@playwright/test';

export interface IppPrinterFields {
    readonly name: string;
    readonly uri: string;
}

/** The Printers view: one card per printer (state, queue, media ready, supplies), Test and its dialog. */
export class PrintersView {
    constructor(readonly page: Page) { }

    get root(): Locator {
        return this.page.locator('#presswork-printers');
    }

    get dialog(): Locator {
        return this.page.locator('#theia-dialog-shell');
    }

    card(name: string): Locator {
        return this.root.locator(`article[data-printer="${name}"]`);
    }

    /** The state badge: the state in a word, its reasons in words, since when. */
    state(name: string): Locator {
        return this.card(name).locator('[data-field="printerState"]');
    }

    part(name: string, field: 'printerQueue' | 'printerMedia' | 'printerSupplies'): Locator {
        return this.card(name).locator(`[data-field="${field}"]`);
    }

    async createIpp(fields: IppPrinterFields): Promise<void> {
        await this.root.getByRole('button', { name: 'New printer…' }).click();
        await this.dialog.getByLabel('Name', { exact: true }).fill(fields.name);
        await this.dialog.getByLabel('Kind').selectOption('ipp');
        await this.dialog.getByLabel('Printer URI').fill(fields.uri);
        await this.dialog.getByRole('button', { name: 'Create' }).click();
        await expect(this.dialog).toHaveCount(0);
        await expect(this.card(fields.name)).toBeVisible();
    }

    get testDialog(): Locator {
        return this.page.locator('.presswork-printer-test-dialog');
    }

    /** Opens Test… of the printer; the dialog asks the printer at once. */
    async test(name: string): Promise<Locator> {
        await this.card(name).getByRole('button', { name: 'Test…' }).click();
        await expect(this.testDialog).toBeVisible();
        return this.testDialog;
    }

    async closeTest(): Promise<void> {
        await this.testDialog.getByRole('button', { name: 'Close', exact: true }).click();
        await expect(this.testDialog).toHaveCount(0);
    }
}
