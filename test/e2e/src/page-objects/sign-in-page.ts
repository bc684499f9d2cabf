import { Page, expect } from '@playwright/test';

/** The sign-in and change-password pages served before the shell. */
export class SignInPage {
    constructor(readonly page: Page, readonly baseUrl: string) { }

    async open(): Promise<void> {
        await this.page.goto(`${this.baseUrl}/`);
        await expect(this.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    }

    async signIn(name: string, password: string): Promise<void> {
        await this.page.getByLabel('User name').fill(name);
        await this.page.getByLabel('Password', { exact: true }).fill(password);
        await this.page.getByRole('button', { name: 'Sign in' }).click();
    }

    alert() {
        return this.page.getByRole('alert');
    }

    async changePassword(current: string, next: string, confirm = next): Promise<void> {
        await this.fillChangePassword(current, next, confirm);
        await this.submitChangePassword();
    }

    async submitChangePassword(): Promise<void> {
        await this.page.getByRole('button', { name: 'Change password' }).click();
    }

    /** Fills the change-password form without sending it (the guide photographs it first). */
    async fillChangePassword(current: string, next: string, confirm = next): Promise<void> {
        await expect(this.page.getByRole('button', { name: 'Change password' })).toBeVisible();
        await this.page.getByLabel('Current password').fill(current);
        await this.page.getByLabel('New password', { exact: true }).fill(next);
        await this.page.getByLabel('Confirm new password').fill(confirm);
    }
}
