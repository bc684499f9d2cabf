import { test, expect } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { SignInPage } from '../page-objects/sign-in-page';
import { PressworkShell } from '../page-objects/presswork-shell';

test.describe('first start without a configured password', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start();
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('admin signs in with the generated password and must choose a new one first', async ({ page }) => {
        const generated = await server.generatedAdminPassword();
        expect(generated).toMatch(/^\S{16}$/);
        const signIn = new SignInPage(page, server.url);
        await signIn.open();
        await signIn.signIn('admin', generated);
        await expect(page).toHaveURL(/\/login\/password$/);

        // The shell stays closed until the password is changed.
        await page.goto(`${server.url}/`);
        await expect(page).toHaveURL(/\/login\/password$/);

        await signIn.changePassword(generated, 'Chosen#Pass1', 'Chosen#Pass2');
        await expect(signIn.alert()).toHaveText('The new passwords do not match');
        await signIn.changePassword(generated, 'short');
        await expect(signIn.alert()).toHaveText('Password must be at least 8 bytes long');
        await signIn.changePassword(generated, 'Chosen#Pass1');

        const shell = new PressworkShell(page);
        await shell.waitUntilReady();
        await shell.signOut();

        await signIn.signIn('admin', generated);
        await expect(signIn.alert()).toHaveText('The user name or password is not correct');
        await signIn.signIn('admin', 'Chosen#Pass1');
        await shell.waitUntilReady();
    });
});
