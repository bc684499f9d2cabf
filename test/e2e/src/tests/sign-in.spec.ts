import { test, expect } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { SignInPage } from '../page-objects/sign-in-page';
import { PressworkShell } from '../page-objects/presswork-shell';

const ADMIN_PASSWORD = 'Admin#Sign1n';

test.describe('signing in', () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('the administrator signs in, sees the Presswork shell, and signs out', async ({ page }) => {
        const signIn = new SignInPage(page, server.url);
        await signIn.open();
        await expect(page).toHaveTitle(/Sign in · Presswork/);
        await signIn.signIn('admin', ADMIN_PASSWORD);

        const shell = new PressworkShell(page);
        await shell.waitUntilReady();
        // Operations is every user's home: the title names its All Jobs pod.
        await expect(page).toHaveTitle('All Jobs - Presswork');
        await expect(shell.signedInUser()).toContainText('admin');
        // No IDE clutter: the file and editing menus are gone.
        await expect(shell.menu('File')).toHaveCount(0);
        await expect(shell.menu('Edit')).toHaveCount(0);
        await shell.menu('View').click();
        await expect(page.locator('.lm-Menu-itemLabel', { hasText: 'Workflows' })).toBeVisible();
        await expect(page.locator('.lm-Menu-itemLabel', { hasText: /Outline|Problems|Minimap|Word Wrap/ })).toHaveCount(0);
        await page.keyboard.press('Escape');
        // The status bar counts jobs, not source-code problems.
        await expect(page.locator('#theia-statusBar')).toContainText('in Error');
        await expect(page.locator('#theia-statusBar .codicon-warning')).toHaveCount(0);

        await shell.signOut();
        await page.goto(`${server.url}/`);
        await expect(page).toHaveURL(/\/login$/);
    });

    test('a wrong password and an unknown user get the same message and no shell', async ({ page }) => {
        const signIn = new SignInPage(page, server.url);
        await signIn.open();
        await signIn.signIn('admin', 'not-the-password');
        await expect(signIn.alert()).toHaveText('The user name or password is not correct');
        const wrongPassword = await page.content();

        await signIn.signIn('nobody', 'not-the-password');
        await expect(signIn.alert()).toHaveText('The user name or password is not correct');
        expect(wrongPassword.includes('admin')).toBe(true);
        await expect(page.locator('#theia-app-shell')).toHaveCount(0);
    });

    test('the shell, its assets and its routes are refused without a session', async ({ request }) => {
        const bundle = await request.get(`${server.url}/bundle.js`, { maxRedirects: 0 });
        expect(bundle.status()).toBe(401);
        const shell = await request.get(`${server.url}/`, { maxRedirects: 0, headers: { accept: 'text/html' } });
        expect(shell.status()).toBe(302);
        expect(shell.headers().location).toBe('/login');
        const health = await request.get(`${server.url}/health`);
        expect(health.status()).toBe(200);
        expect(await health.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
    });
});
