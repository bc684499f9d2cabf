import { test, expect } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { PressworkShell } from '../page-objects/presswork-shell';

const PASSWORD = 'Shell#Pass1';

test.describe("Presswork's own shell", () => {
    let server: PressworkServer;

    test.beforeAll(async () => {
        server = await PressworkServer.start({ adminPassword: PASSWORD });
    });

    test.afterAll(async () => {
        await server?.stop();
    });

    test('the menu bar has Operations, opening the workspace and the printers', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', PASSWORD);
        await expect(shell.menu('Operations')).toBeVisible();
        await shell.runMenu('Operations', 'Operations Workspace');
        await expect(page.locator('.lm-TabBar-tabLabel', { hasText: 'All Jobs' }).first()).toBeVisible();
        await shell.runMenu('Operations', 'Printers');
        await expect(page.locator('.lm-TabBar-tabLabel', { hasText: 'Printers' }).first()).toBeVisible();
    });

    test('Help opens the operator guide as a page of its own', async ({ page, context }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', PASSWORD);
        const opened = context.waitForEvent('page');
        await shell.runMenu('Help', 'Operator Guide');
        const guide = await opened;
        await expect(guide).toHaveURL(/\/guides\/operator$/);
        await expect(guide.locator('main h1').first()).toBeVisible();
        await expect(guide.locator('nav').getByRole('link', { name: 'Administrator guide' })).toBeVisible();
        // Its pictures are served too.
        const picture = guide.locator('main img').first();
        if (await picture.count() > 0) {
            await expect.poll(() => picture.evaluate(image => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
        }
    });

    test('the command palette offers Presswork commands, not the IDE ones', async ({ page }) => {
        await PressworkShell.signIn(page, server.url, 'admin', PASSWORD);
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        const rows = page.locator('.quick-input-list .monaco-list-row');
        for (const ide of ['Open Workspace', 'Toggle Minimap', 'Workspace Trust']) {
            await input.fill(`>${ide}`);
            await expect(rows.filter({ hasText: ide })).toHaveCount(0);
        }
        await input.fill('>Printers');
        await expect(rows.filter({ hasText: 'Printers' }).first()).toBeVisible();
    });

    test('About names Presswork and its version, and the status bar is not the no-workspace purple', async ({ page }) => {
        const shell = await PressworkShell.signIn(page, server.url, 'admin', PASSWORD);
        await shell.runMenu('Help', 'About');
        const dialog = page.locator('.dialogBlock');
        await expect(dialog.getByRole('heading', { name: 'Presswork' })).toBeVisible();
        await expect(dialog).toContainText(/Version \d+\.\d+\.\d+/);
        await expect(dialog).toContainText('@presswork/platform');
        await expect(dialog).not.toContainText('Monaco');
        await page.keyboard.press('Escape');
        const background = await page.locator('#theia-statusBar').evaluate(bar => getComputedStyle(bar).backgroundColor);
        expect(background).not.toBe('rgb(104, 33, 122)');
    });
});
