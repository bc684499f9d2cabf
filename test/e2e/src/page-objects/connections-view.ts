import { Page, expect, Locator } from '@playwright/test';

export interface ConnectionFields {
    readonly name: string;
    readonly endpointUrl: string;
    readonly orderToken: string;
    readonly pollingIntervalSeconds?: number;
}

/** The Connections view, its connection dialog and its log. */
export class ConnectionsView {
    constructor(readonly page: Page) { }

    get root(): Locator {
        return this.page.locator('#presswork-connections');
    }

    row(name: string): Locator {
        return this.root.locator(`tr[data-connection="${name}"]`);
    }

    get dialog(): Locator {
        return this.page.locator('#theia-dialog-shell');
    }

    async create(fields: ConnectionFields): Promise<void> {
        await this.fillNew(fields);
        await this.dialog.getByRole('button', { name: 'Create' }).click();
        await expect(this.dialog).toHaveCount(0);
        await expect(this.row(fields.name)).toBeVisible();
    }

    /** Opens the new-connection dialog and fills it, without creating the connection yet. */
    async fillNew(fields: ConnectionFields): Promise<void> {
        await this.root.getByRole('button', { name: 'New connection…' }).click();
        await this.dialog.getByLabel('Name', { exact: true }).fill(fields.name);
        await this.dialog.getByLabel('Endpoint URL').fill(fields.endpointUrl);
        await this.dialog.getByLabel('Order token', { exact: true }).fill(fields.orderToken);
        if (fields.pollingIntervalSeconds !== undefined) {
            await this.dialog.getByLabel('Polling interval (seconds)').fill(String(fields.pollingIntervalSeconds));
        }
    }

    async test(name: string): Promise<Locator> {
        await this.row(name).getByRole('button', { name: 'Test connection' }).click();
        return this.page.locator('.theia-notification-message', { hasText: name }).first();
    }

    async setEnabled(name: string, enabled: boolean): Promise<void> {
        await this.row(name).getByLabel(`Enabled: ${name}`).setChecked(enabled);
    }

    async openLog(name: string): Promise<Locator> {
        await this.row(name).getByRole('button', { name: 'Log…' }).click();
        return this.dialog.getByRole('table', { name: 'Connection log' });
    }

    async closeDialog(): Promise<void> {
        await this.dialog.locator('.dialogControl').getByRole('button', { name: 'Close', exact: true }).click();
        await expect(this.dialog).toHaveCount(0);
    }
}
