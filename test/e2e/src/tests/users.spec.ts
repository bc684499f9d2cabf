import { test, expect } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { SignInPage } from '../page-objects/sign-in-page';
import { PressworkShell } from '../page-objects/presswork-shell';
import { UsersView } from '../page-objects/users-view';

const ADMIN_PASSWORD = 'Admin#Users1';

test.describe('users and authorities', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('an administrator sets a user\'s e-mail address, and a user sets their own', async ({ browser }) => {
        const adminPage = await browser.newPage();
        const adminShell = await PressworkShell.signIn(adminPage, server.url, 'admin', ADMIN_PASSWORD);
        await adminShell.runMenu('View', 'Users');
        const users = new UsersView(adminPage);
        await users.createUser('Mia', 'Monitor', 'M0nitor#Start');
        await expect(users.row('Mia').locator('[data-column="email"]')).toHaveText('(none)');

        await users.row('Mia').getByRole('button', { name: 'E-mail…' }).click();
        await users.dialog.getByLabel('E-mail', { exact: true }).fill('not an address');
        await expect(users.dialog).toContainText('must be an e-mail address');
        await expect(users.dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
        await users.dialog.getByLabel('E-mail', { exact: true }).fill('mia@shop.test');
        await users.dialog.getByRole('button', { name: 'Save' }).click();
        await expect(users.dialog).toHaveCount(0);
        await expect(users.row('Mia').locator('[data-column="email"]')).toHaveText('mia@shop.test');

        await adminShell.runMenu('Account', 'E-mail address…');
        await users.dialog.getByLabel('E-mail', { exact: true }).fill('ops@shop.test');
        await users.dialog.getByRole('button', { name: 'Save' }).click();
        await expect(users.row('admin').locator('[data-column="email"]')).toHaveText('ops@shop.test');

        await users.setEmail('Mia', '');
        await expect(users.row('Mia').locator('[data-column="email"]')).toHaveText('(none)');
        await adminPage.close();
    });

    test('an administrator creates an operator, who must change the password and cannot manage users', async ({ browser }) => {
        const adminPage = await browser.newPage();
        const adminShell = await PressworkShell.signIn(adminPage, server.url, 'admin', ADMIN_PASSWORD);
        await adminShell.runMenu('View', 'Users');
        const users = new UsersView(adminPage);
        await expect(users.row('admin')).toBeVisible();
        await users.createUser('Olivia', 'Operator', 'Operat0r#Start');
        await expect(users.row('Olivia')).toContainText('must be changed at next sign-in');

        const operatorPage = await browser.newPage();
        const operatorSignIn = new SignInPage(operatorPage, server.url);
        await operatorSignIn.open();
        // User names are case-sensitive.
        await operatorSignIn.signIn('olivia', 'Operat0r#Start');
        await expect(operatorSignIn.alert()).toHaveText('The user name or password is not correct');
        await operatorSignIn.signIn('Olivia', 'Operat0r#Start');
        await operatorSignIn.changePassword('Operat0r#Start', 'Operat0r#Mine');
        const operatorShell = new PressworkShell(operatorPage);
        await operatorShell.waitUntilReady();
        await expect(operatorShell.signedInUser()).toContainText('Olivia');
        await operatorShell.menu('View').click();
        await expect(operatorPage.locator('.lm-Menu-itemLabel', { hasText: /^Users$/ })).toHaveCount(0);
        await operatorPage.keyboard.press('Escape');

        // The administrator's view follows the change live.
        await expect(users.row('Olivia')).toContainText('set');
        await expect(users.row('Olivia')).not.toContainText('must be changed');

        // Deleting her ends her session: her next call to the backend is refused.
        await users.row('Olivia').getByRole('button', { name: 'Delete…' }).click();
        await adminPage.locator('#theia-dialog-shell').getByRole('button', { name: 'Delete' }).click();
        await expect(users.row('Olivia')).toHaveCount(0);
        await operatorShell.runMenu('Account', 'Change password…');
        const dialog = operatorPage.locator('#theia-dialog-shell');
        await dialog.getByLabel('Current password').fill('Operat0r#Mine');
        await dialog.getByLabel('New password', { exact: true }).fill('Operat0r#Next');
        await dialog.getByLabel('Confirm new password').fill('Operat0r#Next');
        await dialog.getByRole('button', { name: 'Change password' }).click();
        await expect(dialog.locator('.error')).toContainText('Your session has ended: sign in again');
    });

    test('the last administrator cannot be demoted or deleted, and the view says why', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        await shell.runMenu('View', 'Users');
        const users = new UsersView(page);
        const authority = users.row('admin').getByLabel('Authority of admin');
        await expect(authority).toBeDisabled();
        await expect(authority).toHaveAccessibleDescription('The last administrator: make another user an administrator first');
        await expect(users.row('admin').getByRole('button', { name: 'Delete…' })).toBeDisabled();

        // With a second administrator, changing one's own authority asks first, naming what is lost; Cancel is the default and keeps it.
        await users.createUser('Ada', 'Administrator', 'Adm1n#Second');
        await expect(authority).toBeEnabled();
        await authority.selectOption('Monitor');
        const question = page.getByRole('dialog', { name: 'Change your own authority' });
        await expect(question).toContainText('You are changing your own authority to Monitor');
        await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
        await question.getByRole('button', { name: 'Cancel' }).click();
        await expect(authority).toHaveValue('Administrator');

        // Ada steps down: admin is the last one again.
        await users.row('Ada').getByLabel('Authority of Ada').selectOption('Operator');
        await expect(authority).toBeDisabled();
    });
});
