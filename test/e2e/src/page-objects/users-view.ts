import { Page, expect, Locator } from '@playwright/test';

/** The administrators' Users view and its dialogs. */
export class UsersView {
    constructor(readonly page: Page) { }

    get root(): Locator {
        return this.page.locator('#presswork-users');
    }

    row(name: string): Locator {
        return this.root.locator(`tr[data-user="${name}"]`);
    }

    async createUser(name: string, authority: string, password: string): Promise<void> {
        await this.root.getByRole('button', { name: 'New user…' }).click();
        const dialog = this.page.locator('#theia-dialog-shell');
        await dialog.getByLabel('User name').fill(name);
        await dialog.getByLabel('Authority').selectOption(authority);
        await dialog.getByLabel('Initial password').fill(password);
        await dialog.getByLabel('Confirm password').fill(password);
        await dialog.getByRole('button', { name: 'Create' }).click();
        await expect(dialog).toHaveCount(0);
        await expect(this.row(name)).toBeVisible();
    }
}
