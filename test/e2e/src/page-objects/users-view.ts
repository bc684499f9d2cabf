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

    get dialog(): Locator {
        return this.page.locator('#theia-dialog-shell');
    }

    async createUser(name: string, authority: string, password: string): Promise<void> {
        await this.fillNewUser(name, authority, password);
        await this.dialog.getByRole('button', { name: 'Create' }).click();
        await expect(this.dialog).toHaveCount(0);
        await expect(this.row(name)).toBeVisible();
    }

    /** Sets a user's e-mail address with the row's E-mail… dialog ('' removes it). */
    async setEmail(name: string, email: string): Promise<void> {
        await this.row(name).getByRole('button', { name: 'E-mail…' }).click();
        await this.dialog.getByLabel('E-mail', { exact: true }).fill(email);
        await this.dialog.getByRole('button', { name: 'Save' }).click();
        await expect(this.dialog).toHaveCount(0);
    }

    /** Opens the new-user dialog and fills it, without creating the user yet. */
    async fillNewUser(name: string, authority: string, password: string): Promise<void> {
        await this.root.getByRole('button', { name: 'New user…' }).click();
        await this.dialog.getByLabel('User name').fill(name);
        await this.dialog.getByLabel('Authority').selectOption(authority);
        await this.dialog.getByLabel('Initial password').fill(password);
        await this.dialog.getByLabel('Confirm password').fill(password);
    }
}
