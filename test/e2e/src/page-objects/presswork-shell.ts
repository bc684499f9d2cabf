import { Page, expect, Locator } from '@playwright/test';
import { SignInPage } from './sign-in-page';

/** The Theia shell once signed in: menu bar, status bar, views. */
/** Every Presswork view of the View menu, as an administrator has them (an Operator and a Monitor have some). */
export const PRESSWORK_VIEWS = ['Operations', 'Printers', 'Connections', 'Production Templates', 'Workflows', 'Users', 'Data Problems', 'Servers', 'Notifications'];

export class PressworkShell {
    constructor(readonly page: Page) { }

    /** Signs in on the sign-in page and waits for the shell. */
    static async signIn(page: Page, baseUrl: string, name: string, password: string): Promise<PressworkShell> {
        const signIn = new SignInPage(page, baseUrl);
        await signIn.open();
        await signIn.signIn(name, password);
        const shell = new PressworkShell(page);
        await shell.waitUntilReady();
        return shell;
    }

    /** A user an administrator created signs in for the first time and chooses their own password. */
    static async signInFirstTime(page: Page, baseUrl: string, name: string, startPassword: string, password: string): Promise<PressworkShell> {
        const signIn = new SignInPage(page, baseUrl);
        await signIn.open();
        await signIn.signIn(name, startPassword);
        await signIn.changePassword(startPassword, password);
        const shell = new PressworkShell(page);
        await shell.waitUntilReady();
        return shell;
    }

    async waitUntilReady(): Promise<void> {
        await expect(this.page.locator('#theia-app-shell')).toBeVisible({ timeout: 60_000 });
        await expect(this.page.locator('.theia-preload')).toHaveCount(0, { timeout: 60_000 });
        await expect(this.menu('Account')).toBeVisible();
    }

    menu(label: string): Locator {
        return this.page.locator('#theia\\:menubar .lm-MenuBar-itemLabel', { hasText: label });
    }

    /** Clicks a main menu and then one of its entries. */
    async runMenu(menu: string, entry: string): Promise<void> {
        await this.menu(menu).click();
        await this.page.locator('.lm-Menu-itemLabel', { hasText: entry }).first().click();
    }

    signedInUser(): Locator {
        return this.page.locator('#theia-statusBar #status-bar-presswork-account');
    }

    async signOut(): Promise<void> {
        await this.runMenu('Account', 'Sign out');
        await expect(this.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    }

    async runCommand(label: string): Promise<void> {
        await this.page.keyboard.press('F1');
        const input = this.page.locator('.quick-input-widget input');
        await input.fill(`>${label}`);
        await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
    }
}
