import { Page, expect, Locator } from '@playwright/test';

export interface TemplateFields {
    readonly name: string;
    readonly productType: string;
    /** The label of the workflow the template sends matching products to. */
    readonly workflow: string;
}

/** The Production Templates view and its new-template dialog. */
export class ProductionTemplatesView {
    constructor(readonly page: Page) { }

    get root(): Locator {
        return this.page.locator('#presswork-production-templates');
    }

    row(name: string): Locator {
        return this.root.locator(`tr[data-template="${name}"]`);
    }

    get dialog(): Locator {
        return this.page.locator('#theia-dialog-shell');
    }

    async create(fields: TemplateFields): Promise<void> {
        await this.fillNew(fields);
        await this.dialog.getByRole('button', { name: 'Create' }).click();
        await expect(this.dialog).toHaveCount(0);
    }

    /** Opens the new-template dialog and fills it, without creating the template yet. */
    async fillNew(fields: TemplateFields): Promise<void> {
        await this.root.getByRole('button', { name: 'New production template…' }).click();
        await this.dialog.getByLabel('Name', { exact: true }).fill(fields.name);
        await this.dialog.getByLabel('Match product type').selectOption(fields.productType);
        await this.dialog.getByLabel('Workflow', { exact: true }).selectOption({ label: fields.workflow });
    }
}
